import { Column, Entity, Index, Unique } from 'typeorm';
import { CommitteeRecordEntity } from '../../database/versioned.entity.js';

/**
 * A member's declaration of interest in an agenda item or a resolution (one per person and
 * subject), at its subject's level (and its meeting's).
 */
@Entity({ name: 'interests' })
@Index('interests_meeting_idx', ['meetingId'])
@Index('interests_user_idx', ['userId'])
@Unique('interests_subject_user_key', ['subjectId', 'userId'])
export class InterestEntity extends CommitteeRecordEntity {
  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 16 })
  subjectType: 'agenda-item' | 'resolution';

  @Column({ name: 'meeting_id', type: 'uuid', nullable: true })
  meetingId: string | null;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  nature: string;

  @Column({ name: 'steps_out', type: 'boolean' })
  stepsOut: boolean;
}
