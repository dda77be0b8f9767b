import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Classification, FieldClassifications, Locale, NotificationDelivery, NotificationKind } from '@sidang/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { currentLevelSql, readerLevelSql } from '../../changes/visibility.js';

/** A logged change with its audit row's before and after (full wire shapes, not projected). */
export interface LoggedChange {
  seq: number;
  entityType: string;
  verb: string;
  entityId: string;
  actorId: string;
  /** Who may see it now: the higher of its logged level and its record's governing level. */
  level: number;
  /** Logged in a draft, or its record is in one now: only the chair and the secretariat are told. */
  draft: boolean;
  at: Date;
  parentId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** A member of a committee as the deriver needs them. */
/** A user's choices: kind → delivery (kinds not named take DEFAULT_NOTIFICATION_DELIVERY). */
export type Choices = Partial<Record<NotificationKind, NotificationDelivery>>;

/** `<userId>:<kind>` for every kind a user turned off. */
export function turnedOff(choices: ReadonlyMap<string, Choices>): Set<string> {
  const off = new Set<string>();
  for (const [userId, kinds] of choices)
    for (const [kind, delivery] of Object.entries(kinds)) if (delivery === 'off') off.add(`${userId}:${kind}`);
  return off;
}

export interface Recipient {
  userId: string;
  name: string;
  clearance: number;
  /** The chair and the secretariat: told of drafts. */
  seesDrafts: boolean;
}

/** A notification to store. */
export interface NewNotification {
  userId: string;
  committeeId: string;
  kind: NotificationKind;
  entityType: string;
  entityId: string;
  level: number;
  actorId: string | null;
  dedupeKey: string;
  detail: Record<string, unknown>;
  at: Date;
}

/** A recipient now: clearance, language and address. */
export interface Reader {
  clearance: Classification;
  locale: Locale;
  email: string;
  name: string;
}

/** A notification just stored (its id, recipient and kind). */
export interface StoredNotification {
  id: string;
  userId: string;
  kind: NotificationKind;
}

/** A stored notification with what its recipient may read of its record now. */
export interface NotificationRow {
  id: string;
  n: string;
  kind: NotificationKind;
  committee_id: string;
  entity_type: string;
  entity_id: string;
  detail: Record<string, unknown>;
  at: Date;
  read_at: Date | null;
  actor_name: string | null;
  /** The level the reader must be cleared for now (the marking of an e-mail about it). */
  visible_level: number;
  data: Record<string, unknown> | null;
  field_levels: FieldClassifications | null;
  /** Its governing records (`ancestorIdsOf`). */
  parent_id: string | null;
  grandparent_id: string | null;
  great_grandparent_id: string | null;
  parent_type: string | null;
  parent_data: Record<string, unknown> | null;
  parent_field_levels: FieldClassifications | null;
}

const CLEARANCE_LEVEL = `(CASE u.clearance WHEN 'OPEN' THEN 0 WHEN 'RESTRICTED' THEN 1 WHEN 'CONFIDENTIAL' THEN 2 ELSE 3 END)`;

/**
 * Who may read a notification now (alias `n`): its recipient, still an active member of its
 * committee, cleared for the change it came from and for its record's governing level as it
 * stands now. Every read of notifications (list, count, live delivery) goes through it.
 */
const READABLE_JOINS = `
  JOIN users u ON u.id = n.user_id AND u.active
  JOIN memberships m ON m.committee_id = n.committee_id AND m.user_id = n.user_id`;
const SEES_DRAFTS = `m.role IN ('chair', 'secretariat')`;
/** The level the recipient needs for the notification's record now: the one reader rule, the papers rule included. */
const READER_LEVEL = readerLevelSql('n.entity_id', { drafts: { sql: SEES_DRAFTS }, userId: { sql: 'n.user_id' } });
const READABLE_WHERE = `GREATEST(n.level, ${READER_LEVEL}) <= ${CLEARANCE_LEVEL}`;

/** Queries only: notifications, follows, preferences and the consumer's cursors. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  /** Committees whose log the consumer has not read to the end. */
  async committeesBehind(): Promise<string[]> {
    const rows: Array<{ committee_id: string }> = await this.dataSource.query(
      `SELECT s.committee_id FROM committee_sequences s
       LEFT JOIN notification_cursors c ON c.committee_id = s.committee_id
       WHERE s.last_seq > COALESCE(c.last_seq, 0)`,
    );
    return rows.map((row) => row.committee_id);
  }

