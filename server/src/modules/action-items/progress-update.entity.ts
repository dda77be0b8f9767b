import type { Classification } from '@sidang/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CommitteeRowEntity } from '../../database/versioned.entity.js';
import { ActionItemEntity } from './action-item.entity.js';

/**
 * One entry of an action item's progress thread. It keeps the level its item had when it was
 * written: a reader sees it only when cleared for that level and for the item's current one,
 * so lowering an item later does not declassify what was written while it was higher.
 */
@Entity({ name: 'progress_updates' })
@Index('progress_updates_item_idx', ['actionItemId'])
export class ProgressUpdateEntity extends CommitteeRowEntity {
  @Column({ name: 'action_item_id', type: 'uuid' })
  actionItemId: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ type: 'varchar', length: 16 })
  classification: Classification;

  @Column({ type: 'int', default: 1 })
  version: number;

  @ManyToOne(() => ActionItemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'action_item_id' })
  actionItem?: ActionItemEntity;
}
