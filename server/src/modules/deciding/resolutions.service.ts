import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type AnswerResolution,
  type CreateResolution,
  classificationLevel,
  clearedLevels,
  type DeclareInterest,
  type Interest,
  isCleared,
  isVotingRole,
  projectFor,
  type Resolution,
  resolutionOutcome,
} from '@sidang/shared';
import type { EntityManager, Repository } from 'typeorm';
import { AccessService, type CommitteeAccess } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import { UserEntity } from '../../access/user.entity.js';
import type { ChangeTx } from '../../changes/change-tx.js';
import { ChangesService } from '../../changes/changes.service.js';
import { type RecordDefinition, RecordKit } from '../../changes/record-kit.js';
import { AboveClearanceException, InvalidFieldException, NotFoundError } from '../../common/errors.js';
import { CommitteeSettingsService } from '../committees/committee-settings.service.js';
import { MeetingEntity } from '../meetings/meeting.entity.js';
import { MeetingsService } from '../meetings/meetings.service.js';
import { decidingErrors } from './deciding.errors.js';
import { InterestEntity } from './interest.entity.js';
import { INTERESTS } from './interests.service.js';
import { ResolutionAnswerEntity, ResolutionEntity } from './resolution.entity.js';
import { openedAndClosed } from './vote.mapper.js';

/**
 * Resolutions by circulation. Answers are part of the resolution (its level governs them and
 * their comments); each answer is a new version (`resolution.tallied`). It closes once: by an
 * answer after which the outcome can no longer change, or at `closesAt` by the sweep of any
 * instance (`closeDue`), each under the resolution's row lock and only while it is still open.
 */
@Injectable()
export class ResolutionsService {
  readonly definition: RecordDefinition<ResolutionEntity, Resolution>;

  constructor(
    @InjectRepository(ResolutionEntity) private readonly resolutions: Repository<ResolutionEntity>,
    private readonly access: AccessService,
    private readonly meetings: MeetingsService,
    private readonly settings: CommitteeSettingsService,
    private readonly changes: ChangesService,
    private readonly records: RecordKit,
  ) {
    this.definition = {
      entityType: 'resolution',
      entity: ResolutionEntity,
      name: 'Resolution',
      // No `deleted_at`: a resolution is closed, never removed.
      hardDelete: true,
      toWire: (entity, manager) => this.toWire(entity, manager),
    };
  }

  async list(actor: Actor, committeeId: string): Promise<Resolution[]> {
    const access = await this.access.requireCommittee(actor, committeeId);
    const rows = await this.resolutions
      .createQueryBuilder('r')
      .where('r.committee_id = :committeeId AND r.classification IN (:...levels)', { committeeId, levels: clearedLevels(access.clearance) })
      .orderBy('r.created_at', 'DESC')
      .limit(200)
      .getMany();
    return this.project(rows, access);
  }

  async get(actor: Actor, id: string): Promise<Resolution> {
    const { entity, access } = await this.records.visible(this.definition, actor, id);
    return projectFor(await this.toWire(entity, this.resolutions.manager), access.clearance);
  }

  /**
   * "Keputusan secara edaran" on a meeting's agenda, for noting: the resolutions of its committee
   * closed since the meeting before it started, up to its own start.
   */
  async forMeeting(actor: Actor, meetingId: string): Promise<Resolution[]> {
    const { meeting, access } = await this.meetings.visibleMeeting(actor, meetingId);
    const previous = await this.resolutions.manager
      .createQueryBuilder(MeetingEntity, 'm')
      .where('m.committee_id = :committeeId AND m.deleted_at IS NULL AND m.starts_at < :startsAt', {
        committeeId: meeting.committeeId,
        startsAt: meeting.startsAt,
      })
      .orderBy('m.starts_at', 'DESC')
      .getOne();
    const query = this.resolutions
      .createQueryBuilder('r')
      .where("r.committee_id = :committeeId AND r.status = 'closed' AND r.closed_at <= :startsAt", {
        committeeId: meeting.committeeId,
        startsAt: meeting.startsAt,
      })
      .andWhere('r.classification IN (:...levels)', { levels: clearedLevels(access.clearance) });
    if (previous) query.andWhere('r.closed_at > :since', { since: previous.startsAt });
    return this.project(await query.orderBy('r.closed_at', 'ASC').getMany(), access);
  }

