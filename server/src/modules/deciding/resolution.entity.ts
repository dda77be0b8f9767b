import type { ResolutionAnswer, ResolutionOutcome, ResolutionRule, VoteStatus } from '@sidang/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CommitteeRecordEntity } from '../../database/versioned.entity.js';

/** A resolution by circulation, decided between meetings by its committee's voting members. */
@Entity({ name: 'resolutions' })
@Index('resolutions_committee_idx', ['committeeId'])
/** What the deadline sweep reads: open resolutions by their closing time. */
@Index('resolutions_open_idx', ['closesAt'], { where: `"status" = 'open'` })
export class ResolutionEntity extends CommitteeRecordEntity {
  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'varchar', length: 32 })
  rule: ResolutionRule;

  @Column({ name: 'closes_at', type: 'timestamptz' })
  closesAt: Date;

  @Column({ type: 'varchar', length: 16 })
  status: VoteStatus;

  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome: ResolutionOutcome | null;

  @Column({ name: 'closed_by', type: 'varchar', length: 16, nullable: true })
  closedBy: 'deadline' | 'decided' | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'created_by_id', type: 'uuid' })
  createdById: string;
}

/** One member's answer to a resolution (a second answer replaces the first while it is open). */
@Entity({ name: 'resolution_answers' })
export class ResolutionAnswerEntity {
  @PrimaryColumn({ name: 'resolution_id', type: 'uuid' })
  resolutionId: string;

  @ManyToOne(() => ResolutionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'resolution_id', foreignKeyConstraintName: 'resolution_answers_resolution_id_fkey' })
  resolution?: ResolutionEntity;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 16 })
  answer: ResolutionAnswer;

  @Column({ type: 'text', nullable: true })
  comment: string | null;
}
