import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CommitteeEntity } from '../access/committee.entity.js';
import { bigintAsNumber } from '../database/transformers.js';

/**
 * Append-only log of every change, numbered per committee. `level` is the classification
 * level (0 OPEN … 3 SECRET) of the governing record after the change; `previousLevel` is set
 * when the change moved it, so that users who lose sight can be told.
 */
@Entity({ name: 'change_events' })
@Index('change_events_scope_idx', ['scopeId'])
export class ChangeEventEntity {
  @PrimaryColumn({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @PrimaryColumn({ type: 'bigint', transformer: bigintAsNumber })
  seq: number;

  @Column({ name: 'entity_type', type: 'varchar', length: 40 })
  entityType: string;

  @Column({ type: 'varchar', length: 32 })
  verb: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId: string;

  /** The record whose classification decides who sees this event (itself, or its parent). */
  @Column({ name: 'scope_id', type: 'uuid' })
  scopeId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  @Column({ type: 'smallint' })
  level: number;

  @Column({ name: 'previous_level', type: 'smallint', nullable: true })
  previousLevel: number | null;

  /**
   * Logged while the record or a record governing it was a draft (a meeting not yet scheduled):
   * served to the chair and the secretariat only, also after publication.
   */
  @Column({ type: 'boolean', default: false })
  draft: boolean;

  @Column({ type: 'jsonb' })
  data: object;

  @Column({ type: 'timestamptz' })
  at: Date;

  /**
   * Not stored: who the papers rule withholds the record from as it stands (read in the
   * committing transaction, or with the log): the relay leaves their sockets out.
   */
  withheldFrom?: string[];

  @ManyToOne(() => CommitteeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'committee_id' })
  committee?: CommitteeEntity;
}
