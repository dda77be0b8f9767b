/** A counter as it stands after a change: its value and how long until it is forgotten. */
export interface RateCounter {
  count: number;
  /** Milliseconds until the counter expires (and starts again from zero). */
  msLeft: number;
}

/**
 * Where abuse limits keep their counts: in this process (one instance, the embedded store) or
 * in Redis (REDIS_URL: several instances count together, so two instances do not give twice the
 * attempts). Keys are plain strings; every operation on one key is atomic.
 */
export interface RateLimitStore {
  /**
   * Adds one to the counter at `key`. A new counter lives `ttlMs` from its first hit (a fixed
   * window); with `slide`, every hit restarts that time (a memory that lasts while hits go on).
   */
  hit(key: string, ttlMs: number, options?: { slide?: boolean }): Promise<RateCounter>;
  /** Takes one back from a live counter (never below zero, never creating one). */
  refund(key: string): Promise<void>;
  /** Marks `key` for `ms` (e.g. an account's back-off), replacing any earlier mark. */
  hold(key: string, ms: number): Promise<void>;
  /** The counter or mark at `key` as it stands, unchanged; `{ count: 0, msLeft: 0 }` if none. */
  peek(key: string): Promise<RateCounter>;
  /** Forgets `keys`. */
  clear(...keys: string[]): Promise<void>;
}

/** Injection token of the process's one RateLimitStore. */
export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');

/** Entries kept before expired ones are swept. */
const SWEEP_AT = 10_000;

/**
 * In this process only: for one instance, and the Redis store's last resort while neither Redis
 * nor the database answers. `clock` lets unit tests move time.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly entries = new Map<string, { count: number; expiresAt: number }>();

  constructor(private readonly clock: () => number = Date.now) {}

  async hit(key: string, ttlMs: number, options: { slide?: boolean } = {}): Promise<RateCounter> {
    const now = this.clock();
    this.sweep(now);
    const entry = this.live(key, now) ?? { count: 0, expiresAt: now + ttlMs };
    entry.count += 1;
    if (options.slide) entry.expiresAt = now + ttlMs;
    this.entries.set(key, entry);
    return { count: entry.count, msLeft: entry.expiresAt - now };
  }

  async refund(key: string): Promise<void> {
    const entry = this.live(key, this.clock());
    if (entry && entry.count > 0) entry.count -= 1;
  }

  async hold(key: string, ms: number): Promise<void> {
    this.entries.set(key, { count: 1, expiresAt: this.clock() + ms });
  }

  async peek(key: string): Promise<RateCounter> {
    const now = this.clock();
    const entry = this.live(key, now);
    return entry ? { count: entry.count, msLeft: entry.expiresAt - now } : { count: 0, msLeft: 0 };
  }

  async clear(...keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
  }

  private live(key: string, now: number): { count: number; expiresAt: number } | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(now: number): void {
    if (this.entries.size <= SWEEP_AT) return;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
