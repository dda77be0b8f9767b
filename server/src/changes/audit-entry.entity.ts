import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from '../database/transformers.js';

/**
 * Who changed what, when, before → after. Append-only: the database refuses UPDATE and DELETE.
 * A change of a record that belongs to no committee (a user account) has no committee and no seq.
 */
@Entity({ name: 'audit_entries' })
@Index('audit_entries_entity_idx', ['entityId'])
@Index('audit_entries_committee_seq_idx', ['committeeId', 'seq'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'committee_id', type: 'uuid', nullable: true })
  committeeId: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  seq: number | null;

  @Column({ name: 'entity_type', type: 'varchar', length: 40 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId: string;

  @Column({ type: 'varchar', length: 32 })
  verb: string;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  @Column({ type: 'jsonb', nullable: true })
  before: object | null;

  @Column({ type: 'jsonb', nullable: true })
  after: object | null;

  @Column({ type: 'timestamptz' })
  at: Date;
}
