import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { clearedLevels, type DeclareInterest, type Interest, type ItemQuorum, projectFor } from '@sidang/shared';
import { type EntityManager, In, type Repository } from 'typeorm';
import type { CommitteeAccess } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import { UserEntity } from '../../access/user.entity.js';
import type { ChangeTx } from '../../changes/change-tx.js';
import { ChangesService } from '../../changes/changes.service.js';
import { derivedLevel } from '../../changes/origin-level.js';
import { type RecordDefinition, RecordKit } from '../../changes/record-kit.js';
import { AgendaItemEntity } from '../meetings/agenda-item.entity.js';
import { AttendanceService } from '../meetings/attendance.service.js';
import { MeetingsService } from '../meetings/meetings.service.js';
import { InterestEntity } from './interest.entity.js';

/** A declaration in full, with its declarer's name. */
async function toInterest(entity: InterestEntity, manager: EntityManager): Promise<Interest> {
  const user = await manager.findOne(UserEntity, { where: { id: entity.userId } });
  return {
    id: entity.id,
    committeeId: entity.committeeId,
    subjectId: entity.subjectId,
    subjectType: entity.subjectType,
    meetingId: entity.meetingId,
    userId: entity.userId,
    userName: user?.name ?? '',
    nature: entity.nature,
    stepsOut: entity.stepsOut,
    classification: entity.classification,
    version: entity.version,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

/** Declarations as the record kit writes them: governed by their subject (an agenda item, a resolution). */
export const INTERESTS: RecordDefinition<InterestEntity, Interest> = {
  entityType: 'interest',
  entity: InterestEntity,
  name: 'Declaration of interest',
  // No `deleted_at`: never removed, only closed (a vote) or replaced (a declaration).
  hardDelete: true,
  toWire: toInterest,
};

/**
 * Declarations of interest: each person declares their own, once per subject (a second one
 * replaces the first, as a new version). One who steps out of an agenda item casts no ballot on
 * it and leaves its quorum while it is the current item.
 */
@Injectable()
export class InterestsService implements OnModuleInit {
  constructor(
    @InjectRepository(InterestEntity) private readonly interests: Repository<InterestEntity>,
    private readonly meetings: MeetingsService,
    private readonly changes: ChangesService,
    private readonly records: RecordKit,
    private readonly attendance: AttendanceService,
  ) {}

  onModuleInit(): void {
    // The meeting's quorum while an item is current leaves out those who stepped out of it.
    this.attendance.readSteppedOutWith((itemIds, manager) => this.steppedOut(itemIds, manager));
  }

  /** The caller's own declaration on an agenda item they may see; it takes the item's level. */
  async declareOnItem(actor: Actor, agendaItemId: string, input: DeclareInterest): Promise<Interest> {
    const { item, meeting, access } = await this.meetings.visibleItem(actor, agendaItemId);
    return this.changes.transact(actor, async (tx) => {
      // On the meeting's current item, the declaration moves the meeting's quorum in the same commit.
      const written = await this.attendance.declaring(tx, meeting.id, item.id, () =>
        this.declare(tx, access, item, meeting.id, actor.id, input),
      );
      return projectFor(written, access.clearance);
    });
  }

  /** One declaration per person and item: a second one is a new version of the first. */
  private async declare(
    tx: ChangeTx,
    access: CommitteeAccess,
    item: AgendaItemEntity,
    meetingId: string,
    userId: string,
    input: DeclareInterest,
  ): Promise<Interest> {
    const { classification } = await derivedLevel(tx.manager, access, item.committeeId, { origins: [item.id] });
    const existing = await tx.manager
      .createQueryBuilder(InterestEntity, 'i')
      .setLock('pessimistic_write')
      .where('i.subject_id = :subjectId AND i.user_id = :userId', { subjectId: item.id, userId })
      .getOne();
    const fields = { nature: input.nature, stepsOut: input.stepsOut, classification };
    return existing
      ? this.records.update(INTERESTS, tx, access, existing, existing.version, fields, { parent: { id: item.id } })
      : this.records.create(
          INTERESTS,
          tx,
          access,
          { ...fields, subjectId: item.id, subjectType: 'agenda-item', meetingId, userId },
          { parent: { id: item.id } },
        );
  }

  /** The register of a meeting: every declaration on its items the reader may see, oldest first. */
  async ofMeeting(actor: Actor, meetingId: string): Promise<Interest[]> {
    const { access } = await this.meetings.visibleMeeting(actor, meetingId);
    const levels = clearedLevels(access.clearance);
    const rows = await this.interests
      .createQueryBuilder('i')
      .innerJoin(AgendaItemEntity, 'a', 'a.id = i.subject_id AND a.deleted_at IS NULL')
      .where('i.meeting_id = :meetingId', { meetingId })
      .andWhere('i.classification IN (:...levels) AND a.classification IN (:...levels)', { levels })
      .orderBy('i.created_at', 'ASC')
      .getMany();
    return Promise.all(rows.map(async (row) => projectFor(await toInterest(row, this.interests.manager), access.clearance)));
  }

  /**
   * The quorum while `agendaItemId` is discussed: the one quorum rule (`quorumOf`) over the
   * meeting's attendance, without the voting members who stepped out of the item.
   */
  async itemQuorum(actor: Actor, agendaItemId: string): Promise<ItemQuorum> {
    const { item, meeting } = await this.meetings.visibleItem(actor, agendaItemId);
    return this.attendance.itemQuorum(meeting, item.id);
  }

  /** Who stepped out of the given items (for the quorum while one is current, and the item's papers). */
  async steppedOut(subjectIds: readonly string[], manager: EntityManager = this.interests.manager): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    if (subjectIds.length === 0) return out;
    const rows = await manager.find(InterestEntity, { where: { subjectId: In([...subjectIds]), stepsOut: true } });
    for (const row of rows) out.set(row.subjectId, (out.get(row.subjectId) ?? new Set()).add(row.userId));
    return out;
  }
}