  /** The secretariat (or the chair) circulates a resolution at a level it is cleared for, closing in the future. */
  async create(actor: Actor, committeeId: string, input: CreateResolution, now = new Date()): Promise<Resolution> {
    const access = await this.access.requireCommittee(actor, committeeId);
    access.require('resolution.circulate');
    const classification = input.classification ?? 'OPEN';
    if (!isCleared(access.clearance, classification)) throw new AboveClearanceException(access.clearance);
    const closesAt = new Date(input.closesAt);
    if (closesAt.getTime() <= now.getTime()) throw new InvalidFieldException('closesAt', 'must be in the future');
    return this.changes.transact(actor, async (tx) => {
      const fields: Partial<ResolutionEntity> = {
        title: input.title,
        text: input.text,
        rule: input.rule ?? 'majority_of_voting_members',
        closesAt,
        status: 'open',
        outcome: null,
        closedBy: null,
        closedAt: null,
        classification,
        createdById: actor.id,
      };
      return projectFor(await this.records.create(this.definition, tx, access, fields), access.clearance);
    });
  }

  /**
   * A voting member answers (a second answer replaces the first while it is open); when the
   * outcome can no longer change, the resolution closes in the same commit.
   */
  async answer(actor: Actor, id: string, input: AnswerResolution): Promise<Resolution> {
    const { entity, access } = await this.records.visible(this.definition, actor, id);
    await this.requireAnswerer(access, entity);
    return this.changes.transact(actor, async (tx) => {
      const resolution = await this.locked(tx, id);
      if (!resolution) throw new NotFoundError('Resolution');
      if (resolution.status !== 'open') {
        throw decidingErrors.closed('the resolution', projectFor(await this.toWire(resolution, tx.manager), access.clearance));
      }
      const before = await this.toWire(resolution, tx.manager);
      await tx.manager.query(
        `INSERT INTO resolution_answers (resolution_id, user_id, answer, comment) VALUES ($1, $2, $3, $4)
         ON CONFLICT (resolution_id, user_id) DO UPDATE SET answer = EXCLUDED.answer, comment = EXCLUDED.comment`,
        [resolution.id, actor.id, input.answer, input.comment ?? null],
      );
      let after = await this.bump(tx, resolution, before, 'tallied');
      const outcome = resolutionOutcome(resolution.rule, after.tally, after.votingMembers, false);
      if (outcome)
        after = await this.bump(tx, resolution, after, 'closed', { status: 'closed', outcome, closedBy: 'decided', closedAt: new Date() });
      return projectFor(after, access.clearance);
    });
  }

  /**
   * Closes every open resolution whose `closesAt` has come, by its rule on the answers given. Any
   * instance may run it at once: each close takes the row with `FOR UPDATE SKIP LOCKED` and only
   * while it is open, so each resolution is closed once in the cluster. Answers how many it closed.
   */
  async closeDue(now: Date): Promise<number> {
    const due = await this.resolutions
      .createQueryBuilder('r')
      .select(['r.id', 'r.createdById'])
      .where("r.status = 'open' AND r.closes_at <= :now", { now })
      .getMany();
    let closed = 0;
    for (const { id, createdById } of due) {
      const circulator = await this.resolutions.manager.findOne(UserEntity, { where: { id: createdById } });
      if (!circulator) continue;
      // The clock closes it in the name of the one who circulated it (the audit row says `closedBy: deadline`).
      const actor: Actor = { ...circulator, isAdmin: false };
      const done = await this.changes.transact(actor, async (tx) => {
        const resolution = await this.locked(tx, id, true);
        if (!resolution || resolution.status !== 'open') return false;
        const before = await this.toWire(resolution, tx.manager);
        const outcome = resolutionOutcome(resolution.rule, before.tally, before.votingMembers, true) ?? 'not_carried';
        await this.bump(tx, resolution, before, 'closed', { status: 'closed', outcome, closedBy: 'deadline', closedAt: now });
        return true;
      });
      if (done) closed += 1;
    }
    return closed;
  }

  /** Open resolutions closing before `until`, with who has not answered yet (for reminders). */
  async awaiting(until: Date, now: Date): Promise<Array<{ resolution: ResolutionEntity; level: number; unanswered: string[] }>> {
    const rows = await this.resolutions
      .createQueryBuilder('r')
      .where("r.status = 'open' AND r.closes_at > :now AND r.closes_at <= :until", { now, until })
      .getMany();
    const found = [];
    for (const resolution of rows) {
      const wire = await this.toWire(resolution, this.resolutions.manager);
      const voters = await this.voters(resolution, this.resolutions.manager);
      const answered = new Set(wire.answers.map((answer) => answer.userId));
      found.push({
        resolution,
        level: classificationLevel(resolution.classification),
        unanswered: voters.filter((userId) => !answered.has(userId)),
      });
    }
    return found;
  }

