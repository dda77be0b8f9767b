import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type Agreement,
  type BilateralCommitment,
  type BilateralMeeting,
  type Classification,
  type CountrySummary,
  clearedLevels,
  type createAgreementSchema,
  type createBilateralCommitmentSchema,
  type createBilateralMeetingSchema,
  type ListAgreementsQuery,
  type ListBilateralMeetingsQuery,
  type Page,
  projectFor,
  type UpdateAgreement,
  type UpdateBilateralCommitment,
  type UpdateBilateralMeeting,
} from '@sidang/shared';
import { type DataSource, type EntityManager, In } from 'typeorm';
import type { z } from 'zod';
import { AccessService, type CommitteeAccess } from '../../../access/access.service.js';
import type { Actor } from '../../../access/actor.js';
import type { ChangeTx } from '../../../changes/change-tx.js';
import { ChangesService } from '../../../changes/changes.service.js';
import { InvalidFieldException } from '../../../common/errors.js';
import { keysetPage } from '../common/paging.js';
import { type Governor, type RegisterDefinition, RegisterKit } from '../common/register-kit.js';
import { AgreementEntity } from './agreement.entity.js';
import { toAgreement, toBilateralCommitment, toBilateralMeeting } from './bilateral.mapper.js';
import { BilateralCommitmentEntity } from './bilateral-commitment.entity.js';
import { BilateralMeetingEntity } from './bilateral-meeting.entity.js';

/** Open commitments of each meeting among those at `levels`: a reader counts only what they may see. */
async function openCommitmentsOf(manager: EntityManager, meetingIds: string[], levels: Classification[]): Promise<Map<string, number>> {
  if (meetingIds.length === 0) return new Map();
  const rows: Array<{ id: string; open: string }> = await manager.query(
    `SELECT c.bilateral_meeting_id AS id, COUNT(*) AS open
     FROM bilateral_commitments c
     WHERE c.bilateral_meeting_id = ANY($1::uuid[]) AND c.deleted_at IS NULL AND c.status = 'open'
       AND c.classification = ANY($2::varchar[])
     GROUP BY c.bilateral_meeting_id`,
    [meetingIds, levels],
  );
  return new Map(rows.map((row) => [row.id, Number(row.open)]));
}

export const BILATERAL_MEETING: RegisterDefinition<BilateralMeetingEntity, BilateralMeeting> = {
  entityType: 'bilateral-meeting',
  entity: BilateralMeetingEntity,
  name: 'Bilateral meeting',
  // What the change log keeps: the open commitments anyone who sees the meeting sees.
  toWire: async (entity, manager) => {
    const counts = await openCommitmentsOf(manager, [entity.id], clearedLevels(entity.classification));
    return toBilateralMeeting(entity, counts.get(entity.id) ?? 0);
  },
};

export const BILATERAL_COMMITMENT: RegisterDefinition<BilateralCommitmentEntity, BilateralCommitment> = {
  entityType: 'bilateral-commitment',
  entity: BilateralCommitmentEntity,
  name: 'Commitment',
  toWire: toBilateralCommitment,
  governor: async (entity, manager) =>
    manager.findOne(BilateralMeetingEntity, { where: { id: entity.bilateralMeetingId }, select: { id: true, classification: true } }),
};

export const AGREEMENT: RegisterDefinition<AgreementEntity, Agreement> = {
  entityType: 'agreement',
  entity: AgreementEntity,
  name: 'Agreement',
  toWire: toAgreement,
};

