import { Column, Entity, Index } from 'typeorm';
import { SoftDeletedRecordEntity } from '../../database/versioned.entity.js';

/**
 * One item of a meeting's agenda, two levels deep. Governed by its meeting: a reader sees it
 * only when cleared for the meeting and for the item.
 */
@Entity({ name: 'agenda_items' })
@Index('agenda_items_meeting_idx', ['meetingId'])
export class AgendaItemEntity extends SoftDeletedRecordEntity {
  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  /** 0-based among its siblings; the server keeps siblings contiguous. */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  presenter: string;

  @Column({ name: 'duration_minutes', type: 'int', nullable: true })
  durationMinutes: number | null;
}