  /**
   * The committee's cursor, locked for this transaction; null when another node holds it (that
   * node reads on, and reads again after its commit: nothing waits, nothing is read twice).
   */
  async lockCursor(manager: EntityManager, committeeId: string): Promise<number | null> {
    await manager.query(
      'INSERT INTO notification_cursors (committee_id, last_seq) VALUES ($1::uuid, 0) ON CONFLICT (committee_id) DO NOTHING',
      [committeeId],
    );
    const rows: Array<{ last_seq: string }> = await manager.query(
      'SELECT last_seq FROM notification_cursors WHERE committee_id = $1::uuid FOR UPDATE SKIP LOCKED',
      [committeeId],
    );
    return rows[0] ? Number(rows[0].last_seq) : null;
  }

  async moveCursor(manager: EntityManager, committeeId: string, seq: number): Promise<void> {
    await manager.query('UPDATE notification_cursors SET last_seq = $2 WHERE committee_id = $1::uuid', [committeeId, seq]);
  }

  /** The committed changes after `after`, oldest first. */
  async changesAfter(manager: EntityManager, committeeId: string, after: number, limit: number): Promise<LoggedChange[]> {
    const rows: Array<{
      seq: string;
      entity_type: string;
      verb: string;
      entity_id: string;
      actor_id: string;
      level: number;
      draft: boolean;
      at: Date;
      parent_id: string | null;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }> = await manager.query(
      `SELECT e.seq, e.entity_type, e.verb, e.entity_id, e.actor_id, ${currentLevelSql('e')} AS level, e.at,
              (e.draft OR governing_draft(e.entity_id)) AS draft,
              s.parent_id, a.before, a.after
       FROM change_events e
       JOIN audit_entries a ON a.committee_id = e.committee_id AND a.seq = e.seq
       LEFT JOIN record_scopes s ON s.scope_id = e.entity_id
       WHERE e.committee_id = $1::uuid AND e.seq > $2
       ORDER BY e.seq LIMIT $3`,
      [committeeId, after, limit],
    );
    return rows.map((row) => ({
      seq: Number(row.seq),
      entityType: row.entity_type,
      verb: row.verb,
      entityId: row.entity_id,
      actorId: row.actor_id,
      level: Number(row.level),
      draft: row.draft === true,
      at: new Date(row.at),
      parentId: row.parent_id,
      before: row.before,
      after: row.after,
    }));
  }

  /** The committee's active members with their clearance level. */
  async recipients(manager: EntityManager, committeeId: string): Promise<Recipient[]> {
    const rows: Array<{ id: string; name: string; level: number; drafts: boolean }> = await manager.query(
      `SELECT u.id, u.name, ${CLEARANCE_LEVEL} AS level, ${SEES_DRAFTS} AS drafts FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.committee_id = $1::uuid AND u.active`,
      [committeeId],
    );
    return rows.map((row) => ({ userId: row.id, name: row.name, clearance: Number(row.level), seesDrafts: row.drafts === true }));
  }

  /** Who follows each of `entityIds`. */
  async followers(manager: EntityManager, entityIds: readonly string[]): Promise<Map<string, Set<string>>> {
    const followers = new Map<string, Set<string>>();
    if (entityIds.length === 0) return followers;
    const rows: Array<{ entity_id: string; user_id: string }> = await manager.query(
      'SELECT entity_id, user_id FROM follows WHERE entity_id = ANY($1::uuid[])',
      [[...new Set(entityIds)]],
    );
    for (const row of rows) followers.set(row.entity_id, (followers.get(row.entity_id) ?? new Set()).add(row.user_id));
    return followers;
  }

