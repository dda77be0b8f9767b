import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { MemoryRateLimitStore, type RateCounter, type RateLimitStore } from './rate-limit.store.js';

/** How long the start waits for Redis before it goes on with the in-memory fallback. */
const CONNECT_WAIT_MS = 5_000;
/** A limit check may not hold a request up longer than this; then the fallback answers. */
const COMMAND_TIMEOUT_MS = 500;

/** INCR and the window's expiry in one step, so no counter is ever left without one. */
const HIT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 or ARGV[2] == '1' then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

/** DECR only a live counter above zero: a refund never creates a key without expiry. */
const REFUND = `
local value = tonumber(redis.call('GET', KEYS[1]) or '0')
if value > 0 then redis.call('DECR', KEYS[1]) end
return 0`;

/** A counter's value and time left read together. */
const PEEK = `
return {tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('PTTL', KEYS[1])}`;

/**
 * Counts in Redis, so every instance shares each limit. While Redis does not answer, `fallback`
 * counts instead — the database (DatabaseRateLimitStore, shared by every instance too), and this
 * process's memory for whatever the database cannot answer either: failing open would lift the
 * sign-in limit for anyone who can make Redis slow, and failing closed would refuse every sign-in
 * and search while Redis is down. Counting in memory is what a single instance always had — a
 * guesser gets the limit once per instance, never unlimited attempts.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly logger = new Logger(RedisRateLimitStore.name);
  private readonly client: Redis;
  private degraded = false;

  /** `prefix` keeps deployments (and test runs) that share one Redis apart. */
  constructor(
    url: string,
    private readonly prefix: string,
    private readonly fallback: RateLimitStore = new MemoryRateLimitStore(),
  ) {
    // No offline queue: while disconnected a command fails at once and the fallback answers.
    this.client = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: COMMAND_TIMEOUT_MS,
    });
    this.client.on('error', (error: Error) => this.logger.warn(`Redis (rate limits): ${error.message}`));
  }

  /** Connects, waiting a bounded time: the start never hangs on Redis (the fan-out judges REDIS_URL). */
  async connect(): Promise<void> {
    await Promise.race([
      this.client.connect(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer')), CONNECT_WAIT_MS).unref()),
    ]).catch((error: Error) => this.logger.warn(`Rate limits count per instance until Redis answers: ${error.message}`));
  }

  async close(): Promise<void> {
    // Not connected: stop the reconnect attempts instead of queueing a QUIT that never goes out.
    if (this.client.status !== 'ready') this.client.disconnect();
    else await this.client.quit().catch(() => this.client.disconnect());
  }

  hit(key: string, ttlMs: number, options: { slide?: boolean } = {}): Promise<RateCounter> {
    return this.run(
      async () => {
        const [count, msLeft] = (await this.client.eval(HIT, 1, this.prefix + key, Math.ceil(ttlMs), options.slide ? '1' : '0')) as [
          number,
          number,
        ];
        return { count, msLeft };
      },
      () => this.fallback.hit(key, ttlMs, options),
    );
  }

  refund(key: string): Promise<void> {
    return this.run(
      async () => {
        await this.client.eval(REFUND, 1, this.prefix + key);
      },
      () => this.fallback.refund(key),
    );
  }

  hold(key: string, ms: number): Promise<void> {
    return this.run(
      async () => {
        await this.client.set(this.prefix + key, '1', 'PX', Math.max(1, Math.ceil(ms)));
      },
      () => this.fallback.hold(key, ms),
    );
  }

  peek(key: string): Promise<RateCounter> {
    return this.run(
      async () => {
        const [count, msLeft] = (await this.client.eval(PEEK, 1, this.prefix + key)) as [number, number];
        return count > 0 && msLeft > 0 ? { count, msLeft } : { count: 0, msLeft: 0 };
      },
      () => this.fallback.peek(key),
    );
  }

  clear(...keys: string[]): Promise<void> {
    if (keys.length === 0) return Promise.resolve();
    return this.run(
      async () => {
        await this.client.del(...keys.map((key) => this.prefix + key));
      },
      () => this.fallback.clear(...keys),
    );
  }

  private async run<T>(onRedis: () => Promise<T>, inMemory: () => Promise<T>): Promise<T> {
    if (this.client.status !== 'ready') {
      this.degrade('not connected');
      return inMemory();
    }
    try {
      const result = await onRedis();
      if (this.degraded) {
        this.degraded = false;
        this.logger.log('Rate limits are shared through Redis again');
      }
      return result;
    } catch (error) {
      this.degrade((error as Error).message);
      return inMemory();
    }
  }

  /** Said once per outage, not once per request. */
  private degrade(reason: string): void {
    if (this.degraded) return;
    this.degraded = true;
    this.logger.warn(`Redis does not answer (${reason}): rate limits count per instance meanwhile`);
  }
}
