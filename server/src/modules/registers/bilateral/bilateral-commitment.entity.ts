import { Column, Entity, Index } from 'typeorm';
import { SoftDeletedRecordEntity } from '../../../database/versioned.entity.js';

/** What one side committed to at a bilateral meeting; governed by the meeting. */
@Entity({ name: 'bilateral_commitments' })
@Index('bilateral_commitments_meeting_idx', ['bilateralMeetingId'])
export class BilateralCommitmentEntity extends SoftDeletedRecordEntity {
  @Column({ name: 'bilateral_meeting_id', type: 'uuid' })
  bilateralMeetingId: string;

  @Column({ type: 'varchar', length: 8 })
  side: 'ours' | 'theirs';

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'varchar', length: 8 })
  status: 'open' | 'done';
}