  /** The delivery each of `userIds` chose per kind (kinds not named take the default). */
  async choices(manager: EntityManager, userIds: readonly string[]): Promise<Map<string, Choices>> {
    if (userIds.length === 0) return new Map();
    const rows: Array<{ user_id: string; kinds: Choices }> = await manager.query(
      'SELECT user_id, kinds FROM notification_preferences WHERE user_id = ANY($1::uuid[])',
      [[...new Set(userIds)]],
    );
    return new Map(rows.map((row) => [row.user_id, row.kinds]));
  }

  async follow(
    manager: EntityManager,
    follow: { userId: string; entityType: string; entityId: string; committeeId: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO follows (user_id, entity_id, entity_type, committee_id) VALUES ($1::uuid, $2::uuid, $3, $4::uuid)
       ON CONFLICT (user_id, entity_id) DO NOTHING`,
      [follow.userId, follow.entityId, follow.entityType, follow.committeeId],
    );
  }

  async unfollow(userId: string, entityId: string): Promise<void> {
    await this.dataSource.query('DELETE FROM follows WHERE user_id = $1::uuid AND entity_id = $2::uuid', [userId, entityId]);
  }

  async follows(userId: string, entityId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM follows WHERE user_id = $1::uuid AND entity_id = $2::uuid', [
      userId,
      entityId,
    ]);
    return rows.length > 0;
  }

  /** Stores each notification once (per recipient and cause); answers those that were new. */
  async insert(manager: EntityManager, notifications: readonly NewNotification[]): Promise<StoredNotification[]> {
    const stored: StoredNotification[] = [];
    for (const item of notifications) {
      const rows: Array<{ id: string }> = await manager.query(
        `INSERT INTO notifications (user_id, committee_id, kind, entity_type, entity_id, level, actor_id, dedupe_key, detail, at)
         VALUES ($1::uuid, $2::uuid, $3, $4, $5::uuid, $6, $7::uuid, $8, $9::jsonb, $10::timestamptz)
         ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id`,
        [
          item.userId,
          item.committeeId,
          item.kind,
          item.entityType,
          item.entityId,
          item.level,
          item.actorId,
          item.dedupeKey,
          JSON.stringify(item.detail),
          item.at.toISOString(),
        ],
      );
      if (rows[0]) stored.push({ id: rows[0].id, userId: item.userId, kind: item.kind });
    }
    return stored;
  }

  /**
   * The recipient's notifications they may read now, newest first, with their records' latest
   * states (and the governing record's, for a record without a title of its own). A record's
   * events are found through `scope_id` (indexed): its governing record's id, or its own.
   */
  async readable(filter: {
    userId: string;
    unread: boolean;
    before?: number;
    ids?: readonly string[];
    limit: number;
  }): Promise<NotificationRow[]> {
    const params: unknown[] = [filter.userId, filter.limit];
    let extra = '';
    if (filter.unread) extra += ' AND n.read_at IS NULL';
    if (filter.before !== undefined) {
      params.push(filter.before);
      extra += ` AND n.n < $${params.length}`;
    }
    if (filter.ids !== undefined) {
      params.push(filter.ids);
      extra += ` AND n.id = ANY($${params.length}::uuid[])`;
    }
    return this.dataSource.query(
      `SELECT n.id, n.n, n.kind, n.committee_id, n.entity_type, n.entity_id, n.detail, n.at, n.read_at,
              GREATEST(n.level, ${READER_LEVEL}) AS visible_level,
              actor.name AS actor_name, latest.data, s.field_levels, s.parent_id AS parent_id, ps.parent_id AS grandparent_id,
              gs.parent_id AS great_grandparent_id,
              parent.entity_type AS parent_type, parent.data AS parent_data, ps.field_levels AS parent_field_levels
       FROM notifications n ${READABLE_JOINS}
       LEFT JOIN users actor ON actor.id = n.actor_id
       LEFT JOIN record_scopes s ON s.scope_id = n.entity_id
       LEFT JOIN record_scopes ps ON ps.scope_id = s.parent_id
       LEFT JOIN record_scopes gs ON gs.scope_id = ps.parent_id
       LEFT JOIN LATERAL (SELECT data FROM change_events
                          WHERE scope_id = COALESCE(s.parent_id, n.entity_id) AND entity_id = n.entity_id AND verb <> 'deleted'
                          ORDER BY seq DESC LIMIT 1) latest ON true
       LEFT JOIN LATERAL (SELECT entity_type, data FROM change_events
                          WHERE scope_id = COALESCE(ps.parent_id, s.parent_id) AND entity_id = s.parent_id AND verb <> 'deleted'
                          ORDER BY seq DESC LIMIT 1) parent ON true
       WHERE n.user_id = $1::uuid AND ${READABLE_WHERE} ${extra}
       ORDER BY n.n DESC LIMIT $2`,
      params,
    );
  }

  /** The recipient's clearance and language now (null when the account is gone or inactive). */
  async reader(userId: string): Promise<Reader | null> {
    const rows: Reader[] = await this.dataSource.query('SELECT clearance, locale, email, name FROM users WHERE id = $1::uuid AND active', [
      userId,
    ]);
    return rows[0] ?? null;
  }

  async unreadCount(userId: string): Promise<number> {
    const rows: Array<{ count: string }> = await this.dataSource.query(
      `SELECT count(*) AS count FROM notifications n ${READABLE_JOINS}
       WHERE n.user_id = $1::uuid AND n.read_at IS NULL AND ${READABLE_WHERE}`,
      [userId],
    );
    return Number(rows[0]?.count ?? 0);
  }

  /** Marks the recipient's own notifications read (`ids`, or all of them when null). */
  async markRead(userId: string, ids: readonly string[] | null): Promise<void> {
    if (ids === null) {
      await this.dataSource.query('UPDATE notifications SET read_at = now() WHERE user_id = $1::uuid AND read_at IS NULL', [userId]);
      return;
    }
    if (ids.length === 0) return;
    await this.dataSource.query(
      'UPDATE notifications SET read_at = now() WHERE user_id = $1::uuid AND read_at IS NULL AND id = ANY($2::uuid[])',
      [userId, [...new Set(ids)]],
    );
  }

  async preferences(userId: string): Promise<Partial<Record<NotificationKind, NotificationDelivery>>> {
    const rows: Array<{ kinds: Partial<Record<NotificationKind, NotificationDelivery>> }> = await this.dataSource.query(
      'SELECT kinds FROM notification_preferences WHERE user_id = $1::uuid',
      [userId],
    );
    return rows[0]?.kinds ?? {};
  }

  /** Merges `kinds` into the user's choices (one statement: concurrent changes of other kinds are kept). */
  async setPreferences(userId: string, kinds: Partial<Record<NotificationKind, NotificationDelivery>>): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notification_preferences (user_id, kinds) VALUES ($1::uuid, $2::jsonb)
       ON CONFLICT (user_id) DO UPDATE SET kinds = notification_preferences.kinds || EXCLUDED.kinds`,
      [userId, JSON.stringify(kinds)],
    );
  }

  /**
   * Open action items of every committee due on or before `until`, with their owners and the
   * level that governs them (the clock's kinds).
   */
  async dueActions(
    manager: EntityManager,
    until: string,
  ): Promise<Array<{ id: string; committeeId: string; dueDate: string; ownerIds: string[]; level: number }>> {
    const rows: Array<{ id: string; committee_id: string; due_date: string; owner_ids: string[]; level: number }> = await manager.query(
      `SELECT a.id, a.committee_id, to_char(a.due_date, 'YYYY-MM-DD') AS due_date, a.owner_ids, governing_level(a.id) AS level
       FROM action_items a
       WHERE a.deleted_at IS NULL AND a.status NOT IN ('done', 'cancelled') AND a.due_date IS NOT NULL
         AND a.due_date <= $1::date AND cardinality(a.owner_ids) > 0`,
      [until],
    );
    return rows.map((row) => ({
      id: row.id,
      committeeId: row.committee_id,
      dueDate: row.due_date,
      ownerIds: row.owner_ids,
      level: Number(row.level),
    }));
  }
}
