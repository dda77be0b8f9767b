import { Column, Entity, Index } from 'typeorm';
import { SoftDeletedRecordEntity } from '../../../database/versioned.entity.js';

/** One round of a negotiation; governed by the negotiation. */
@Entity({ name: 'negotiation_rounds' })
@Index('negotiation_rounds_negotiation_idx', ['negotiationId'])
export class NegotiationRoundEntity extends SoftDeletedRecordEntity {
  @Column({ name: 'negotiation_id', type: 'uuid' })
  negotiationId: string;

  @Column({ type: 'int' })
  number: number;

  @Column({ name: 'starts_on', type: 'date', nullable: true })
  startsOn: string | null;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn: string | null;

  @Column({ type: 'varchar', length: 300, default: '' })
  venue: string;

  @Column({ type: 'text', default: '' })
  outcome: string;

  @Column({ name: 'next_steps', type: 'text', default: '' })
  nextSteps: string;
}
