import type { FieldClassifications } from '@sidang/shared';
import { Column, Entity, Index } from 'typeorm';
import { SoftDeletedRecordEntity } from '../../../database/versioned.entity.js';

/** An R&D project carrying processing capability up the technology readiness levels. */
@Entity({ name: 'rnd_projects' })
@Index('rnd_projects_committee_idx', ['committeeId'])
export class RndProjectEntity extends SoftDeletedRecordEntity {
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ name: 'lead_institution', type: 'varchar', length: 300, default: '' })
  leadInstitution: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  partners: string[];

  /** Ringgit; double precision keeps it a number on the wire. */
  @Column({ name: 'funding_rm', type: 'double precision', nullable: true })
  fundingRm: number | null;

  /** Code of a row of value_chain_stages. */
  @Column({ name: 'value_chain_stage', type: 'varchar', length: 64, nullable: true })
  valueChainStage: string | null;

  @Column({ name: 'trl_now', type: 'smallint' })
  trlNow: number;

  @Column({ name: 'trl_target', type: 'smallint' })
  trlTarget: number;

  @Column({ type: 'text', default: '' })
  notes: string;

  @Column({ name: 'field_classifications', type: 'jsonb', default: () => "'{}'" })
  fieldClassifications: FieldClassifications;

  @Column({ name: 'created_by_id', type: 'uuid' })
  createdById: string;
}
