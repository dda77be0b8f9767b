import {
  type Classification,
  clearedLevels,
  createRndMilestoneSchema,
  createRndProjectSchema,
  listRndProjectsQuerySchema,
  MEETING_TIME_ZONE,
  type RndProject,
  updateRndMilestoneSchema,
  updateRndProjectSchema,
} from '@sidang/shared';
import type { EntityManager } from 'typeorm';
import type { CommitteeAccess } from '../../../access/access.service.js';
import { InvalidFieldException } from '../../../common/errors.js';
import { todayIn } from '../../../common/today.js';
import { childRecordType, committeeRecordType, LIST_ALIAS } from '../common/register-records.js';
import { type Slippage, toRndMilestone, toRndProject } from './rnd.mapper.js';
import { RndMilestoneEntity } from './rnd-milestone.entity.js';
import { RndProjectEntity } from './rnd-project.entity.js';
import { ValueChainStageEntity } from './value-chain-stage.entity.js';

const CLOSED = ['done', 'cancelled'];
const LATE = 'm.planned_on IS NOT NULL AND m.actual_on IS NOT NULL AND m.actual_on > m.planned_on';
const OVERDUE = `m.planned_on IS NOT NULL AND m.status NOT IN ('done', 'cancelled') AND m.planned_on < $2::date`;

/**
 * Late and overdue counts of each project among the milestones at `levels`, on `today`: a
 * reader's counts come only from milestones they may see.
 */
async function slippageOf(
  manager: EntityManager,
  projectIds: string[],
  levels: Classification[],
  today: string,
): Promise<Map<string, Slippage>> {
  if (projectIds.length === 0) return new Map();
  const rows: Array<{ id: string; late: string; overdue: string }> = await manager.query(
    `SELECT m.rnd_project_id AS id,
            COUNT(*) FILTER (WHERE ${LATE}) AS late,
            COUNT(*) FILTER (WHERE ${OVERDUE}) AS overdue
     FROM rnd_milestones m
     WHERE m.rnd_project_id = ANY($1::uuid[]) AND m.deleted_at IS NULL AND m.classification = ANY($3::varchar[])
     GROUP BY m.rnd_project_id`,
    [projectIds, today, levels],
  );
  return new Map(rows.map((row) => [row.id, { late: Number(row.late), overdue: Number(row.overdue) }]));
}

const NONE: Slippage = { late: 0, overdue: 0 };

/** Today in the committee's zone (Asia/Kuala_Lumpur). */
function today(timeZone: string = MEETING_TIME_ZONE): string {
  return todayIn(timeZone);
}

/** The slippage a reader sees: counted among the milestones they may see, on the committee's today. */
async function withSlippage(manager: EntityManager, rows: RndProjectEntity[], access: CommitteeAccess): Promise<RndProject[]> {
  const counts = await slippageOf(
    manager,
    rows.map((row) => row.id),
    clearedLevels(access.clearance),
    today(access.committee.timeZone),
  );
  return rows.map((row) => toRndProject(row, counts.get(row.id) ?? NONE));
}

/** A value-chain stage must be the code of one of its rows. */
async function assertStage(manager: EntityManager, code: string | null): Promise<void> {
  if (code === null) return;
  const found = await manager.count(ValueChainStageEntity, { where: { code } });
  if (found === 0)
    throw new InvalidFieldException('valueChainStage', 'must be the code of a value-chain stage (GET /api/value-chain-stages)');
}

export const RND_PROJECTS = committeeRecordType({
  definition: {
    entityType: 'rnd-project',
    entity: RndProjectEntity,
    name: 'R&D project',
    // What the change log keeps: slippage among the milestones anyone who sees the project sees.
    toWire: async (entity, manager) => {
      const counts = await slippageOf(manager, [entity.id], clearedLevels(entity.classification), today());
      return toRndProject(entity, counts.get(entity.id) ?? NONE);
    },
  },
  schemas: { list: listRndProjectsQuerySchema, create: createRndProjectSchema, update: updateRndProjectSchema },
  order: { column: 'title', direction: 'ASC' },
  equal: { valueChainStage: 'value_chain_stage' },
  filter: (builder, query, access) => {
    if (query.slipping !== undefined) {
      // `:...levels` is the list's own parameter: the milestones the reader may see.
      const slipping = `EXISTS (SELECT 1 FROM rnd_milestones m WHERE m.rnd_project_id = ${LIST_ALIAS}.id AND m.deleted_at IS NULL
        AND m.classification IN (:...levels)
        AND ((${LATE}) OR (m.planned_on IS NOT NULL AND m.status NOT IN (:...closed) AND m.planned_on < :today)))`;
      builder.andWhere(query.slipping ? slipping : `NOT ${slipping}`, { today: today(access.committee.timeZone), closed: CLOSED });
    }
  },
  forReader: (rows, access, manager) => withSlippage(manager, rows, access),
  fieldLevelled: (entity) => toRndProject(entity, NONE),
  prepareCreate: async (input, _access, manager) => {
    await assertStage(manager, input.valueChainStage);
    return { trlTarget: input.trlTarget ?? input.trlNow };
  },
  checkUpdate: async (entity, changes, _access, manager) => {
    const trlNow = changes.trlNow ?? entity.trlNow;
    const trlTarget = changes.trlTarget ?? entity.trlTarget;
    if (trlTarget < trlNow) {
      throw new InvalidFieldException(
        changes.trlTarget !== undefined ? 'trlTarget' : 'trlNow',
        `trlTarget (${trlTarget}) must not be below trlNow (${trlNow})`,
      );
    }
    if (changes.valueChainStage !== undefined) await assertStage(manager, changes.valueChainStage);
  },
  // The editor's answer counts only the milestones they may see, like a GET.
  answerUpdate: async (project, access, manager) => {
    const counts =
      (await slippageOf(manager, [project.id], clearedLevels(access.clearance), today(access.committee.timeZone))).get(project.id) ?? NONE;
    return { ...project, slipping: counts.late + counts.overdue > 0, lateMilestones: counts.late, overdueMilestones: counts.overdue };
  },
});

/** Milestones; a change that moves the project's slippage (late or overdue counts) records `rnd-project.updated` too. */
export const RND_MILESTONES = childRecordType({
  definition: {
    entityType: 'rnd-milestone',
    entity: RndMilestoneEntity,
    name: 'Milestone',
    toWire: (entity) => toRndMilestone(entity, today()),
  },
  parent: RND_PROJECTS,
  segment: 'milestones',
  schemas: { create: createRndMilestoneSchema, update: updateRndMilestoneSchema },
  listed: (rows, access) => {
    const day = today(access.committee.timeZone);
    return rows.sort(byPlan).map((row) => toRndMilestone(row, day));
  },
  parentChanged: (before, after) =>
    before.slipping !== after.slipping ||
    before.lateMilestones !== after.lateMilestones ||
    before.overdueMilestones !== after.overdueMilestones,
});

function byPlan(a: RndMilestoneEntity, b: RndMilestoneEntity): number {
  if (a.plannedOn !== b.plannedOn) return a.plannedOn === null ? 1 : b.plannedOn === null ? -1 : a.plannedOn < b.plannedOn ? -1 : 1;
  return a.createdAt.getTime() - b.createdAt.getTime();
}
