import type { ActionItemStatus, FieldClassifications, Priority } from '@sidang/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CommitteeEntity } from '../../access/committee.entity.js';
import { SoftDeletedRecordEntity } from '../../database/versioned.entity.js';

/** An action item; deleted items are kept (nothing stored is lost) and hidden from every read. */
@Entity({ name: 'action_items' })
@Index('action_items_committee_idx', ['committeeId'])
export class ActionItemEntity extends SoftDeletedRecordEntity {
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'varchar', length: 16 })
  status: ActionItemStatus;

  @Column({ type: 'varchar', length: 8 })
  priority: Priority;

  /** Calendar date; kept as the 'YYYY-MM-DD' string to avoid time-zone shifts. */
  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ name: 'owner_ids', type: 'uuid', array: true, default: () => "'{}'" })
  ownerIds: string[];

  @Column({ name: 'owner_agencies', type: 'text', array: true, default: () => "'{}'" })
  ownerAgencies: string[];

  /** Fields classified above the item (e.g. `{ description: 'SECRET' }`). */
  @Column({ name: 'field_classifications', type: 'jsonb', default: () => "'{}'" })
  fieldClassifications: FieldClassifications;

  /** Origin: the meeting and agenda item that raised it, if any. */
  @Column({ name: 'meeting_id', type: 'uuid', nullable: true })
  meetingId: string | null;

  @Column({ name: 'agenda_item_id', type: 'uuid', nullable: true })
  agendaItemId: string | null;

  @Column({ name: 'created_by_id', type: 'uuid' })
  createdById: string;

  @ManyToOne(() => CommitteeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'committee_id' })
  committee?: CommitteeEntity;
}
