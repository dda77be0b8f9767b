import type { VoteBallot, VoteStatus } from '@sidang/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CommitteeRecordEntity } from '../../database/versioned.entity.js';

/**
 * A vote on an agenda item, opened by the chair while the meeting is in progress; its level is
 * never below its agenda item's and meeting's.
 */
@Entity({ name: 'votes' })
@Index('votes_meeting_idx', ['meetingId'])
export class VoteEntity extends CommitteeRecordEntity {
  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @Column({ name: 'agenda_item_id', type: 'uuid' })
  agendaItemId: string;

  @Column({ type: 'text' })
  question: string;

  @Column({ type: 'jsonb' })
  options: string[];

  @Column({ type: 'varchar', length: 16 })
  ballot: VoteBallot;

  @Column({ type: 'varchar', length: 16 })
  status: VoteStatus;

  /** Set when the vote closes (a named ballot's running count is read from its ballots). */
  @Column({ type: 'jsonb', nullable: true })
  tally: Record<string, number> | null;

  @Column({ name: 'decision_id', type: 'uuid', nullable: true })
  decisionId: string | null;

  @Column({ name: 'created_by_id', type: 'uuid' })
  createdById: string;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}

/**
 * Who has voted: one row per voter and vote (the primary key counts each member once, however
 * many requests, sockets or instances carry their ballot). `choice` is set for a named ballot
 * only; a secret ballot's choice is in `vote_choices`, with nothing that leads back here.
 */
@Entity({ name: 'vote_ballots_cast' })
export class VoteBallotCastEntity {
  @PrimaryColumn({ name: 'vote_id', type: 'uuid' })
  voteId: string;

  @ManyToOne(() => VoteEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vote_id', foreignKeyConstraintName: 'vote_ballots_cast_vote_id_fkey' })
  vote?: VoteEntity;

  @PrimaryColumn({ name: 'voter_id', type: 'uuid' })
  voterId: string;

  @Column({ type: 'text', nullable: true })
  choice: string | null;
}

/**
 * A secret ballot's choice: a random id, the vote, the choice and the SHA-256 of the receipt its
 * caster was answered (to change it) — no voter, no time, no order. Counted at the close; as many
 * rows as `vote_ballots_cast` has for the vote.
 */
@Entity({ name: 'vote_choices' })
@Index('vote_choices_vote_idx', ['voteId'])
@Index('vote_choices_receipt_hash_idx', ['receiptHash'], { unique: true })
export class VoteChoiceEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'vote_id', type: 'uuid' })
  voteId: string;

  @ManyToOne(() => VoteEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vote_id', foreignKeyConstraintName: 'vote_choices_vote_id_fkey' })
  vote?: VoteEntity;

  @Column({ type: 'text' })
  choice: string;

  /** SHA-256 (base64url) of the receipt answered to the caster alone; null for a choice cast before receipts. */
  @Column({ name: 'receipt_hash', type: 'text', nullable: true })
  receiptHash: string | null;
}
