import type { ActionLine, CommentAnchor, Confirmation, MinutesStatus, MinutesVersionSection } from '@sidang/shared';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CommitteeRecordEntity, CommitteeRowEntity } from '../../database/versioned.entity.js';

/** The minutes of one meeting: its workflow state. The text lives in its sections' documents. */
@Entity({ name: 'minutes' })
@Index('minutes_meeting_idx', ['meetingId'], { unique: true })
export class MinutesEntity extends CommitteeRowEntity {
  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @Column({ type: 'varchar', length: 16 })
  status: MinutesStatus;

  @Column({ type: 'varchar', length: 24, nullable: true })
  confirmation: Confirmation | null;

  @Column({ name: 'confirmed_at_meeting_id', type: 'uuid', nullable: true })
  confirmedAtMeetingId: string | null;

  @Column({ name: 'proposed_by_id', type: 'uuid', nullable: true })
  proposedById: string | null;

  @Column({ name: 'seconded_by_id', type: 'uuid', nullable: true })
  secondedById: string | null;

  @Column({ type: 'text', nullable: true })
  amendments: string | null;

  @Column({ name: 'published_version', type: 'int', nullable: true })
  publishedVersion: number | null;

  /** When comments close: set by the circulation, cleared when the minutes go back to draft. */
  @Column({ name: 'comments_due_at', type: 'timestamptz', nullable: true })
  commentsDueAt: Date | null;

  @Column({ type: 'int' })
  version: number;
}

/**
 * One section per agenda item; its id is also the id of its Yjs document. Its classification is
 * the section's own level; what governs it is the highest of this, its item's and its meeting's.
 */
@Entity({ name: 'minutes_sections' })
@Index('minutes_sections_item_idx', ['minutesId', 'agendaItemId'], { unique: true })
export class MinutesSectionEntity extends CommitteeRecordEntity {
  @Column({ name: 'minutes_id', type: 'uuid' })
  minutesId: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @Column({ name: 'agenda_item_id', type: 'uuid' })
  agendaItemId: string;

  @Column({ name: 'action_line', type: 'jsonb', nullable: true })
  actionLine: ActionLine | null;
}

/** Incremental Yjs updates of a section document, compacted now and then into one. */
@Entity({ name: 'minutes_doc_updates' })
@Index('minutes_doc_updates_doc_idx', ['docId', 'id'])
export class MinutesDocUpdateEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'doc_id', type: 'uuid' })
  docId: string;

  @Column({ type: 'bytea' })
  update: Buffer;
}

/**
 * The latest awareness (name and cursor) of one editor in a section document, kept so that
 * other instances can read it when told the document's id: Redis carries ids only.
 */
@Entity({ name: 'minutes_doc_awareness' })
@Index('minutes_doc_awareness_updated_idx', ['updatedAt'])
export class MinutesDocAwarenessEntity {
  @PrimaryColumn({ name: 'doc_id', type: 'uuid' })
  docId: string;

  @PrimaryColumn({ name: 'client_id', type: 'bigint' })
  clientId: string;

  /** The instance whose socket speaks for this client. */
  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId: string;

  /** One y-protocols awareness update for this client alone (a removal carries a null state). */
  @Column({ type: 'bytea' })
  message: Buffer;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** An immutable snapshot of the minutes, taken on every transition out of draft. */
@Entity({ name: 'minutes_versions' })
@Index('minutes_versions_number_idx', ['minutesId', 'number'], { unique: true })
export class MinutesVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'minutes_id', type: 'uuid' })
  minutesId: string;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'varchar', length: 16 })
  status: MinutesStatus;

  @Column({ name: 'created_by_id', type: 'uuid' })
  createdById: string;

  /** Every section as it stood, each with its level then. */
  @Column({ type: 'jsonb' })
  sections: MinutesVersionSection[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A comment on a passage of a section, or a reply in its thread. */
@Entity({ name: 'minutes_comments' })
@Index('minutes_comments_minutes_idx', ['minutesId'])
export class MinutesCommentEntity extends CommitteeRowEntity {
  @Column({ name: 'minutes_id', type: 'uuid' })
  minutesId: string;

  @Column({ name: 'section_id', type: 'uuid' })
  sectionId: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ name: 'author_name', type: 'varchar', length: 200 })
  authorName: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text' })
  quote: string;

  @Column({ type: 'jsonb', nullable: true })
  anchor: CommentAnchor | null;

  @Column({ type: 'boolean' })
  resolved: boolean;

  @Column({ type: 'int' })
  version: number;
}

/** Every entity of the minutes, for the schema (server/src/entities.ts) and the module. */
export const MINUTES_ENTITIES = [
  MinutesEntity,
  MinutesSectionEntity,
  MinutesDocUpdateEntity,
  MinutesDocAwarenessEntity,
  MinutesVersionEntity,
  MinutesCommentEntity,
];
