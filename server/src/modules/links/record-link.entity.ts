import type { LinkableType } from '@sidang/shared';
import { Column, Entity, Index } from 'typeorm';
import { SoftDeletedRecordEntity } from '../../database/versioned.entity.js';

/**
 * A link between two records of one committee, shown on both; governed by the higher end. Its
 * classification is the higher of both ends (with their governing records) when linked.
 */
@Entity({ name: 'record_links' })
@Index('record_links_from_idx', ['fromId'])
@Index('record_links_to_idx', ['toId'])
export class RecordLinkEntity extends SoftDeletedRecordEntity {
  @Column({ name: 'from_id', type: 'uuid' })
  fromId: string;

  @Column({ name: 'from_type', type: 'varchar', length: 32 })
  fromType: LinkableType;

  @Column({ name: 'to_id', type: 'uuid' })
  toId: string;

  @Column({ name: 'to_type', type: 'varchar', length: 32 })
  toType: LinkableType;

  @Column({ name: 'created_by_id', type: 'uuid' })
  createdById: string;
}
