import type { DataSource } from 'typeorm';
import type { RateCounter, RateLimitStore } from './rate-limit.store.js';

/** Expired rows are swept at most this often per instance. */
const SWEEP_EVERY_MS = 60_000;
/** Keeps these counters apart from the sign-in counters sharing the table. */
const PREFIX = 'rate:';

const MS_LEFT = `GREATEST(0, CEIL(EXTRACT(EPOCH FROM (expires_at - now())) * 1000))::double precision`;

/**
 * Counts in the database (`auth_counters`), so every instance on it shares each limit: what the
 * Redis store falls back to while Redis does not answer, so an outage does not give a guesser the
 * limit once per instance. Each operation is one statement (an atomic upsert for a hit); the
 * database's clock decides expiry, and expired rows are swept.
 */
export class DatabaseRateLimitStore implements RateLimitStore {
  private sweptAt = 0;

  constructor(private readonly dataSource: DataSource) {}

  async hit(key: string, ttlMs: number, options: { slide?: boolean } = {}): Promise<RateCounter> {
    await this.sweep();
    const rows: Array<{ count: number; ms_left: number }> = await this.dataSource.query(
      `INSERT INTO auth_counters AS c (key, count, expires_at)
       VALUES ($1, 1, now() + $2::double precision * interval '1 millisecond')
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN c.expires_at <= now() THEN 1 ELSE c.count + 1 END,
         expires_at = CASE WHEN c.expires_at <= now() OR $3 THEN EXCLUDED.expires_at ELSE c.expires_at END
       RETURNING count, ${MS_LEFT} AS ms_left`,
      [PREFIX + key, Math.max(1, Math.ceil(ttlMs)), options.slide === true],
    );
    const row = rows[0];
    return { count: Number(row?.count ?? 1), msLeft: Number(row?.ms_left ?? ttlMs) };
  }

  async refund(key: string): Promise<void> {
    await this.dataSource.query(`UPDATE auth_counters SET count = count - 1 WHERE key = $1 AND count > 0 AND expires_at > now()`, [
      PREFIX + key,
    ]);
  }

  async hold(key: string, ms: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO auth_counters (key, count, expires_at) VALUES ($1, 1, now() + $2::double precision * interval '1 millisecond')
       ON CONFLICT (key) DO UPDATE SET count = 1, expires_at = EXCLUDED.expires_at`,
      [PREFIX + key, Math.max(1, Math.ceil(ms))],
    );
  }

  async peek(key: string): Promise<RateCounter> {
    const rows: Array<{ count: number; ms_left: number }> = await this.dataSource.query(
      `SELECT count, ${MS_LEFT} AS ms_left FROM auth_counters WHERE key = $1 AND expires_at > now()`,
      [PREFIX + key],
    );
    const row = rows[0];
    return row && Number(row.count) > 0 ? { count: Number(row.count), msLeft: Number(row.ms_left) } : { count: 0, msLeft: 0 };
  }

  async clear(...keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.dataSource.query(`DELETE FROM auth_counters WHERE key = ANY($1)`, [keys.map((key) => PREFIX + key)]);
  }

  private async sweep(): Promise<void> {
    const now = Date.now();
    if (now - this.sweptAt < SWEEP_EVERY_MS) return;
    this.sweptAt = now;
    await this.dataSource.query(`DELETE FROM auth_counters WHERE expires_at <= now()`).catch(() => undefined);
  }
}

/** `primary`, and `backup` for any operation `primary` fails (the database does not answer either). */
export class StoreWithBackup implements RateLimitStore {
  constructor(
    private readonly primary: RateLimitStore,
    private readonly backup: RateLimitStore,
  ) {}

  hit(key: string, ttlMs: number, options?: { slide?: boolean }): Promise<RateCounter> {
    return this.primary.hit(key, ttlMs, options).catch(() => this.backup.hit(key, ttlMs, options));
  }
  refund(key: string): Promise<void> {
    return this.primary.refund(key).catch(() => this.backup.refund(key));
  }
  hold(key: string, ms: number): Promise<void> {
    return this.primary.hold(key, ms).catch(() => this.backup.hold(key, ms));
  }
  peek(key: string): Promise<RateCounter> {
    return this.primary.peek(key).catch(() => this.backup.peek(key));
  }
  clear(...keys: string[]): Promise<void> {
    return this.primary.clear(...keys).catch(() => this.backup.clear(...keys));
  }
}
