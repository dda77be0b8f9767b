import { type HttpException, Inject, Injectable } from '@nestjs/common';
import { RATE_LIMIT_STORE, type RateLimitStore } from '../common/rate-limit/rate-limit.store.js';
import { rateLimited } from '../common/rate-limit/rate-limiter.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

const WINDOW_MS = 60_000;
/** An account's failure count is forgotten after this long without a failure. */
const ACCOUNT_MEMORY_MS = 15 * 60_000;

/** Who is signing in: the client address, the account, and the device if it proved one. */
export interface SignInAttempt {
  address: string;
  account: string;
  /** Id of a valid device token issued to this same account; null for an unknown device. */
  device: string | null;
}

/** The outcome of one admitted attempt; exactly one of the two is called. */
export interface SignInTicket {
  /** How many attempts from this address (or device) did not succeed lately: lower is served first. */
  readonly priority: number;
  succeeded(): Promise<void>;
  failed(): Promise<void>;
  /** No verdict (e.g. the server was too busy to check): counts nothing more. */
  cancelled(): void;
}

/** 429 with the wait in seconds, in the body, the message and (via the filter) Retry-After. */
export function tooManyAttempts(seconds: number, what: string): HttpException {
  return rateLimited(seconds, `Too many sign-in attempts ${what}`);
}

/**
 * Slows password guessing without letting a guesser lock the owner out:
 *
 * - per client address: attempts per minute that did not succeed, whatever the e-mail (stops
 *   floods that rotate e-mails before any password is hashed; successes are not counted, so an
 *   office behind one address is not held back by its own sign-ins);
 * - per account, from devices the account has not signed in on: after LOGIN_ATTEMPTS_PER_MINUTE
 *   failures, a back-off of 1 s that doubles with every further failure, up to
 *   LOGIN_BACKOFF_MAX_SECONDS — a pause, never a lock: the right password after it still works;
 * - a device that once signed in to the account (a signed device token) is exempt from both, and
 *   only its own failures count against it, so an attacker cannot shut the owner out.
 *
 * Counted in the RateLimitStore: with REDIS_URL every instance shares the counts, so attempts
 * spread over instances meet the same limits as on one. While Redis does not answer, the store
 * counts in the database the instances share (and in each instance's memory only if that does
 * not answer either; see RedisRateLimitStore): never every sign-in refused, never unlimited guessing.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
  ) {}

  /** Admits an attempt or throws 429; the caller reports how it ended on the ticket. */
  async begin(attempt: SignInAttempt): Promise<SignInTicket> {
    if (attempt.device) return this.beginOnDevice(attempt.device);

    const addressKey = `login:address:${attempt.address}`;
    const blockedKey = `login:blocked:${attempt.account}`;
    // Counted on arrival in one atomic step, whichever instance it reached, so a burst is cut off
    // before it is hashed; a success is refunded (and an attempt refused for its account too).
    const [address, blocked] = await Promise.all([this.store.hit(addressKey, WINDOW_MS), this.store.peek(blockedKey)]);
    if (address.count > this.config.LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE) {
      throw tooManyAttempts(address.msLeft / 1000, 'from this address');
    }
    if (blocked.msLeft > 0) {
      await this.store.refund(addressKey);
      throw tooManyAttempts(blocked.msLeft / 1000, 'for this account');
    }
    let settled = false;
    const settle = () => {
      if (settled) return false;
      settled = true;
      return true;
    };
    return {
      priority: address.count,
      succeeded: async () => {
        if (!settle()) return;
        await Promise.all([this.store.refund(addressKey), this.store.clear(`login:failures:${attempt.account}`, blockedKey)]);
      },
      failed: async () => {
        if (settle()) await this.accountFailed(attempt.account);
      },
      cancelled: () => {
        settle();
      },
    };
  }

  private async beginOnDevice(device: string): Promise<SignInTicket> {
    const key = `login:device:${device}`;
    const state = await this.store.peek(key);
    if (state.count >= this.config.LOGIN_ATTEMPTS_PER_MINUTE) {
      throw tooManyAttempts(state.msLeft / 1000, 'from this device');
    }
    return {
      priority: state.count,
      succeeded: async () => undefined,
      failed: async () => {
        await this.store.hit(key, WINDOW_MS);
      },
      cancelled: () => undefined,
    };
  }

  private async accountFailed(account: string): Promise<void> {
    // Remembered while failures go on; forgotten ACCOUNT_MEMORY_MS after the last one.
    const { count } = await this.store.hit(`login:failures:${account}`, ACCOUNT_MEMORY_MS, { slide: true });
    const excess = count - this.config.LOGIN_ATTEMPTS_PER_MINUTE;
    if (excess >= 0) {
      const seconds = Math.min(2 ** Math.min(excess, 20), this.config.LOGIN_BACKOFF_MAX_SECONDS);
      await this.store.hold(`login:blocked:${account}`, seconds * 1000);
    }
  }
}
