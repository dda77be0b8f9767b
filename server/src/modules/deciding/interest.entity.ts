import type { Classification } from '@sidang/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TimestampedEntity } from '../../database/versioned.entity.js';

/** A member's declaration of interest in an agenda item or a resolution (one per person and subject). */
@Entity({ name: 'interests' })
@Index('interests_meeting_idx', ['meetingId'])
@Unique('interests_subject_user_key', ['subjectId', 'userId'])
export class InterestEntity extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

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

  /** Its subject's level (and its meeting's). */
  @Column({ type: 'varchar', length: 16 })
  classification: Classification;

  @Column({ type: 'int' })
  version: number;
}
