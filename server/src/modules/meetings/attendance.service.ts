import { ForbiddenException, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type Attendance,
  type AttendanceStatus,
  type Attendee,
  type Classification,
  type CreateGuest,
  classificationLevel,
  type Guest,
  type Invitation,
  type ItemQuorum,
  lowerOf,
  type ProjectorView,
  projectFor,
  quorumOf,
  type RsvpResponse,
} from '@sidang/shared';
import { type EntityManager, In } from 'typeorm';
import { AccessService } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import { UserEntity } from '../../access/user.entity.js';
import type { ChangeTx } from '../../changes/change-tx.js';
import { ChangesService } from '../../changes/changes.service.js';
import { type RecordDefinition, RecordKit } from '../../changes/record-kit.js';
import { AttendanceFrozenException, NotFoundError } from '../../common/errors.js';
import { CommitteeSettingsService, type QuorumSettings } from '../committees/committee-settings.service.js';
import { AttendanceEntity } from './attendance.entity.js';
import { GuestEntity } from './guest.entity.js';
import { InvitationEntity } from './invitation.entity.js';
import { MeetingEntity } from './meeting.entity.js';
import { meetingErrors } from './meetings.errors.js';
import { MeetingsRepository } from './meetings.repository.js';
import { type CurrentItemBefore, MeetingsService } from './meetings.service.js';

/**
 * Who stepped out of each of these agenda items (declarations of interest, kept by the deciding
 * slice, which registers the reader): they leave the item's quorum while it is current.
 */
export type SteppedOutReader = (itemIds: readonly string[], manager: EntityManager) => Promise<Map<string, Set<string>>>;

/** A meeting's attendance as the record kit writes it (`view` reads it): kept in the meeting's row, at its level. */
function attendanceRecords(
  view: (meeting: MeetingEntity, manager: EntityManager) => Promise<Attendance>,
): RecordDefinition<MeetingEntity, Attendance> {
  return {
    entityType: 'attendance',
    entity: MeetingEntity,
    name: 'Meeting',
    stored: { id: 'attendanceId', version: 'attendanceVersion' },
    toWire: view,
  };
}

/** The guest as the wire carries it. */
function toGuest(entity: GuestEntity): Guest {
  return { id: entity.id, meetingId: entity.meetingId, name: entity.name, agency: entity.agency, role: entity.role };
}

/**
 * Who attends a meeting, and whether it has its quorum by the committee's rule (default: more
 * than half of its voting members: the chair and the members, the secretariat only when the
 * committee's settings say so; never observers or guests). Once the meeting's minutes are
 * published, its attendance is frozen.
 */
