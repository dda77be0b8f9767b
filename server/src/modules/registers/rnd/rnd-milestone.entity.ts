import type { MilestoneStatus } from '@sidang/shared';
import { Column, Entity, Index } from 'typeorm';
import { SoftDeletedRecordEntity } from '../../../database/versioned.entity.js';

/**
 * A gate of an R&D project; governed by the project. Evidence documents attach to it as their
 * parent record (by id), like to any other record.
 */
@Entity({ name: 'rnd_milestones' })
@Index('rnd_milestones_project_idx', ['rndProjectId'])
export class RndMilestoneEntity extends SoftDeletedRecordEntity {
  @Column({ name: 'rnd_project_id', type: 'uuid' })
  rndProjectId: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ name: 'gate_criteria', type: 'text', default: '' })
  gateCriteria: string;

  @Column({ name: 'planned_on', type: 'date', nullable: true })
  plannedOn: string | null;

  @Column({ name: 'actual_on', type: 'date', nullable: true })
  actualOn: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: MilestoneStatus;
}
