import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type Classification,
  clearedLevels,
  type createRndMilestoneSchema,
  type createRndProjectSchema,
  type ListRndProjectsQuery,
  MEETING_TIME_ZONE,
  type Page,
  projectFor,
  type RndMilestone,
  type RndProject,
  type UpdateRndMilestone,
  type UpdateRndProject,
  type ValueChainStage,
} from '@sidang/shared';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { AccessService } from '../../../access/access.service.js';
import type { Actor } from '../../../access/actor.js';
import type { ChangeTx } from '../../../changes/change-tx.js';
import { ChangesService } from '../../../changes/changes.service.js';
import { InvalidFieldException } from '../../../common/errors.js';
import { todayIn } from '../../../common/today.js';
import { keysetPage } from '../common/paging.js';
import { type RegisterDefinition, RegisterKit } from '../common/register-kit.js';
import { type Slippage, toRndMilestone, toRndProject, toValueChainStage } from './rnd.mapper.js';
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

export const RND_PROJECT: RegisterDefinition<RndProjectEntity, RndProject> = {
  entityType: 'rnd-project',
  entity: RndProjectEntity,
  name: 'R&D project',
  // What the change log keeps: slippage among the milestones anyone who sees the project sees.
  toWire: async (entity, manager) => {
    const counts = await slippageOf(manager, [entity.id], clearedLevels(entity.classification), today());
    return toRndProject(entity, counts.get(entity.id) ?? NONE);
  },
};

export const RND_MILESTONE: RegisterDefinition<RndMilestoneEntity, RndMilestone> = {
  entityType: 'rnd-milestone',
  entity: RndMilestoneEntity,
  name: 'Milestone',
  toWire: (entity) => toRndMilestone(entity, today()),
  governor: async (entity, manager) =>
    manager.findOne(RndProjectEntity, { where: { id: entity.rndProjectId }, select: { id: true, classification: true } }),
};