/** Bilateral meetings, their commitments, agreements and the per-country summary. */
@Injectable()
export class BilateralService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly changes: ChangesService,
    private readonly kit: RegisterKit,
  ) {}

  async list(actor: Actor, committeeId: string, query: ListBilateralMeetingsQuery): Promise<Page<BilateralMeeting>> {
    const access = await this.access.requireCommittee(actor, committeeId);
    const builder = this.dataSource
      .getRepository(BilateralMeetingEntity)
      .createQueryBuilder('m')
      .where('m.committee_id = :committeeId', { committeeId })
      .andWhere('m.classification IN (:...levels)', { levels: this.kit.levels(access.clearance) });
    if (query.country) builder.andWhere('m.country = :country', { country: query.country });
    if (query.level) builder.andWhere('m.level = :level', { level: query.level });
    if (query.from) builder.andWhere('m.date >= :from', { from: query.from });
    if (query.to) builder.andWhere('m.date <= :to', { to: query.to });
    const { rows, nextCursor } = await keysetPage(builder, {
      alias: 'm',
      column: 'date',
      key: (row) => row.date,
      direction: 'DESC',
      limit: query.limit,
      cursor: query.cursor,
    });
    const counts = await openCommitmentsOf(
      this.dataSource.manager,
      rows.map((row) => row.id),
      this.kit.levels(access.clearance),
    );
    return { items: rows.map((row) => projectFor(toBilateralMeeting(row, counts.get(row.id) ?? 0), access.clearance)), nextCursor };
  }

  async get(actor: Actor, id: string): Promise<BilateralMeeting> {
    const { entity, access } = await this.kit.visible(BILATERAL_MEETING, actor, id, this.dataSource.manager);
    return this.forReader(entity, access.clearance);
  }

  async create(actor: Actor, committeeId: string, input: z.output<typeof createBilateralMeetingSchema>): Promise<BilateralMeeting> {
    const access = await this.manager(actor, committeeId);
    this.kit.assertClassifiable(access, input.classification);
    const fieldClassifications = this.kit.fieldLevels(access, input.classification, input.fieldClassifications);
    return this.changes.transact(actor, (tx) =>
      this.kit.create(BILATERAL_MEETING, tx, access, { ...input, fieldClassifications, createdById: actor.id }, null),
    );
  }

  async update(actor: Actor, id: string, input: UpdateBilateralMeeting): Promise<BilateralMeeting> {
    const { entity, access } = await this.kit.visible(BILATERAL_MEETING, actor, id, this.dataSource.manager);
    access.require('register.manage');
    return this.changes
      .transact(actor, async (tx) => {
        const { version, ...changes } = input;
        if (changes.classification) this.kit.assertClassifiable(access, changes.classification);
        this.kit.assertNoWithheldField(access, toBilateralMeeting(entity, 0), changes);
        const patch: Partial<BilateralMeetingEntity> = { ...changes } as Partial<BilateralMeetingEntity>;
        const fieldClassifications = this.kit.editedFieldLevels(access, entity, changes);
        if (fieldClassifications) patch.fieldClassifications = fieldClassifications;
        return this.kit.update(BILATERAL_MEETING, tx, access, entity, version, patch, null);
      })
      .then((updated) => this.withReaderCount(updated, access.clearance));
  }

  async remove(actor: Actor, id: string, version: number): Promise<void> {
    const { entity, access } = await this.kit.visible(BILATERAL_MEETING, actor, id, this.dataSource.manager);
    access.require('register.manage');
    await this.changes.transact(actor, async (tx) => {
      await this.kit.remove(BILATERAL_MEETING, tx, access, entity, version, null);
    });
  }

  async listCommitments(actor: Actor, meetingId: string): Promise<BilateralCommitment[]> {
    const { access } = await this.kit.visible(BILATERAL_MEETING, actor, meetingId, this.dataSource.manager);
    const rows = await this.kit.childrenOf(
      this.dataSource.manager,
      BilateralCommitmentEntity,
      'bilateralMeetingId',
      [meetingId],
      access.clearance,
    );
    return rows.sort(byDueDate).map(toBilateralCommitment);
  }

  async addCommitment(
    actor: Actor,
    meetingId: string,
    input: z.output<typeof createBilateralCommitmentSchema>,
  ): Promise<BilateralCommitment> {
    const { entity: meeting, access } = await this.kit.visible(BILATERAL_MEETING, actor, meetingId, this.dataSource.manager);
    access.require('register.manage');
    return this.changes.transact(actor, async (tx) => {
      const classification = input.classification ?? meeting.classification;
      this.kit.assertClassifiable(access, classification);
      const governor: Governor = { id: meeting.id, classification: meeting.classification };
      return this.withOpenCount(tx, meeting.id, () =>
        this.kit.create(BILATERAL_COMMITMENT, tx, access, { ...input, classification, bilateralMeetingId: meeting.id }, governor),
      );
    });
  }

  async updateCommitment(actor: Actor, id: string, input: UpdateBilateralCommitment): Promise<BilateralCommitment> {
    const { entity, access, governor } = await this.kit.visible(BILATERAL_COMMITMENT, actor, id, this.dataSource.manager);
    access.require('register.manage');
    return this.changes.transact(actor, async (tx) => {
      const { version, ...changes } = input;
      if (changes.classification) this.kit.assertClassifiable(access, changes.classification);
      return this.withOpenCount(tx, entity.bilateralMeetingId, () =>
        this.kit.update(BILATERAL_COMMITMENT, tx, access, entity, version, changes, governor),
      );
    });
  }

  async removeCommitment(actor: Actor, id: string, version: number): Promise<void> {
    const { entity, access, governor } = await this.kit.visible(BILATERAL_COMMITMENT, actor, id, this.dataSource.manager);
    access.require('register.manage');
    await this.changes.transact(actor, async (tx) => {
      await this.withOpenCount(tx, entity.bilateralMeetingId, () =>
        this.kit.remove(BILATERAL_COMMITMENT, tx, access, entity, version, governor),
      );
    });
  }

  async listAgreements(actor: Actor, committeeId: string, query: ListAgreementsQuery): Promise<Page<Agreement>> {
    const access = await this.access.requireCommittee(actor, committeeId);
    const builder = this.dataSource
      .getRepository(AgreementEntity)
      .createQueryBuilder('a')
      .where('a.committee_id = :committeeId', { committeeId })
      .andWhere('a.classification IN (:...levels)', { levels: this.kit.levels(access.clearance) });
    if (query.country) builder.andWhere('a.country = :country', { country: query.country });
    if (query.status) builder.andWhere('a.status = :status', { status: query.status });
    const { rows, nextCursor } = await keysetPage(builder, {
      alias: 'a',
      column: 'title',
      key: (row) => row.title,
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: rows.map(toAgreement), nextCursor };
  }

  async getAgreement(actor: Actor, id: string): Promise<Agreement> {
    const { entity } = await this.kit.visible(AGREEMENT, actor, id, this.dataSource.manager);
    return toAgreement(entity);
  }

  async createAgreement(actor: Actor, committeeId: string, input: z.output<typeof createAgreementSchema>): Promise<Agreement> {
    const access = await this.manager(actor, committeeId);
    this.kit.assertClassifiable(access, input.classification);
    return this.changes.transact(actor, async (tx) => {
      await this.assertMeetingOf(access, input.bilateralMeetingId, tx.manager);
      return this.kit.create(AGREEMENT, tx, access, { ...input, createdById: actor.id }, null);
    });
  }

  async updateAgreement(actor: Actor, id: string, input: UpdateAgreement): Promise<Agreement> {
    const { entity, access } = await this.kit.visible(AGREEMENT, actor, id, this.dataSource.manager);
    access.require('register.manage');
    return this.changes.transact(actor, async (tx) => {
      const { version, ...changes } = input;
      if (changes.classification) this.kit.assertClassifiable(access, changes.classification);
      const signedOn = changes.signedOn === undefined ? entity.signedOn : changes.signedOn;
      const expiresOn = changes.expiresOn === undefined ? entity.expiresOn : changes.expiresOn;
      if (signedOn && expiresOn && expiresOn < signedOn) {
        throw new InvalidFieldException(
          changes.expiresOn !== undefined ? 'expiresOn' : 'signedOn',
          'expiresOn must not be before signedOn',
        );
      }
      if (changes.bilateralMeetingId) await this.assertMeetingOf(access, changes.bilateralMeetingId, tx.manager);
      return this.kit.update(AGREEMENT, tx, access, entity, version, changes, null);
    });
  }

  async removeAgreement(actor: Actor, id: string, version: number): Promise<void> {
    const { entity, access } = await this.kit.visible(AGREEMENT, actor, id, this.dataSource.manager);
    access.require('register.manage');
    await this.changes.transact(actor, async (tx) => {
      await this.kit.remove(AGREEMENT, tx, access, entity, version, null);
    });
  }

  /** One partner: engagements (latest first), open commitments (soonest due first), agreements. */
  async country(actor: Actor, committeeId: string, country: string): Promise<CountrySummary> {
    const access = await this.access.requireCommittee(actor, committeeId);
    const levels = this.kit.levels(access.clearance);
    const manager = this.dataSource.manager;
    const meetings = await manager.find(BilateralMeetingEntity, {
      where: { committeeId, country, classification: In(levels) },
      order: { date: 'DESC', id: 'DESC' },
    });
    const commitments = await this.kit.childrenOf(
      manager,
      BilateralCommitmentEntity,
      'bilateralMeetingId',
      meetings.map((meeting) => meeting.id),
      access.clearance,
    );
    const agreements = await manager.find(AgreementEntity, {
      where: { committeeId, country, classification: In(levels) },
      order: { title: 'ASC', id: 'ASC' },
    });
    return {
      country,
      engagements: meetings.map((meeting) =>
        projectFor(
          toBilateralMeeting(meeting, commitments.filter((c) => c.bilateralMeetingId === meeting.id && c.status === 'open').length),
          access.clearance,
        ),
      ),
      openCommitments: commitments
        .filter((commitment) => commitment.status === 'open')
        .sort(byDueDate)
        .map(toBilateralCommitment),
      agreements: agreements.map(toAgreement),
    };
  }

  /** Bilateral meetings of a committee as rows for the export (every page, same filters). */
  async all(actor: Actor, committeeId: string, query: Omit<ListBilateralMeetingsQuery, 'limit' | 'cursor'>): Promise<BilateralMeeting[]> {
    const items: BilateralMeeting[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.list(actor, committeeId, { ...query, limit: 500, cursor });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items;
  }

  /**
   * A commitment's change that moves its meeting's open count also records
   * `bilateral-meeting.updated` in the same transaction: lists and details update live on every
   * channel (socket, catch-up, activity), with no refetch.
   */
  private async withOpenCount<T>(tx: ChangeTx, meetingId: string, write: () => Promise<T>): Promise<T> {
    const locked = await this.kit.lockGovernor(BILATERAL_MEETING, tx, meetingId);
    const result = await write();
    await this.kit.recordDerived(BILATERAL_MEETING, tx, locked, (before, after) => before.openCommitments !== after.openCommitments);
    return result;
  }

  /** A meeting as `clearance` may see it, counting the open commitments they may see. */
  private async forReader(entity: BilateralMeetingEntity, clearance: Classification): Promise<BilateralMeeting> {
    const counts = await openCommitmentsOf(this.dataSource.manager, [entity.id], this.kit.levels(clearance));
    return projectFor(toBilateralMeeting(entity, counts.get(entity.id) ?? 0), clearance);
  }

  private async withReaderCount(meeting: BilateralMeeting, clearance: Classification): Promise<BilateralMeeting> {
    const counts = await openCommitmentsOf(this.dataSource.manager, [meeting.id], this.kit.levels(clearance));
    return { ...meeting, openCommitments: counts.get(meeting.id) ?? 0 };
  }

  private async manager(actor: Actor, committeeId: string): Promise<CommitteeAccess> {
    const access = await this.access.requireCommittee(actor, committeeId);
    access.require('register.manage');
    return access;
  }

  /** An agreement's meeting must be a bilateral meeting of this committee the author may see. */
  private async assertMeetingOf(access: CommitteeAccess, meetingId: string | null, manager: DataSource['manager']): Promise<void> {
    if (!meetingId) return;
    const meeting = await manager.findOne(BilateralMeetingEntity, { where: { id: meetingId } });
    if (!meeting || meeting.committeeId !== access.committee.id || !access.canSee(meeting.classification)) {
      throw new InvalidFieldException('bilateralMeetingId', 'must be a bilateral meeting of this committee');
    }
  }
}

function byDueDate(a: { dueDate: string | null; createdAt: Date }, b: { dueDate: string | null; createdAt: Date }): number {
  if (a.dueDate !== b.dueDate) return a.dueDate === null ? 1 : b.dueDate === null ? -1 : a.dueDate < b.dueDate ? -1 : 1;
  return a.createdAt.getTime() - b.createdAt.getTime();
}
