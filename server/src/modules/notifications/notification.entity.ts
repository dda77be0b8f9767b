import type { NotificationDelivery, NotificationKind } from '@sidang/shared';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from '../../database/transformers.js';

/**
 * One notification of one recipient. It holds ids and small facts (a due date, the fields that
 * changed), never a record's title or text: those are read from the record, projected for the
 * recipient, each time the notification is shown.
 */
@Entity({ name: 'notifications' })
@Index('notifications_recipient_idx', ['userId', 'n'])
@Index('notifications_dedupe_idx', ['userId', 'dedupeKey'], { unique: true })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Creation order (the list's cursor). */
  @Column({ type: 'bigint', generated: 'increment', transformer: bigintAsNumber })
  n: number;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: NotificationKind;

  @Column({ name: 'entity_type', type: 'varchar', length: 40 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId: string;

  /** The level of the change it came from (0 OPEN … 3 SECRET): never shown to a reader below it. */
  @Column({ type: 'smallint' })
  level: number;

  /** Who caused it; null for the clock's kinds (due soon, overdue). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  /** One notification per recipient and cause: `<committee>:<seq>:<kind>` or `<kind>:<action>:<due date>`. */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 200 })
  dedupeKey: string;

  /** Facts for the sentence (a due date, the names of changed fields, a status): never a record's content. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  detail: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
}

/** How far the notification consumer has read each committee's change log. */
@Entity({ name: 'notification_cursors' })
export class NotificationCursorEntity {
  @PrimaryColumn({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ name: 'last_seq', type: 'bigint', transformer: bigintAsNumber })
  lastSeq: number;
}

/** A user follows a record: its changes reach them as `record.changed`. Owners follow theirs. */
@Entity({ name: 'follows' })
@Index('follows_entity_idx', ['entityId'])
export class FollowEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'entity_id', type: 'uuid' })
  entityId: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 40 })
  entityType: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;
}

/** A user's choices: kind → delivery; a kind not named takes DEFAULT_NOTIFICATION_DELIVERY. */
@Entity({ name: 'notification_preferences' })
export class NotificationPreferenceEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  kinds: Partial<Record<NotificationKind, NotificationDelivery>>;
}

/** What becomes of an e-mail: waiting, held for the digest, being sent, sent, given up, or no longer allowed. */
export type MailStatus = 'pending' | 'held' | 'sending' | 'sent' | 'failed' | 'dropped' | 'digested';

/**
 * The e-mail outbox: one row per notification to e-mail (unique: at most one e-mail each), and
 * one per user and day for the digest. A worker claims rows (`FOR UPDATE SKIP LOCKED`, status
 * `sending` committed before it talks to SMTP), so no two instances send one, and a restart
 * never sends again what it may have sent.
 */
@Entity({ name: 'mail_outbox' })
@Index('mail_outbox_notification_idx', ['notificationId'], { unique: true })
@Index('mail_outbox_digest_idx', ['userId', 'digestDay'], { unique: true })
@Index('mail_outbox_due_idx', ['status', 'nextAt'])
export class MailOutboxEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** The notification of an e-mail of its own, or held for a digest; null for the digest itself. */
  @Column({ name: 'notification_id', type: 'uuid', nullable: true })
  notificationId: string | null;

  /** The day (Asia/Kuala_Lumpur) of a digest; null otherwise. */
  @Column({ name: 'digest_day', type: 'varchar', length: 10, nullable: true })
  digestDay: string | null;

  /** The digest row a held notification went into. */
  @Column({ name: 'digest_id', type: 'bigint', nullable: true })
  digestId: string | null;

  @Column({ type: 'varchar', length: 10 })
  status: MailStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'next_at', type: 'timestamptz', default: () => 'now()' })
  nextAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;
}

export const NOTIFICATION_ENTITIES = [
  NotificationEntity,
  NotificationCursorEntity,
  FollowEntity,
  NotificationPreferenceEntity,
  MailOutboxEntity,
];
