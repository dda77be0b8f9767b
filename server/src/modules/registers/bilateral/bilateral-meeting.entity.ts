import type { BilateralLevel, FieldClassifications } from '@sidang/shared';
import { Column, Entity, Index } from 'typeorm';
import { SoftDeletedRecordEntity } from '../../../database/versioned.entity.js';

/** An engagement with a partner country. */
@Entity({ name: 'bilateral_meetings' })
@Index('bilateral_meetings_committee_idx', ['committeeId', 'country'])
export class BilateralMeetingEntity extends SoftDeletedRecordEntity {
  /** ISO 3166-1 alpha-2, upper case. */
  @Column({ type: 'varchar', length: 2 })
  country: string;

  @Column({ type: 'varchar', length: 300 })
  counterpart: string;

  @Column({ type: 'varchar', length: 24 })
  level: BilateralLevel;

  /** Calendar date; kept as the 'YYYY-MM-DD' string to avoid time-zone shifts. */
  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'varchar', length: 300, default: '' })
  place: string;

  @Column({ name: 'our_delegation', type: 'text', default: '' })
  ourDelegation: string;

  @Column({ type: 'text', default: '' })
  objectives: string;

  @Column({ type: 'text', default: '' })
  outcomes: string;

  @Column({ name: 'field_classifications', type: 'jsonb', default: () => "'{}'" })
  fieldClassifications: FieldClassifications;

  @Column({ name: 'created_by_id', type: 'uuid' })
  createdById: string;
}