/** R&D projects, their milestones and slippage, and the value-chain stages. */
@Injectable()
export class RndService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly changes: ChangesService,
    private readonly kit: RegisterKit,
  ) {}

  async stages(): Promise<ValueChainStage[]> {
    const rows = await this.dataSource.manager.find(ValueChainStageEntity, { order: { position: 'ASC' } });
    return rows.map(toValueChainStage);
  }

  async list(actor: Actor, committeeId: string, query: ListRndProjectsQuery): Promise<Page<RndProject>> {
    const access = await this.access.requireCommittee(actor, committeeId);
    const levels = this.kit.levels(access.clearance);
    const day = today(access.committee.timeZone);
    const builder = this.dataSource
      .getRepository(RndProjectEntity)
      .createQueryBuilder('p')
      .where('p.committee_id = :committeeId', { committeeId })
      .andWhere('p.classification IN (:...levels)', { levels });
    if (query.valueChainStage) builder.andWhere('p.value_chain_stage = :stage', { stage: query.valueChainStage });
    if (query.slipping !== undefined) {
      const slipping = `EXISTS (SELECT 1 FROM rnd_milestones m WHERE m.rnd_project_id = p.id AND m.deleted_at IS NULL
        AND m.classification IN (:...levels)
        AND ((${LATE}) OR (m.planned_on IS NOT NULL AND m.status NOT IN (:...closed) AND m.planned_on < :today)))`;
      builder.andWhere(query.slipping ? slipping : `NOT ${slipping}`, { today: day, closed: CLOSED });
    }
    const { rows, nextCursor } = await keysetPage(builder, {
      alias: 'p',
      column: 'title',
      key: (row) => row.title,
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    });
    const counts = await slippageOf(
      this.dataSource.manager,
      rows.map((row) => row.id),
      levels,
      day,
    );
    return { items: rows.map((row) => projectFor(toRndProject(row, counts.get(row.id) ?? NONE), access.clearance)), nextCursor };
  }

  async all(actor: Actor, committeeId: string, query: Omit<ListRndProjectsQuery, 'limit' | 'cursor'>): Promise<RndProject[]> {
    const items: RndProject[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.list(actor, committeeId, { ...query, limit: 500, cursor });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items;
  }

  async get(actor: Actor, id: string): Promise<RndProject> {
    const { entity, access } = await this.kit.visible(RND_PROJECT, actor, id, this.dataSource.manager);
    const counts = await slippageOf(this.dataSource.manager, [id], this.kit.levels(access.clearance), today(access.committee.timeZone));
    return projectFor(toRndProject(entity, counts.get(id) ?? NONE), access.clearance);
  }

  async create(actor: Actor, committeeId: string, input: z.output<typeof createRndProjectSchema>): Promise<RndProject> {
    const access = await this.access.requireCommittee(actor, committeeId);
    access.require('register.manage');
    this.kit.assertClassifiable(access, input.classification);
    const fieldClassifications = this.kit.fieldLevels(access, input.classification, input.fieldClassifications);
    await this.assertStage(input.valueChainStage);
    const fields = { ...input, trlTarget: input.trlTarget ?? input.trlNow, fieldClassifications, createdById: actor.id };
    return this.changes.transact(actor, (tx) => this.kit.create(RND_PROJECT, tx, access, fields, null));
  }

  async update(actor: Actor, id: string, input: UpdateRndProject): Promise<RndProject> {
    const { entity, access } = await this.kit.visible(RND_PROJECT, actor, id, this.dataSource.manager);
    access.require('register.manage');
    const { version, ...changes } = input;
    if (changes.classification) this.kit.assertClassifiable(access, changes.classification);
    this.kit.assertNoWithheldField(access, toRndProject(entity, NONE), changes);
    const trlNow = changes.trlNow ?? entity.trlNow;
    const trlTarget = changes.trlTarget ?? entity.trlTarget;
    if (trlTarget < trlNow) {
      throw new InvalidFieldException(
        changes.trlTarget !== undefined ? 'trlTarget' : 'trlNow',
        `trlTarget (${trlTarget}) must not be below trlNow (${trlNow})`,
      );
    }
    if (changes.valueChainStage !== undefined) await this.assertStage(changes.valueChainStage);
    const patch = { ...changes } as Partial<RndProjectEntity>;
    const fieldClassifications = this.kit.editedFieldLevels(access, entity, changes);
    if (fieldClassifications) patch.fieldClassifications = fieldClassifications;
    const updated = await this.changes.transact(actor, (tx) => this.kit.update(RND_PROJECT, tx, access, entity, version, patch, null));
    return this.withReaderSlippage(updated, access.clearance, access.committee.timeZone);
  }

  async remove(actor: Actor, id: string, version: number): Promise<void> {
    const { entity, access } = await this.kit.visible(RND_PROJECT, actor, id, this.dataSource.manager);
    access.require('register.manage');
    await this.changes.transact(actor, (tx) => this.kit.remove(RND_PROJECT, tx, access, entity, version, null));
  }

  async listMilestones(actor: Actor, projectId: string): Promise<RndMilestone[]> {
    const { access } = await this.kit.visible(RND_PROJECT, actor, projectId, this.dataSource.manager);
    const rows = await this.kit.childrenOf(this.dataSource.manager, RndMilestoneEntity, 'rndProjectId', [projectId], access.clearance);
    const day = today(access.committee.timeZone);
    return rows.sort(byPlan).map((row) => toRndMilestone(row, day));
  }

  async addMilestone(actor: Actor, projectId: string, input: z.output<typeof createRndMilestoneSchema>): Promise<RndMilestone> {
    const { entity: project, access } = await this.kit.visible(RND_PROJECT, actor, projectId, this.dataSource.manager);
    access.require('register.manage');
    const classification = input.classification ?? project.classification;
    this.kit.assertClassifiable(access, classification);
    return this.changes.transact(actor, (tx) =>
      this.withSlippage(tx, project.id, () =>
        this.kit.create(
          RND_MILESTONE,
          tx,
          access,
          { ...input, classification, rndProjectId: project.id },
          { id: project.id, classification: project.classification },
        ),
      ),
    );
  }

  async updateMilestone(actor: Actor, id: string, input: UpdateRndMilestone): Promise<RndMilestone> {
    const { entity, access, governor } = await this.kit.visible(RND_MILESTONE, actor, id, this.dataSource.manager);
    access.require('register.manage');
    const { version, ...changes } = input;
    if (changes.classification) this.kit.assertClassifiable(access, changes.classification);
    return this.changes.transact(actor, (tx) =>
      this.withSlippage(tx, entity.rndProjectId, () => this.kit.update(RND_MILESTONE, tx, access, entity, version, changes, governor)),
    );
  }

  async removeMilestone(actor: Actor, id: string, version: number): Promise<void> {
    const { entity, access, governor } = await this.kit.visible(RND_MILESTONE, actor, id, this.dataSource.manager);
    access.require('register.manage');
    await this.changes.transact(actor, (tx) =>
      this.withSlippage(tx, entity.rndProjectId, () => this.kit.remove(RND_MILESTONE, tx, access, entity, version, governor)),
    );
  }

  /**
   * A milestone's change that moves its project's slippage (`slipping`, late or overdue counts)
   * also records `rnd-project.updated` in the same transaction: every list updates live.
   */
  private async withSlippage<T>(tx: ChangeTx, projectId: string, write: () => Promise<T>): Promise<T> {
    const locked = await this.kit.lockGovernor(RND_PROJECT, tx, projectId);
    const result = await write();
    await this.kit.recordDerived(
      RND_PROJECT,
      tx,
      locked,
      (before, after) =>
        before.slipping !== after.slipping ||
        before.lateMilestones !== after.lateMilestones ||
        before.overdueMilestones !== after.overdueMilestones,
    );
    return result;
  }

  /** The editor's answer counts only the milestones they may see, like a GET. */
  private async withReaderSlippage(project: RndProject, clearance: Classification, timeZone: string): Promise<RndProject> {
    const counts =
      (await slippageOf(this.dataSource.manager, [project.id], this.kit.levels(clearance), today(timeZone))).get(project.id) ?? NONE;
    return { ...project, slipping: counts.late + counts.overdue > 0, lateMilestones: counts.late, overdueMilestones: counts.overdue };
  }

  private async assertStage(code: string | null): Promise<void> {
    if (code === null) return;
    const found = await this.dataSource.manager.count(ValueChainStageEntity, { where: { code } });
    if (found === 0)
      throw new InvalidFieldException('valueChainStage', 'must be the code of a value-chain stage (GET /api/value-chain-stages)');
  }
}

function byPlan(a: RndMilestoneEntity, b: RndMilestoneEntity): number {
  if (a.plannedOn !== b.plannedOn) return a.plannedOn === null ? 1 : b.plannedOn === null ? -1 : a.plannedOn < b.plannedOn ? -1 : 1;
  return a.createdAt.getTime() - b.createdAt.getTime();
}
