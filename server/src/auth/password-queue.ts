import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/** Waiters one address may have queued; more are refused at once. */
const QUEUED_PER_ADDRESS = 4;
/** Waiters in all; more are refused at once (503 + Retry-After). */
const QUEUED_IN_ALL = 256;
/** Longest wait for a turn before giving up with 503. */
const MAX_WAIT_MS = 10_000;

interface Waiter {
  /** Lower goes first: a clean address before one that has been failing. */
  priority: number;
  start: () => void;
  fail: (error: Error) => void;
  timer: NodeJS.Timeout;
}

function busy(): HttpException {
  return new HttpException(
    {
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'busy',
      message: 'The server is busy checking other sign-ins; wait 1 second and try again',
      retryAfter: 1,
    },
    HttpStatus.SERVICE_UNAVAILABLE,
  );
}

/**
 * Bounds how many password hashes run at once (argon2id at 64 MiB each) and serves the waiters
 * round-robin by client address, so one address flooding sign-ins delays everyone else by at
 * most a turn or two instead of queueing them behind its own attempts.
 */
@Injectable()
export class PasswordQueue {
  private running = 0;
  private queued = 0;
  /** Address → its waiters, in the order addresses first queued (a Map keeps insertion order). */
  private readonly waiting = new Map<string, Waiter[]>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * Runs `work` when a slot is free. Among waiting addresses the one with the lowest `priority`
   * (e.g. its recent failures) goes first; equals take turns.
   */
  async run<T>(address: string, priority: number, work: () => Promise<T>): Promise<T> {
    await this.acquire(address, priority);
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(address: string, priority: number): Promise<void> {
    if (this.running < this.config.LOGIN_HASH_CONCURRENCY && this.queued === 0) {
      this.running += 1;
      return Promise.resolve();
    }
    const own = this.waiting.get(address) ?? [];
    if (own.length >= QUEUED_PER_ADDRESS || this.queued >= QUEUED_IN_ALL) return Promise.reject(busy());
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        priority,
        start: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        fail: reject,
        timer: setTimeout(() => {
          this.remove(address, waiter);
          reject(busy());
        }, MAX_WAIT_MS),
      };
      own.push(waiter);
      this.waiting.set(address, own);
      this.queued += 1;
    });
  }

  private release(): void {
    // The best address in line gets the slot (the first of equals) and goes to the back.
    let chosen: [string, Waiter[]] | undefined;
    for (const entry of this.waiting) {
      if (!chosen || (entry[1][0]?.priority ?? 0) < (chosen[1][0]?.priority ?? 0)) chosen = entry;
    }
    if (!chosen) {
      this.running -= 1;
      return;
    }
    const [address, waiters] = chosen;
    const waiter = waiters.shift();
    this.waiting.delete(address);
    if (waiters.length > 0) this.waiting.set(address, waiters);
    if (!waiter) {
      this.running -= 1;
      return;
    }
    this.queued -= 1;
    waiter.start();
  }

  private remove(address: string, waiter: Waiter): void {
    const waiters = this.waiting.get(address);
    const index = waiters?.indexOf(waiter) ?? -1;
    if (!waiters || index < 0) return;
    waiters.splice(index, 1);
    this.queued -= 1;
    if (waiters.length === 0) this.waiting.delete(address);
  }
}