@Injectable()
export class AttendanceService implements OnModuleInit {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly repository: MeetingsRepository,
    private readonly access: AccessService,
    private readonly changes: ChangesService,
    private readonly settings: CommitteeSettingsService,
    private readonly records: RecordKit,
  ) {}

  private readonly attendance = attendanceRecords((meeting, manager) => this.view(meeting, manager));
  private steppedOutOf: SteppedOutReader | null = null;

  onModuleInit(): void {
    // A new rule changes the quorum of every meeting not yet closed, in the same commit.
    this.settings.onQuorumRuleChanged((tx, committeeId, previous) => this.quorumRuleChanged(tx, committeeId, previous));
    // Another current item, another quorum: those who stepped out of it leave it.
    this.meetings.onCurrentItemChanged((tx, meeting, before) => this.currentItemChanged(tx, meeting, before));
  }

  /** The deciding slice says who stepped out of an item (declarations of interest). */
  readSteppedOutWith(reader: SteppedOutReader): void {
    this.steppedOutOf = reader;
  }

  async get(actor: Actor, meetingId: string): Promise<Attendance> {
    const { meeting, access } = await this.meetings.visibleMeeting(actor, meetingId);
    return projectFor(await this.view(meeting), access.clearance);
  }

  /**
   * The quorum while `agendaItemId` (of `meeting`) is discussed: the one quorum rule over the
   * meeting's attendance, without the voting members who stepped out of the item. The meeting's
   * live indicator (`currentItemQuorum`) and `GET /api/agenda-items/:id/quorum` both read it.
   */
  async itemQuorum(meeting: MeetingEntity, agendaItemId: string, manager?: EntityManager): Promise<ItemQuorum> {
    return this.quorumWhile(meeting, agendaItemId, await this.view(meeting, manager), manager);
  }

  private async quorumWhile(
    meeting: MeetingEntity,
    agendaItemId: string,
    attendance: Pick<Attendance, 'attendees'>,
    manager: EntityManager = this.repository.manager,
    settingsInForce?: Pick<QuorumSettings, 'rule' | 'secretariatVotes'>,
  ): Promise<ItemQuorum> {
    const settings = settingsInForce ?? (await this.settings.quorumSettings(meeting.committeeId, manager));
    const out = this.steppedOutOf ? await this.steppedOutOf([agendaItemId], manager) : new Map<string, Set<string>>();
    const steppedOut = [...(out.get(agendaItemId) ?? [])].sort();
    const quorum = quorumOf(attendance.attendees, {
      rule: settings.rule,
      secretariatVotes: settings.secretariatVotes,
      excludedUserIds: steppedOut,
    });
    return { agendaItemId, meetingId: meeting.id, quorum, steppedOut };
  }

  /**
   * Someone declared (or changed) an interest in `agendaItemId`: when it is the meeting's current
   * item, its quorum moved, and the attendance gets a new version in the same commit. `change`
   * writes the declaration after the meeting's row is locked (so the current item cannot move meanwhile).
   */
  async declaring<T>(tx: ChangeTx, meetingId: string, agendaItemId: string, change: () => Promise<T>): Promise<T> {
    const meeting = await this.repository.lockMeeting(tx.manager, meetingId);
    if (!meeting || meeting.currentAgendaItemId !== agendaItemId) return change();
    const before = await this.view(meeting, tx.manager);
    const result = await change();
    await this.recordChange(tx, meeting, before);
    return result;
  }

  /**
   * The level the meeting's projector opens at: the lowest clearance among the people in the
   * room (marked present or in attendance), or among all its members while nobody is marked —
   * never the opener's own, since whoever sits in the room reads the screen.
   */
  async projectorView(actor: Actor, meetingId: string): Promise<ProjectorView> {
    const { meeting } = await this.meetings.visibleMeeting(actor, meetingId);
    const members = await this.access.membersOf(meeting.committeeId);
    const marks = await this.repository.manager.find(AttendanceEntity, { where: { meetingId: meeting.id } });
    const inRoom = new Set(marks.filter((mark) => mark.status === 'present' || mark.status === 'in_attendance').map((mark) => mark.userId));
    const memberIds = new Set(members.map(({ user }) => user.id));
    const guestIds = [...inRoom].filter((userId) => !memberIds.has(userId));
    const guests = guestIds.length > 0 ? await this.repository.manager.find(UserEntity, { where: { id: In(guestIds) } }) : [];
    const present = [...members.map(({ user }) => user).filter((user) => inRoom.has(user.id)), ...guests];
    const basis = present.length > 0 ? 'in-room' : 'members';
    const people = basis === 'in-room' ? present : members.map(({ user }) => user);
    let level: Classification = actor.clearance;
    for (const person of people) level = lowerOf(level, person.clearance);
    return { meetingId: meeting.id, defaultViewLevel: level, basis };
  }

  /**
   * The secretariat and the chair mark anyone (a non-member only as in attendance, by
   * invitation); a member marks themself present or sends apologies.
   */
  async mark(actor: Actor, meetingId: string, userId: string, status: AttendanceStatus): Promise<Attendance> {
    return this.write(actor, meetingId, userId, status);
  }

  private async write(actor: Actor, meetingId: string, userId: string, status: AttendanceStatus): Promise<Attendance> {
    const { access } = await this.meetings.visibleMeeting(actor, meetingId);
    const self = userId === actor.id;
    if (!access.may('meeting.run')) {
      if (!self || !access.may('attendance.mark-own') || (status !== 'present' && status !== 'apologies')) {
        throw new ForbiddenException('You may mark only yourself, as present or with apologies');
      }
    }
    const isMember = await this.access.isMember(access.committee.id, userId);
    if (!isMember) {
      const exists = await this.access.userExists(userId);
      if (!exists) throw meetingErrors.notAUser();
      if (status !== 'in_attendance' && status !== 'absent') throw meetingErrors.guestStatus();
    }
    return this.changes.transact(actor, async (tx) => {
      const meeting = await this.lockUnfrozen(tx, access, meetingId);
      const before = await this.view(meeting, tx.manager);
      await tx.manager.upsert(AttendanceEntity, { meetingId, userId, status }, ['meetingId', 'userId']);
      return projectFor(await this.recordChange(tx, meeting, before), access.clearance);
    });
  }

  /** The chair or the secretariat adds a guest who is not a member: a new version of the attendance. */
  async addGuest(actor: Actor, meetingId: string, input: Required<CreateGuest>): Promise<Guest> {
    const { access } = await this.meetings.visibleMeeting(actor, meetingId);
    access.require('meeting.run');
    return this.changes.transact(actor, async (tx) => {
      const meeting = await this.lockUnfrozen(tx, access, meetingId);
      const before = await this.view(meeting, tx.manager);
      const guest = await tx.manager.save(tx.manager.create(GuestEntity, { meetingId, ...input }));
      await this.recordChange(tx, meeting, before);
      return toGuest(guest);
    });
  }

  /** The chair or the secretariat removes a guest (404 for one not of this meeting). */
  async removeGuest(actor: Actor, meetingId: string, guestId: string): Promise<void> {
    const { access } = await this.meetings.visibleMeeting(actor, meetingId);
    access.require('meeting.run');
    await this.changes.transact(actor, async (tx) => {
      const meeting = await this.lockUnfrozen(tx, access, meetingId);
      const before = await this.view(meeting, tx.manager);
      const removed = await tx.manager.delete(GuestEntity, { id: guestId, meetingId });
      if (!removed.affected) throw new NotFoundError('Guest');
      await this.recordChange(tx, meeting, before);
    });
  }

  /**
   * The caller's own answer to the invitation (a member of the committee; the meeting scheduled,
   * not yet frozen): a new version of the attendance, live for everyone who may see the meeting.
   * The note reaches only the chair, the secretariat and its author.
   */
  async rsvp(actor: Actor, meetingId: string, input: { response: RsvpResponse; note: string }): Promise<Invitation> {
    const { access } = await this.meetings.visibleMeeting(actor, meetingId);
    return this.changes.transact(actor, async (tx) => {
      const meeting = await this.lockUnfrozen(tx, access, meetingId);
      if (meeting.status === 'draft') throw meetingErrors.notScheduled();
      const before = await this.view(meeting, tx.manager);
      const respondedAt = new Date();
      await tx.manager.upsert(InvitationEntity, { meetingId, userId: actor.id, response: input.response, note: input.note, respondedAt }, [
        'meetingId',
        'userId',
      ]);
      await this.recordChange(tx, meeting, before);
      return { userId: actor.id, name: actor.name, response: input.response, respondedAt: respondedAt.toISOString(), note: input.note };
    });
  }

  /** Who was invited and how each answered; notes for the chair and the secretariat (and each their own). */
  async invitations(actor: Actor, meetingId: string): Promise<Invitation[]> {
    const { meeting, access } = await this.meetings.visibleMeeting(actor, meetingId);
    const list = (await this.view(meeting)).invitations;
    const notes = new Map(
      (await this.repository.manager.find(InvitationEntity, { where: { meetingId } })).map((invitation) => [
        invitation.userId,
        invitation.note,
      ]),
    );
    return list.map((invitation) =>
      access.may('meeting.manage') || invitation.userId === actor.id
        ? { ...invitation, note: notes.get(invitation.userId) ?? '' }
        : invitation,
    );
  }

  /** The secretariat (or the chair) reminds those invited who have not answered: a notification to each. */
  async remind(actor: Actor, meetingId: string): Promise<Attendance> {
    const { access } = await this.meetings.visibleMeeting(actor, meetingId);
    access.require('meeting.manage');
    return this.changes.transact(actor, async (tx) => {
      const meeting = await this.lockUnfrozen(tx, access, meetingId);
      if (meeting.status === 'draft') throw meetingErrors.notScheduled();
      const before = await this.view(meeting, tx.manager);
      meeting.remindedAt = new Date();
      await tx.manager.update(MeetingEntity, { id: meeting.id }, { remindedAt: meeting.remindedAt });
      return projectFor(await this.recordChange(tx, meeting, before), access.clearance);
    });
  }

  /**
   * Whether a meeting's minutes are published: from then on its attendance (marks, guests,
   * answers to the invitation) stands as the minutes record it.
   */
  async isFrozen(meetingId: string, manager: EntityManager = this.repository.manager): Promise<boolean> {
    const rows: Array<{ status: string }> = await manager.query('SELECT status FROM minutes WHERE meeting_id = $1', [meetingId]);
    return rows[0]?.status === 'published';
  }

  /** The meeting, locked for the write, or 404; 409 `attendance_frozen` once its minutes are published. */
  async lockUnfrozen(tx: ChangeTx, access: { canSee(level: Classification): boolean }, meetingId: string): Promise<MeetingEntity> {
    const meeting = await this.repository.lockMeeting(tx.manager, meetingId);
    if (!meeting || !access.canSee(meeting.classification)) throw new NotFoundError('Meeting');
    if (await this.isFrozen(meetingId, tx.manager)) throw new AttendanceFrozenException();
    return meeting;
  }

  /** Each meeting of the committee not yet closed gets a new version of its attendance (its quorum). */
  private async quorumRuleChanged(tx: ChangeTx, committeeId: string, previous: QuorumSettings): Promise<void> {
    const open = await tx.manager
      .createQueryBuilder(MeetingEntity, 'm')
      .setLock('pessimistic_write')
      .where("m.committee_id = :committeeId AND m.deleted_at IS NULL AND m.status <> 'closed'", { committeeId })
      .orderBy('m.starts_at', 'ASC')
      .getMany();
    for (const meeting of open) {
      await this.recordChange(tx, meeting, await this.view(meeting, tx.manager, previous));
    }
  }

  /**
   * The meeting's pointer moved (the caller holds its row lock): its quorum now is another item's.
   * Nobody recorded the attendance: it follows the meeting's change, logged with its verb
   * (`current-item-changed`), so every screen gets the new quorum and no history says it was recorded.
   */
  private async currentItemChanged(tx: ChangeTx, meeting: MeetingEntity, pointer: CurrentItemBefore): Promise<void> {
    const before = await this.view({ ...meeting, ...pointer } as MeetingEntity, tx.manager);
    await this.recordChange(tx, meeting, before, 'current-item-changed');
  }

  /** A new version of the meeting's attendance, from `before`; the caller holds the meeting's row lock. */
  private async recordChange(
    tx: ChangeTx,
    meeting: MeetingEntity,
    before: Attendance,
    verb: 'updated' | 'current-item-changed' = 'updated',
  ): Promise<Attendance> {
    const after = await this.records.bump(this.attendance, tx, meeting, before, { parent: meeting, verb });
    if (!after) throw new NotFoundError('Meeting');
    return after;
  }

  /** The attendance of a meeting: every member (marked or not) and the guests marked in attendance. */
  private async view(meeting: MeetingEntity, manager?: EntityManager, settingsInForce?: QuorumSettings): Promise<Attendance> {
    const members = await this.access.membersOf(meeting.committeeId, manager);
    const reader = manager ?? this.repository.manager;
    const marks = await reader.find(AttendanceEntity, { where: { meetingId: meeting.id } });
    const statusOf = new Map(marks.map((mark) => [mark.userId, mark.status]));
    const memberIds = new Set(members.map(({ user }) => user.id));
    const attendees: Attendee[] = members.map(({ user, membership }) => ({
      userId: user.id,
      name: user.name,
      agency: user.agency,
      role: membership.role,
      status: statusOf.get(user.id) ?? 'absent',
    }));
    const guestIds = marks.filter((mark) => !memberIds.has(mark.userId) && mark.status === 'in_attendance').map((mark) => mark.userId);
    if (guestIds.length > 0) {
      const guests = await (manager ?? this.repository.manager).find(UserEntity, { where: { id: In(guestIds) } });
      for (const guest of guests) {
        attendees.push({ userId: guest.id, name: guest.name, agency: guest.agency, role: 'guest', status: 'in_attendance' });
      }
    }
    const guests = await reader.find(GuestEntity, { where: { meetingId: meeting.id }, order: { createdAt: 'ASC', name: 'ASC' } });
    const { rule, secretariatVotes } = settingsInForce ?? (await this.settings.quorumSettings(meeting.committeeId, reader));
    const invited = await reader.find(InvitationEntity, { where: { meetingId: meeting.id } });
    const nameOf = new Map(members.map(({ user }) => [user.id, user.name]));
    const invitations = invited
      .filter((invitation) => nameOf.has(invitation.userId))
      .map((invitation) => ({
        userId: invitation.userId,
        name: nameOf.get(invitation.userId) ?? '',
        response: invitation.response,
        respondedAt: invitation.respondedAt?.toISOString() ?? null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const current = meeting.currentAgendaItemId;
    const currentItemQuorum = current ? await this.quorumWhile(meeting, current, { attendees }, reader, { rule, secretariatVotes }) : null;
    // The quorum of an item above the meeting says who stepped out of it: at the item's level.
    const itemLevel = meeting.currentItemClassification ?? 'SECRET';
    const aboveMeeting = current !== null && classificationLevel(itemLevel) > classificationLevel(meeting.classification);
    return {
      id: meeting.attendanceId,
      meetingId: meeting.id,
      committeeId: meeting.committeeId,
      attendees,
      guests: guests.map(toGuest),
      frozen: await this.isFrozen(meeting.id, reader),
      invitations,
      remindedAt: meeting.remindedAt?.toISOString() ?? null,
      quorum: quorumOf(attendees, { rule, secretariatVotes }),
      currentItemQuorum,
      classification: meeting.classification,
      version: meeting.attendanceVersion,
      ...(aboveMeeting ? { fieldClassifications: { currentItemQuorum: itemLevel } } : {}),
    };
  }
}
