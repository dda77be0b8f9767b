import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

const WINDOW_MS = 60_000;
/** An account's failure count is forgotten after this long without a failure. */
const ACCOUNT_MEMORY_MS = 15 * 60_000;
/** Entries kept before expired ones are swept. */
const SWEEP_AT = 10_000;

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
  succeeded(): void;
  failed(): void;
  /** No verdict (e.g. the server was too busy to check): frees the slot, counts nothing. */
  cancelled(): void;
}

interface AddressWindow {
  startedAt: number;
  /** Attempts admitted in this window that did not succeed (yet). */
  attempts: number;
}

interface AccountState {
  failures: number;
  blockedUntil: number;
  lastFailureAt: number;
}

/** 429 with the wait in seconds, in the body, the message and (via the filter) Retry-After. */
export function tooManyAttempts(seconds: number, what: string): HttpException {
  const wait = Math.max(1, Math.ceil(seconds));
  return new HttpException(
    {
      statusCode: 429,
      error: 'Too Many Requests',
      code: 'rate_limited',
      message: `Too many sign-in attempts ${what}; wait ${wait} ${wait === 1 ? 'second' : 'seconds'} and try again`,
      retryAfter: wait,
    },
    HttpStatus.TOO_MANY_REQUESTS,
  );
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
 * Per instance and in memory: a guesser spread over instances gets a multiple of the limits,
 * which still defeats guessing.
 */
@Injectable()
export class LoginThrottle {
  private readonly addresses = new Map<string, AddressWindow>();
  private readonly accounts = new Map<string, AccountState>();
  private readonly devices = new Map<string, { startedAt: number; failures: number }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Admits an attempt or throws 429; the caller reports how it ended on the ticket. */
  begin(attempt: SignInAttempt, now = Date.now()): SignInTicket {
    this.sweep(now);
    if (attempt.device) return this.beginOnDevice(attempt.device, now);

    const window = this.addressWindow(attempt.address, now);
    if (window.attempts >= this.config.LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE) {
      throw tooManyAttempts((window.startedAt + WINDOW_MS - now) / 1000, 'from this address');
    }
    const account = this.accounts.get(attempt.account);
    if (account && account.blockedUntil > now) {
      throw tooManyAttempts((account.blockedUntil - now) / 1000, 'for this account');
    }
    // Counted when admitted, so a burst is cut off before it is hashed; a success is refunded.
    window.attempts += 1;
    const startedAt = window.startedAt;
    let settled = false;
    const settle = () => {
      if (settled) return false;
      settled = true;
      return true;
    };
    return {
      priority: window.attempts,
      succeeded: () => {
        if (!settle()) return;
        if (window.startedAt === startedAt) window.attempts -= 1;
        this.accounts.delete(attempt.account);
      },
      failed: () => {
        if (settle()) this.accountFailed(attempt.account, Date.now());
      },
      cancelled: () => {
        settle();
      },
    };
  }

  private beginOnDevice(device: string, now: number): SignInTicket {
    let state = this.devices.get(device);
    if (!state || now - state.startedAt >= WINDOW_MS) {
      state = { startedAt: now, failures: 0 };
      this.devices.set(device, state);
    }
    if (state.failures >= this.config.LOGIN_ATTEMPTS_PER_MINUTE) {
      throw tooManyAttempts((state.startedAt + WINDOW_MS - now) / 1000, 'from this device');
    }
    const current = state;
    return {
      priority: current.failures,
      succeeded: () => undefined,
      failed: () => {
        current.failures += 1;
      },
      cancelled: () => undefined,
    };
  }

  private addressWindow(address: string, now: number): AddressWindow {
    let window = this.addresses.get(address);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      window = { startedAt: now, attempts: 0 };
      this.addresses.set(address, window);
    }
    return window;
  }

  private accountFailed(account: string, now: number): void {
    const state = this.accounts.get(account) ?? { failures: 0, blockedUntil: 0, lastFailureAt: now };
    if (now - state.lastFailureAt >= ACCOUNT_MEMORY_MS) state.failures = 0;
    state.failures += 1;
    state.lastFailureAt = now;
    const excess = state.failures - this.config.LOGIN_ATTEMPTS_PER_MINUTE;
    if (excess >= 0) {
      const seconds = Math.min(2 ** Math.min(excess, 20), this.config.LOGIN_BACKOFF_MAX_SECONDS);
      state.blockedUntil = now + seconds * 1000;
    }
    this.accounts.set(account, state);
  }

  private sweep(now: number): void {
    if (this.addresses.size > SWEEP_AT) {
      for (const [key, window] of this.addresses) if (now - window.startedAt >= WINDOW_MS) this.addresses.delete(key);
    }
    if (this.accounts.size > SWEEP_AT) {
      for (const [key, state] of this.accounts)
        if (now - state.lastFailureAt >= ACCOUNT_MEMORY_MS && state.blockedUntil <= now) this.accounts.delete(key);
    }
    if (this.devices.size > SWEEP_AT) {
      for (const [key, state] of this.devices) if (now - state.startedAt >= WINDOW_MS) this.devices.delete(key);
    }
  }
}
