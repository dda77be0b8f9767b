import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CommitteeEntity } from '../access/committee.entity.js';
import { bigintAsNumber } from '../database/transformers.js';

/**
 * The last `seq` handed out per committee. Incrementing it takes a row lock held to commit,
 * so a committee's changes commit in `seq` order and the committed seqs are always a prefix.
 */
@Entity({ name: 'committee_sequences' })
export class CommitteeSequenceEntity {
  @PrimaryColumn({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ name: 'last_seq', type: 'bigint', default: 0, transformer: bigintAsNumber })
  lastSeq: number;

  @ManyToOne(() => CommitteeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'committee_id' })
  committee?: CommitteeEntity;
}
