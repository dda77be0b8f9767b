import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEFAULT_NOTIFICATION_DELIVERY } from '@sidang/shared';
import type { DataSource, EntityManager } from 'typeorm';
import type { MailStatus } from './notification.entity.js';
import type { Choices, StoredNotification } from './notifications.repository.js';

/** An outbox row the worker claimed. */
export interface ClaimedMail {
  id: string;
  userId: string;
  notificationId: string | null;
  digestDay: string | null;
  attempts: number;
}

/** Queries only: the e-mail outbox. */
@Injectable()
export class MailOutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Queues the e-mail of each new notification its recipient wants by e-mail (`email`: now;
   * `digest`: held for the day's digest), in the transaction that stored the notifications.
   */
  async enqueue(manager: EntityManager, stored: readonly StoredNotification[], choices: ReadonlyMap<string, Choices>): Promise<void> {
    for (const item of stored) {
      const delivery = choices.get(item.userId)?.[item.kind] ?? DEFAULT_NOTIFICATION_DELIVERY[item.kind];
      if (delivery !== 'email' && delivery !== 'digest') continue;
      await manager.query(
        `INSERT INTO mail_outbox (user_id, notification_id, status) VALUES ($1::uuid, $2::uuid, $3)
         ON CONFLICT (notification_id) DO NOTHING`,
        [item.userId, item.id, delivery === 'email' ? 'pending' : 'held'],
      );
    }
  }

  /** Gathers each user's held notifications into one digest for `day` (a user with today's digest made keeps them for the next). */
  async makeDigests(manager: EntityManager, day: string): Promise<number> {
    const made: Array<{ id: string }> = await manager.query(
      `WITH waiting AS (SELECT DISTINCT user_id FROM mail_outbox WHERE status = 'held'),
       made AS (
         INSERT INTO mail_outbox (user_id, digest_day, status) SELECT user_id, $1, 'pending' FROM waiting
         ON CONFLICT (user_id, digest_day) DO NOTHING RETURNING id, user_id
       ), gathered AS (
         UPDATE mail_outbox h SET status = 'digested', digest_id = made.id FROM made
         WHERE h.user_id = made.user_id AND h.status = 'held' RETURNING h.id
       )
       SELECT id FROM made`,
      [day],
    );
    return made.length;
  }

  /**
   * Claims up to `limit` e-mails that are due, for this worker alone: `sending` is committed
   * before anything is sent, so another instance (or this one after a restart) never sends it.
   */
  async claim(limit: number): Promise<ClaimedMail[]> {
    const rows: Array<{ id: string; user_id: string; notification_id: string | null; digest_day: string | null; attempts: number }> =
      await this.dataSource.query(
        // A SELECT around the UPDATE: TypeORM answers an UPDATE with [rows, count], a SELECT with rows.
        `WITH claimed AS (
           UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1
           WHERE id IN (SELECT id FROM mail_outbox WHERE status = 'pending' AND next_at <= now()
                        ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
           RETURNING id, user_id, notification_id, digest_day, attempts
         )
         SELECT * FROM claimed ORDER BY id`,
        [limit],
      );
    return rows.map((row) => ({
      id: String(row.id),
      userId: row.user_id,
      notificationId: row.notification_id,
      digestDay: row.digest_day,
      attempts: Number(row.attempts),
    }));
  }

  /** The notifications a digest gathered. */
  async digestItems(digestId: string): Promise<string[]> {
    const rows: Array<{ notification_id: string }> = await this.dataSource.query(
      'SELECT notification_id FROM mail_outbox WHERE digest_id = $1::bigint ORDER BY id',
      [digestId],
    );
    return rows.map((row) => row.notification_id);
  }

  async finish(id: string, status: MailStatus, error: string | null = null): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_outbox SET status = $2::varchar, last_error = $3::varchar, sent_at = CASE WHEN $2::varchar = 'sent' THEN now() ELSE sent_at END
       WHERE id = $1::bigint`,
      [id, status, error?.slice(0, 500) ?? null],
    );
  }

  /** A refusal SMTP gave before accepting the e-mail: it is tried again after `delayMs`. */
  async retryLater(id: string, delayMs: number, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_outbox SET status = 'pending', last_error = $3::varchar, next_at = now() + ($2::text || ' milliseconds')::interval
       WHERE id = $1::bigint`,
      [id, String(delayMs), error.slice(0, 500)],
    );
  }
}
