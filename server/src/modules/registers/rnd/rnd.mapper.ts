import { milestoneSlippage, type RndMilestone, type RndProject, type ValueChainStage } from '@sidang/shared';
import { versionAndTimes, versionAuthorAndTimes } from '../common/register.mapper.js';
import type { RndMilestoneEntity } from './rnd-milestone.entity.js';
import type { RndProjectEntity } from './rnd-project.entity.js';
import type { ValueChainStageEntity } from './value-chain-stage.entity.js';

/** Late and overdue milestones of one project, among those counted for the reader. */
export interface Slippage {
  late: number;
  overdue: number;
}

/** In full, as the change log keeps it; readers get `projectFor(project, clearance)`. */
export function toRndProject(entity: RndProjectEntity, slippage: Slippage): RndProject {
  return {
    id: entity.id,
    committeeId: entity.committeeId,
    title: entity.title,
    leadInstitution: entity.leadInstitution,
    partners: [...entity.partners],
    fundingRm: entity.fundingRm === null ? null : Number(entity.fundingRm),
    valueChainStage: entity.valueChainStage,
    trlNow: entity.trlNow,
    trlTarget: entity.trlTarget,
    notes: entity.notes,
    classification: entity.classification,
    fieldClassifications: { ...entity.fieldClassifications },
    slipping: slippage.late + slippage.overdue > 0,
    lateMilestones: slippage.late,
    overdueMilestones: slippage.overdue,
    ...versionAuthorAndTimes(entity),
  };
}

export function toRndMilestone(entity: RndMilestoneEntity, today: string): RndMilestone {
  return {
    id: entity.id,
    committeeId: entity.committeeId,
    rndProjectId: entity.rndProjectId,
    title: entity.title,
    gateCriteria: entity.gateCriteria,
    plannedOn: entity.plannedOn,
    actualOn: entity.actualOn,
    status: entity.status,
    ...milestoneSlippage(entity, today),
    classification: entity.classification,
    ...versionAndTimes(entity),
  };
}

export function toValueChainStage(entity: ValueChainStageEntity): ValueChainStage {
  return { code: entity.code, nameEn: entity.nameEn, nameMs: entity.nameMs, segment: entity.segment, position: entity.position };
}