  /** The caller's own declaration of interest in a resolution; it takes the resolution's level. */
  async declareInterest(actor: Actor, id: string, input: DeclareInterest): Promise<Interest> {
    const { entity, access } = await this.records.visible(this.definition, actor, id);
    return this.changes.transact(actor, async (tx) => {
      const existing = await tx.manager
        .createQueryBuilder(InterestEntity, 'i')
        .setLock('pessimistic_write')
        .where('i.subject_id = :subjectId AND i.user_id = :userId', { subjectId: entity.id, userId: actor.id })
        .getOne();
      const fields = { nature: input.nature, stepsOut: input.stepsOut, classification: entity.classification };
      const written = existing
        ? await this.records.update(INTERESTS, tx, access, existing, existing.version, fields, { parent: { id: entity.id } })
        : await this.records.create(
            INTERESTS,
            tx,
            access,
            { ...fields, subjectId: entity.id, subjectType: 'resolution', meetingId: null, userId: actor.id },
            { parent: { id: entity.id } },
          );
      return projectFor(written, access.clearance);
    });
  }

  private async project(rows: ResolutionEntity[], access: CommitteeAccess): Promise<Resolution[]> {
    return Promise.all(rows.map(async (row) => projectFor(await this.toWire(row, this.resolutions.manager), access.clearance)));
  }

  private async locked(tx: ChangeTx, id: string, skipLocked = false): Promise<ResolutionEntity | null> {
    const query = tx.manager.createQueryBuilder(ResolutionEntity, 'r').where('r.id = :id', { id });
    return (skipLocked ? query.setLock('pessimistic_write').setOnLocked('skip_locked') : query.setLock('pessimistic_write')).getOne();
  }

  private async bump(
    tx: ChangeTx,
    resolution: ResolutionEntity,
    before: Resolution,
    verb: 'tallied' | 'closed',
    patch?: Partial<ResolutionEntity>,
  ): Promise<Resolution> {
    const after = await this.records.bump(this.definition, tx, resolution, before, { verb, ...(patch ? { patch } : {}) });
    if (!after) throw new NotFoundError('Resolution');
    return after;
  }

  /** Who answers: voting members (the quorum's roles), not those who stepped out. */
  private async requireAnswerer(access: CommitteeAccess, resolution: ResolutionEntity): Promise<void> {
    const recused = await this.resolutions.manager.exists(InterestEntity, {
      where: { subjectId: resolution.id, userId: access.actor.id, stepsOut: true },
    });
    if (recused) throw decidingErrors.recused();
    const { secretariatVotes } = await this.settings.quorumSettings(resolution.committeeId);
    if (!isVotingRole(access.role, secretariatVotes)) throw decidingErrors.notVoting();
  }

  /** The voting members who may answer: active members of a voting role, without those who stepped out. */
  private async voters(resolution: ResolutionEntity, manager: EntityManager): Promise<string[]> {
    const members = await this.access.membersOf(resolution.committeeId, manager);
    const { secretariatVotes } = await this.settings.quorumSettings(resolution.committeeId, manager);
    const out = new Set(
      (await manager.find(InterestEntity, { where: { subjectId: resolution.id, stepsOut: true } })).map((interest) => interest.userId),
    );
    return members
      .filter(({ user, membership }) => user.active && isVotingRole(membership.role, secretariatVotes) && !out.has(user.id))
      .map(({ user }) => user.id);
  }

  private async toWire(entity: ResolutionEntity, manager: EntityManager): Promise<Resolution> {
    const rows = await manager.find(ResolutionAnswerEntity, { where: { resolutionId: entity.id }, order: { userId: 'ASC' } });
    const voters = new Set(await this.voters(entity, manager));
    // Counted: answers of those who may answer now (one who stepped out after answering is not counted).
    const counted = rows.filter((row) => voters.has(row.userId));
    const tally = { agree: 0, object: 0, abstain: 0 };
    for (const row of counted) tally[row.answer] += 1;
    return {
      id: entity.id,
      committeeId: entity.committeeId,
      title: entity.title,
      text: entity.text,
      rule: entity.rule,
      closesAt: entity.closesAt.toISOString(),
      status: entity.status,
      outcome: entity.outcome,
      closedBy: entity.closedBy,
      answers: rows.map((row) => ({ userId: row.userId, answer: row.answer, comment: row.comment })),
      tally,
      votingMembers: voters.size,
      ...openedAndClosed(entity),
    };
  }
}
