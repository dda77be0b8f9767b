import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../../database/transformers.js';

/**
 * Where a user's "since you were last here" starts in one committee. Bookkeeping of the reader,
 * not a record: it is not logged, relayed or audited. `seenSeq` is the committee's newest change
 * when the user last looked; a visit after a pause moves it to `sinceSeq`.
 */
@Entity({ name: 'home_visits' })
export class HomeVisitEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  /** The newest change of the committee as of the previous visit; null before a second visit. */
  @Column({ name: 'since_seq', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  sinceSeq: number | null;

  @Column({ name: 'since_at', type: 'timestamptz', nullable: true })
  sinceAt: Date | null;

  @Column({ name: 'seen_seq', type: 'bigint', transformer: bigintAsNumber })
  seenSeq: number;

  @Column({ name: 'seen_at', type: 'timestamptz' })
  seenAt: Date;
}
