import type { FieldClassifications, NegotiationKind, NegotiationStatus } from '@sidang/shared';
import { Column, Entity, Index } from 'typeorm';
import { SoftDeletedRecordEntity } from '../../../database/versioned.entity.js';

/** A negotiation track; our position, red lines, fallback and concessions may be classified above it. */
@Entity({ name: 'negotiations' })
@Index('negotiations_committee_idx', ['committeeId'])
export class NegotiationEntity extends SoftDeletedRecordEntity {
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'varchar', length: 300, default: '' })
  counterpart: string;

  @Column({ type: 'varchar', length: 16 })
  kind: NegotiationKind;

  @Column({ type: 'varchar', length: 16 })
  status: NegotiationStatus;

  @Column({ type: 'text', default: '' })
  position: string;

  @Column({ name: 'red_lines', type: 'text', default: '' })
  redLines: string;

  @Column({ type: 'text', default: '' })
  fallback: string;

  @Column({ type: 'text', default: '' })
  concessions: string;

  @Column({ name: 'field_classifications', type: 'jsonb', default: () => "'{}'" })
  fieldClassifications: FieldClassifications;

  @Column({ name: 'created_by_id', type: 'uuid' })
  createdById: string;
}
