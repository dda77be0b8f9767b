import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Expired rows are swept at most this often per instance. */
const SWEEP_EVERY_MS = 60_000;

/**
 * Counters that decide sign-in security and must hold across every instance: an mfaToken's
 * requests and wrong codes, a single sign-on hand-off already traded. Kept in the database
 * (`auth_counters`), so they work the same on PostgreSQL and on the embedded store (which has
 * no Redis); each change is one atomic `INSERT … ON CONFLICT … DO UPDATE … RETURNING`, so
 * instances counting at the same moment never lose a count. The database's clock decides
 * expiry; rows past it count as absent and are swept.
 */
@Injectable()
export class SharedCounters {
  private readonly logger = new Logger(SharedCounters.name);
  private sweptAt = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Adds `by` to the counter at `key` and answers its new value. A counter that does not exist
   * (or has expired) starts from zero and lives `ttlMs`; a live one keeps its expiry.
   */
  async add(key: string, ttlMs: number, by = 1): Promise<number> {
    await this.sweep();
    const rows: Array<{ count: number }> = await this.dataSource.query(
      `INSERT INTO auth_counters (key, count, expires_at)
       VALUES ($1, $2, now() + $3::double precision * interval '1 millisecond')
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN auth_counters.expires_at <= now() THEN EXCLUDED.count ELSE auth_counters.count + EXCLUDED.count END,
         expires_at = CASE WHEN auth_counters.expires_at <= now() THEN EXCLUDED.expires_at ELSE auth_counters.expires_at END
       RETURNING count`,
      [key, by, Math.ceil(ttlMs)],
    );
    return Number(rows[0]?.count ?? by);
  }

  /** Raises the counter at `key` to at least `value` (living `ttlMs` if it is new or expired). */
  async raise(key: string, ttlMs: number, value: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO auth_counters (key, count, expires_at)
       VALUES ($1, $2, now() + $3::double precision * interval '1 millisecond')
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN auth_counters.expires_at <= now() THEN EXCLUDED.count ELSE GREATEST(auth_counters.count, EXCLUDED.count) END,
         expires_at = CASE WHEN auth_counters.expires_at <= now() THEN EXCLUDED.expires_at ELSE auth_counters.expires_at END`,
      [key, value, Math.ceil(ttlMs)],
    );
  }

  /** The counter at `key` as it stands (0 when absent or expired). */
  async read(key: string): Promise<number> {
    const rows: Array<{ count: number }> = await this.dataSource.query(
      `SELECT count FROM auth_counters WHERE key = $1 AND expires_at > now()`,
      [key],
    );
    return Number(rows[0]?.count ?? 0);
  }

  /** Deletes expired rows, at most once a minute per instance; a failure only waits for the next. */
  private async sweep(): Promise<void> {
    const now = Date.now();
    if (now - this.sweptAt < SWEEP_EVERY_MS) return;
    this.sweptAt = now;
    try {
      await this.dataSource.query(`DELETE FROM auth_counters WHERE expires_at <= now()`);
    } catch (error) {
      this.logger.warn(`auth counters not swept: ${(error as Error).message}`);
    }
  }
}
