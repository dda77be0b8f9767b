import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { RATE_LIMIT_STORE, type RateLimitStore } from './rate-limit.store.js';

/**
 * 429 `rate_limited` with the wait in whole seconds (at least one) in the body, the message
 * and — through the exception filter — the Retry-After header. `subject` opens the message,
 * e.g. "Too many searches".
 */
export function rateLimited(seconds: number, subject: string): HttpException {
  const wait = Math.max(1, Math.ceil(seconds));
  return new HttpException(
    {
      statusCode: 429,
      error: 'Too Many Requests',
      code: 'rate_limited',
      message: `${subject}; wait ${wait} ${wait === 1 ? 'second' : 'seconds'} and try again`,
      retryAfter: wait,
    },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}

/** A fixed-window request limit over the process's RateLimitStore (shared through Redis when set). */
@Injectable()
export class RateLimiter {
  constructor(@Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore) {}

  /**
   * Counts one request under `key` (name the limit in it, e.g. `search:<userId>`); once more than
   * `limit` were made in the `windowMs` since the window's first, throws `rateLimited`.
   */
  async consume(key: string, limit: number, windowMs: number, subject: string): Promise<void> {
    const { count, msLeft } = await this.store.hit(key, windowMs);
    if (count > limit) throw rateLimited(msLeft / 1000, subject);
  }
}
