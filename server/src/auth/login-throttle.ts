import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

const WINDOW_MS = 60_000;

/**
 * Counts sign-in attempts per account and client address in one-minute windows and refuses
 * the excess with 429, to slow password guessing. Per instance and in memory: a determined
 * attacker spread over instances gets a multiple of the limit, which still defeats guessing.
 */
@Injectable()
export class LoginThrottle {
  private readonly windows = new Map<string, { startedAt: number; attempts: number }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  check(key: string, now = Date.now()): void {
    if (this.windows.size > 10_000) this.forgetExpired(now);
    const window = this.windows.get(key);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      this.windows.set(key, { startedAt: now, attempts: 1 });
      return;
    }
    window.attempts += 1;
    if (window.attempts > this.config.LOGIN_ATTEMPTS_PER_MINUTE) {
      throw new HttpException(
        { statusCode: 429, error: 'Too Many Requests', message: 'Too many sign-in attempts for this account; wait a minute and try again' },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }

  private forgetExpired(now: number): void {
    for (const [key, window] of this.windows) if (now - window.startedAt >= WINDOW_MS) this.windows.delete(key);
  }
}
