import type { Classification, LinkableType } from '@sidang/shared';
import { Column, CreateDateColumn, DeleteDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A link between two records of one committee, shown on both; governed by the higher end. */
@Entity({ name: 'record_links' })
@Index('record_links_from_idx', ['fromId'])
@Index('record_links_to_idx', ['toId'])
export class RecordLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ name: 'from_id', type: 'uuid' })
  fromId: string;

  @Column({ name: 'from_type', type: 'varchar', length: 32 })
  fromType: LinkableType;

  @Column({ name: 'to_id', type: 'uuid' })
  toId: string;

  @Column({ name: 'to_type', type: 'varchar', length: 32 })
  toType: LinkableType;

  /** The higher of both ends (with their governing records) when linked. */
  @Column({ type: 'varchar', length: 16 })
  classification: Classification;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'created_by_id', type: 'uuid' })
  createdById: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
