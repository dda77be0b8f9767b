import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type AgendaItem,
  agendaNumber,
  type Classification,
  type CreateAgendaItem,
  type createAgendaItemSchema,
  type createMeetingSchema,
  isCleared,
  type MatterArising,
  MEETING_TRANSITIONS,
  type Meeting,
  type MoveAgendaItem,
  projectFor,
  STANDARD_AGENDA,
  type UpdateAgendaItem,
  type UpdateMeeting,
} from '@sidang/shared';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { AccessService, type CommitteeAccess } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import type { ChangeTx } from '../../changes/change-tx.js';
import { ChangesService } from '../../changes/changes.service.js';
import { type RecordDefinition, RecordKit } from '../../changes/record-kit.js';
import { NotFoundError } from '../../common/errors.js';
import { ActionItemsService } from '../action-items/action-items.service.js';
import { CommitteeSettingsService } from '../committees/committee-settings.service.js';
import { AgendaItemEntity } from './agenda-item.entity.js';
import { MeetingEntity } from './meeting.entity.js';
import { meetingCalendar } from './meeting-calendar.js';
import { meetingErrors } from './meetings.errors.js';
import { inAgendaOrder, klYear, toAgendaItem, toMeeting } from './meetings.mapper.js';
import { MeetingsRepository } from './meetings.repository.js';

type CreateMeetingInput = z.output<typeof createMeetingSchema>;
type CreateAgendaItemInput = z.output<typeof createAgendaItemSchema>;

/** Where each item of an agenda stands: its parent and position. */
interface Placement {
  parentId: string | null;
  position: number;
}

/** Work done inside the transaction that starts a meeting (status → in_progress), e.g. creating its minutes. */
export type MeetingStartHook = (tx: ChangeTx, meeting: MeetingEntity) => Promise<void>;

/** The meeting's pointer to its current item as it stood before a change. */
export type CurrentItemBefore = Pick<MeetingEntity, 'currentAgendaItemId' | 'currentItemClassification'>;

/**
 * Called in the transaction that moved the meeting's pointer to its current item (another
 * item, none, or the item's level), the meeting's row locked and already updated.
 */
export type CurrentItemHook = (tx: ChangeTx, meeting: MeetingEntity, before: CurrentItemBefore) => Promise<void>;

/** The standard closing item, in either language: new items go before it. */
const CLOSE_TITLES = new Set(STANDARD_AGENDA.slice(-1).flatMap((item) => [item.title, item.titleMs]));

/** Meetings as the record kit writes them. */
const MEETINGS: RecordDefinition<MeetingEntity, Meeting> = {
  entityType: 'meeting',
  entity: MeetingEntity,
  name: 'Meeting',
  toWire: toMeeting,
  // A draft, its agenda and everything under it: the chair and the secretariat only.
  draft: (meeting) => meeting.status === 'draft',
};

/** A draft meeting (and all under it) is read by the chair and the secretariat only: to anyone else it does not exist. */
function mayRead(access: CommitteeAccess, meeting: MeetingEntity): boolean {
  return meeting.status !== 'draft' || access.seesDrafts;
}

/** Meetings and their agendas: numbering, status, the live current item, and the server-decided order. */
@Injectable()
export class MeetingsService {
  private readonly startHooks: MeetingStartHook[] = [];
  private readonly currentItemHooks: CurrentItemHook[] = [];

  constructor(
    private readonly repository: MeetingsRepository,
    private readonly access: AccessService,
    private readonly changes: ChangesService,
    private readonly actionItems: ActionItemsService,
    private readonly records: RecordKit,
    private readonly settings: CommitteeSettingsService,
  ) {}

  /** Agenda items as the record kit writes them: with their number, which reads their parent. */
  private readonly agendaItems: RecordDefinition<AgendaItemEntity, AgendaItem> = {
    entityType: 'agenda-item',
    entity: AgendaItemEntity,
    name: 'Agenda item',
    toWire: (item, manager) => this.numbered(item, manager),
  };

  async list(actor: Actor, committeeId: string, when?: 'upcoming' | 'past'): Promise<Meeting[]> {
    const access = await this.access.requireCommittee(actor, committeeId);
    return (await this.repository.list(committeeId, access.clearance, access.seesDrafts, when)).map((meeting) =>
      projectFor(toMeeting(meeting), access.clearance),
    );
  }

  async get(actor: Actor, id: string): Promise<Meeting> {
    const { meeting, access } = await this.visibleMeeting(actor, id);
    return projectFor(toMeeting(meeting), access.clearance);
  }

  async create(actor: Actor, committeeId: string, input: CreateMeetingInput): Promise<Meeting> {
    const access = await this.access.requireCommittee(actor, committeeId);
    access.require('meeting.manage');
    this.assertClassifiable(access, input.classification);
    const startsAt = new Date(input.startsAt);
    const endsAt = input.endsAt ? new Date(input.endsAt) : null;
    if (endsAt && endsAt < startsAt) throw meetingErrors.endsBeforeStart();
    return this.changes.transact(actor, async (tx) => {
      const year = klYear(startsAt);
      const id = randomUUID();
      // Numbered when scheduled: a draft has no number yet.
      const numberInYear = input.status === 'draft' ? null : await this.numberAtScheduling(tx, { id, committeeId, year, startsAt });
      if (input.status !== 'draft') await this.invite(tx, id, committeeId);
      const meeting = await this.records.create(MEETINGS, tx, access, {
        id,
        title: input.title,
        year,
        numberInYear,
        startsAt,
        endsAt,
        venue: input.venue,
        onlineUrl: input.onlineUrl,
        status: input.status,
        currentAgendaItemId: null,
        currentItemStartedAt: null,
        classification: input.classification,
        attendanceId: randomUUID(),
        attendanceVersion: 1,
        createdById: actor.id,
      });
      if (input.standardAgenda) {
        // In the committee's language (Bahasa Malaysia unless its settings say English).
        const { agendaLanguage } = await this.settings.quorumSettings(committeeId, tx.manager);
        for (const [position, item] of STANDARD_AGENDA.entries()) {
          await this.insertItem(tx, access, meeting, {
            title: agendaLanguage === 'en' ? item.title : item.titleMs,
            parentId: null,
            position,
            presenter: '',
            durationMinutes: null,
            classification: 'OPEN',
          });
        }
      }
      return meeting;
    });
  }

  /** Every member of the committee is invited when the meeting is scheduled (a row each, to answer). */
  private async invite(tx: ChangeTx, meetingId: string, committeeId: string): Promise<void> {
    await tx.manager.query(
      `INSERT INTO meeting_invitations (meeting_id, user_id)
       SELECT $1::uuid, m.user_id FROM memberships m JOIN users u ON u.id = m.user_id AND u.active
       WHERE m.committee_id = $2::uuid ON CONFLICT DO NOTHING`,
      [meetingId, committeeId],
    );
  }

  /**
   * The number a meeting takes when it is scheduled: its place in date order among the numbered
   * meetings of its committee and year. Meetings dated after it that are still only scheduled
   * (not yet held) move up by one, each a change every member sees; when a later-dated meeting
   * has already been held (or renumbered out of date order by the secretariat), it takes the
   * next free number instead, so that a held meeting's number never changes.
   */
  private async numberAtScheduling(
    tx: ChangeTx,
    meeting: { id: string; committeeId: string; year: number; startsAt: Date },
  ): Promise<number> {
    await this.repository.lockNumbering(tx.manager, meeting.committeeId);
    const numbered = await this.repository.numbered(tx.manager, meeting.committeeId, meeting.year, meeting.id);
    const numberOf = (m: MeetingEntity) => m.numberInYear ?? 0;
    const highest = numbered.reduce((max, m) => Math.max(max, numberOf(m)), 0);
    const earlier = numbered.filter((m) => m.startsAt.getTime() <= meeting.startsAt.getTime());
    const later = numbered.filter((m) => m.startsAt.getTime() > meeting.startsAt.getTime());
    const place = earlier.reduce((max, m) => Math.max(max, numberOf(m)), 0) + 1;
    const shiftable = later.every((m) => (m.status === 'scheduled' || m.deletedAt !== null) && numberOf(m) >= place);
    if (later.length === 0 || !shiftable) return highest + 1;
    // Highest first, so that no two rows ever hold one number.
    for (const shifted of [...later].sort((a, b) => numberOf(b) - numberOf(a))) {
      const numberInYear = numberOf(shifted) + 1;
      if (shifted.deletedAt !== null) {
        await tx.manager.update(MeetingEntity, { id: shifted.id }, { numberInYear });
        continue;
      }
      await this.records.bump(MEETINGS, tx, shifted, toMeeting(shifted), { patch: { numberInYear } });
    }
    return place;
  }

  /** Registers work to run in the same transaction whenever a meeting starts (or resumes). */
  onStart(hook: MeetingStartHook): void {
    this.startHooks.push(hook);
  }

  /** `hook` runs whenever the meeting's current item (or its level) changes, in the same commit. */
  onCurrentItemChanged(hook: CurrentItemHook): void {
    this.currentItemHooks.push(hook);
  }

  async update(actor: Actor, id: string, input: UpdateMeeting): Promise<Meeting> {
    const { meeting, access } = await this.visibleMeeting(actor, id);
    access.require('meeting.manage');
    const { version, ...changes } = input;
    if (Object.keys(changes).length === 0) throw meetingErrors.nothingToChange();
    if (changes.classification) this.assertClassifiable(access, changes.classification);
    if (changes.status && changes.status !== meeting.status && !MEETING_TRANSITIONS[meeting.status].includes(changes.status)) {
      throw meetingErrors.transition(meeting.status, changes.status);
    }
    const patch: Partial<MeetingEntity> = {};
    if (changes.title !== undefined) patch.title = changes.title;
    if (changes.venue !== undefined) patch.venue = changes.venue;
    if (changes.onlineUrl !== undefined) patch.onlineUrl = changes.onlineUrl;
    if (changes.status !== undefined) patch.status = changes.status;
    if (changes.classification !== undefined) patch.classification = changes.classification;
    if (changes.startsAt !== undefined) patch.startsAt = new Date(changes.startsAt);
    if (changes.endsAt !== undefined) patch.endsAt = changes.endsAt === null ? null : new Date(changes.endsAt);
    const schedules = changes.status === 'scheduled' && meeting.status === 'draft';
    if (changes.number !== undefined && meeting.status === 'draft' && !schedules) throw meetingErrors.draftHasNoNumber();
    const startsAt = patch.startsAt ?? meeting.startsAt;
    const endsAt = patch.endsAt === undefined ? meeting.endsAt : patch.endsAt;
    if (endsAt && endsAt < startsAt) throw meetingErrors.endsBeforeStart();
    // Leaving the floor clears the current item.
    if (patch.status && patch.status !== 'in_progress') {
      patch.currentAgendaItemId = null;
      patch.currentItemStartedAt = null;
      patch.currentItemClassification = null;
    }
    const starts = patch.status === 'in_progress' && meeting.status !== 'in_progress';
    return this.changes.transact(actor, async (tx) => {
      if (schedules || changes.number !== undefined) {
        await this.records.requireVersion(MEETINGS, tx, access, { entity: meeting, version });
        const at = { id: meeting.id, committeeId: meeting.committeeId, year: meeting.year, startsAt: patch.startsAt ?? meeting.startsAt };
        if (changes.number !== undefined) {
          await this.repository.lockNumbering(tx.manager, meeting.committeeId);
          if (await this.repository.numberTaken(tx.manager, meeting.committeeId, meeting.year, changes.number, meeting.id)) {
            throw meetingErrors.numberTaken(`Bil. ${changes.number}/${meeting.year}`);
          }
          patch.numberInYear = changes.number;
        } else {
          patch.numberInYear = await this.numberAtScheduling(tx, at);
        }
        if (schedules) await this.invite(tx, meeting.id, meeting.committeeId);
      }
      const pointer: CurrentItemBefore = {
        currentAgendaItemId: meeting.currentAgendaItemId,
        currentItemClassification: meeting.currentItemClassification,
      };
      const after = await this.records.update(MEETINGS, tx, access, meeting, version, patch);
      if (pointer.currentAgendaItemId !== meeting.currentAgendaItemId) {
        for (const hook of this.currentItemHooks) await hook(tx, meeting, pointer);
      }
      if (starts) {
        for (const hook of this.startHooks) await hook(tx, meeting);
      }
      return projectFor(after, access.clearance);
    });
  }

  async remove(actor: Actor, id: string, version: number): Promise<void> {
    const { meeting, access } = await this.visibleMeeting(actor, id);
    access.require('meeting.manage');
    await this.changes.transact(actor, (tx) => this.records.remove(MEETINGS, tx, access, meeting, version));
  }

  /** "We are now on item 3.2": every screen on the meeting follows. */
  async setCurrentItem(actor: Actor, id: string, agendaItemId: string | null): Promise<Meeting> {
    const { access } = await this.visibleMeeting(actor, id);
    access.require('meeting.run');
    return this.changes.transact(actor, async (tx) => {
      const meeting = await this.repository.lockMeeting(tx.manager, id);
      if (!meeting || !access.canSee(meeting.classification)) throw new NotFoundError('Meeting');
      if (meeting.status !== 'in_progress') throw meetingErrors.notInProgress();
      let item: AgendaItemEntity | null = null;
      if (agendaItemId !== null) {
        item = await this.repository.findItem(agendaItemId, tx.manager);
        // Only an item the setter may see, with the same answer as for one that does not exist.
        if (!item || !access.canSee(item.classification)) throw new NotFoundError('Agenda item');
        if (item.meetingId !== id) throw meetingErrors.notAnItem('agendaItemId');
      }
      if (meeting.currentAgendaItemId === agendaItemId) return projectFor(toMeeting(meeting), access.clearance);
      const after = await this.recordPointerChange(tx, meeting, 'current-item-changed', {
        currentAgendaItemId: agendaItemId,
        currentItemStartedAt: agendaItemId ? new Date() : null,
        // The pointer's field level: readers below the item get the pointer as null.
        currentItemClassification: item?.classification ?? null,
      });
      return projectFor(after, access.clearance);
    });
  }

  /** The meeting as an `.ics` file the reader may add to their calendar. */
  async calendar(actor: Actor, id: string): Promise<{ ics: string; filename: string }> {
    const { meeting, access } = await this.visibleMeeting(actor, id);
    const wire = toMeeting(meeting);
    const filename = `${access.committee.code}-${(wire.number ?? 'draft').replace(/[^A-Za-z0-9]+/g, '-')}.ics`;
    return { ics: meetingCalendar(wire, access.committee.code), filename };
  }

  /** Matters arising: every action still open from earlier meetings, with its latest update. */
  async mattersArising(actor: Actor, id: string): Promise<MatterArising[]> {
    const { meeting } = await this.visibleMeeting(actor, id);
    const earlier = await this.repository.earlierMeetingIds(meeting.committeeId, meeting.startsAt);
    return this.actionItems.openFromEarlierMeetings(actor, meeting.committeeId, earlier);
  }

  async agenda(actor: Actor, meetingId: string): Promise<AgendaItem[]> {
    const { access } = await this.visibleMeeting(actor, meetingId);
    // Numbers come from every item, so "item 4" is item 4 for every reader.
    return inAgendaOrder(await this.repository.agenda(meetingId)).filter((item) => access.canSee(item.classification));
  }

  async getItem(actor: Actor, id: string): Promise<AgendaItem> {
    const { item } = await this.visibleItem(actor, id);
    return this.numbered(item);
  }

  async createItem(actor: Actor, meetingId: string, input: CreateAgendaItemInput): Promise<AgendaItem> {
    const { access } = await this.visibleMeeting(actor, meetingId);
    access.require('agenda.manage');
    this.assertClassifiable(access, input.classification);
    return this.changes.transact(actor, async (tx) => {
      const meeting = await this.repository.lockMeeting(tx.manager, meetingId);
      if (!meeting || !access.canSee(meeting.classification)) throw new NotFoundError('Meeting');
      return this.insertItem(tx, access, meeting, input);
    });
  }

  async updateItem(actor: Actor, id: string, input: UpdateAgendaItem): Promise<AgendaItem> {
    const { item, meeting, access } = await this.visibleItem(actor, id);
    access.require('agenda.manage');
    const { version, ...changes } = input;
    if (Object.keys(changes).length === 0) throw meetingErrors.nothingToChange();
    if (changes.classification) this.assertClassifiable(access, changes.classification);
    return this.changes.transact(actor, async (tx) => {
      // A reclassification may change the level of the meeting's pointer to it: the meeting is
      // locked first (as every agenda change locks it), so the pointer it reads is the one in force.
      const locked = changes.classification ? await this.repository.lockMeeting(tx.manager, meeting.id) : null;
      const after = await this.records.update(this.agendaItems, tx, access, item, version, changes, { parent: { id: meeting.id } });
      if (locked && locked.currentAgendaItemId === id && locked.currentItemClassification !== after.classification) {
        await this.recordPointerChange(tx, locked, 'updated', { currentItemClassification: after.classification });
      }
      return after;
    });
  }

  /** The server decides the order: one move at a time per meeting, every shifted item announced. */
  async moveItem(actor: Actor, id: string, input: MoveAgendaItem): Promise<AgendaItem> {
    const { access } = await this.visibleItem(actor, id);
    access.require('agenda.manage');
    return this.changes.transact(actor, async (tx) => {
      const { meeting, items, item } = await this.lockedItem(tx, access, id, input.version);
      if (input.parentId !== null) {
        const parent = items.find((candidate) => candidate.id === input.parentId);
        if (!parent || parent.id === id) throw meetingErrors.notAnItem('parentId');
        if (parent.parentId !== null) throw meetingErrors.tooDeep();
        if (items.some((candidate) => candidate.parentId === id)) throw meetingErrors.hasChildren();
      }
      const placements = this.placementsAfter(items, id, { parentId: input.parentId, position: input.position });
      const changed = await this.applyPlacements(tx, meeting, items, placements);
      const moved = changed.get(id);
      if (moved) return moved;
      return this.numbered(item, tx.manager);
    });
  }

  async removeItem(actor: Actor, id: string, version: number): Promise<void> {
    const { access } = await this.visibleItem(actor, id);
    access.require('agenda.manage');
    await this.changes.transact(actor, async (tx) => {
      const { meeting, items, item } = await this.lockedItem(tx, access, id, version);
      if (items.some((candidate) => candidate.parentId === id)) throw meetingErrors.deleteChildrenFirst();
      if (meeting.currentAgendaItemId === id) {
        await this.recordPointerChange(tx, meeting, 'current-item-changed', {
          currentAgendaItemId: null,
          currentItemStartedAt: null,
          currentItemClassification: null,
        });
      }
      await this.records.remove(this.agendaItems, tx, access, item, version, { parent: meeting });
      const rest = items.filter((candidate) => candidate.id !== id);
      await this.applyPlacements(tx, meeting, rest, this.placementsAfter(rest, null, null));
    });
  }

  /**
   * Writes a change of the meeting's pointer to its current item (which item, or its level) as
   * a meeting change of its own: the meeting's wire shape carries the pointer's field level, so
   * every channel withholds it from readers below the item from this change on. The caller
   * holds the meeting's row lock.
   */
  private async recordPointerChange(
    tx: ChangeTx,
    meeting: MeetingEntity,
    verb: 'updated' | 'current-item-changed',
    patch: Pick<Partial<MeetingEntity>, 'currentAgendaItemId' | 'currentItemStartedAt' | 'currentItemClassification'>,
  ): Promise<Meeting> {
    const before = toMeeting(meeting);
    const pointer: CurrentItemBefore = {
      currentAgendaItemId: meeting.currentAgendaItemId,
      currentItemClassification: meeting.currentItemClassification,
    };
    const after = await this.records.bump(MEETINGS, tx, meeting, before, { patch, verb });
    if (!after) return before;
    for (const hook of this.currentItemHooks) await hook(tx, meeting, pointer);
    return after;
  }

  /**
   * The item under its meeting's row lock (one agenda change at a time per meeting), with the
   * whole agenda; refused (404, or 409 when `version` is not the item's) as the record kit refuses.
   */
  private async lockedItem(
    tx: ChangeTx,
    access: CommitteeAccess,
    id: string,
    version: number,
  ): Promise<{ meeting: MeetingEntity; items: AgendaItemEntity[]; item: AgendaItemEntity }> {
    const located = await this.repository.findItem(id, tx.manager);
    const meeting = located && (await this.repository.lockMeeting(tx.manager, located.meetingId));
    if (!meeting || !access.canSee(meeting.classification)) throw new NotFoundError('Agenda item');
    const items = await this.repository.agenda(meeting.id, tx.manager);
    const item = items.find((candidate) => candidate.id === id);
    if (!item || !access.canSee(item.classification)) throw new NotFoundError('Agenda item');
    await this.records.requireVersion(this.agendaItems, tx, access, { entity: item, version });
    return { meeting, items, item };
  }

  /** Inserts an item at its place among its siblings and announces the items it shifted. */
  private async insertItem(
    tx: ChangeTx,
    access: CommitteeAccess,
    meeting: Pick<MeetingEntity, 'id' | 'committeeId'>,
    input: CreateAgendaItem & { parentId: string | null },
  ): Promise<AgendaItem> {
    const items = await this.repository.agenda(meeting.id, tx.manager);
    if (input.parentId !== null) {
      const parent = items.find((candidate) => candidate.id === input.parentId);
      if (!parent) throw meetingErrors.notAnItem('parentId');
      if (parent.parentId !== null) throw meetingErrors.tooDeep();
    }
    const siblings = items.filter((candidate) => candidate.parentId === input.parentId).length;
    // A new top-level item without a place lands before the standard "close of meeting", which stays last.
    const last =
      input.parentId === null
        ? items.filter((candidate) => candidate.parentId === null).sort((a, b) => b.position - a.position)[0]
        : undefined;
    const beforeClose = last && CLOSE_TITLES.has(last.title) ? last.position : siblings;
    const fields = {
      meetingId: meeting.id,
      parentId: input.parentId,
      position: Math.min(input.position ?? beforeClose, siblings),
      title: input.title,
      presenter: input.presenter ?? '',
      durationMinutes: input.durationMinutes ?? null,
      classification: input.classification ?? 'OPEN',
    };
    const created = await this.records.create(this.agendaItems, tx, access, fields, { parent: meeting });
    // The new item takes its place; those at or after it move down by one.
    const placements = this.placementsAfter(items, null, null);
    const group = items
      .filter((candidate) => candidate.parentId === created.parentId)
      .sort((a, b) => a.position - b.position)
      .map((candidate) => candidate.id);
    group.splice(created.position, 0, created.id);
    for (const [position, itemId] of group.entries()) {
      if (itemId !== created.id) placements.set(itemId, { parentId: created.parentId, position });
    }
    await this.applyPlacements(tx, meeting, items, placements);
    return created;
  }

  /**
   * Where every item stands once `movingId` (if any) is put at `target`: siblings contiguous
   * from 0, the moving item at its index (clamped), the others in their current order.
   */
  private placementsAfter(items: readonly AgendaItemEntity[], movingId: string | null, target: Placement | null): Map<string, Placement> {
    const groups = new Map<string | null, AgendaItemEntity[]>();
    for (const item of items) {
      if (item.id === movingId) continue;
      groups.set(item.parentId, [...(groups.get(item.parentId) ?? []), item]);
    }
    const placements = new Map<string, Placement>();
    const ordered = new Map<string | null, string[]>();
    for (const [parentId, group] of groups) {
      ordered.set(
        parentId,
        [...group].sort((a, b) => a.position - b.position || a.createdAt.getTime() - b.createdAt.getTime()).map((item) => item.id),
      );
    }
    if (movingId && target) {
      const group = ordered.get(target.parentId) ?? [];
      group.splice(Math.min(target.position, group.length), 0, movingId);
      ordered.set(target.parentId, group);
    }
    for (const [parentId, ids] of ordered) {
      for (const [position, id] of ids.entries()) placements.set(id, { parentId, position });
    }
    return placements;
  }

  /**
   * Writes every item whose place or number changed (version + 1 each) and records one
   * `agenda-item.moved` per item, so every screen ends with the server's order.
   */
  private async applyPlacements(
    tx: ChangeTx,
    meeting: Pick<MeetingEntity, 'id' | 'committeeId'>,
    items: readonly AgendaItemEntity[],
    placements: Map<string, Placement>,
  ): Promise<Map<string, AgendaItem>> {
    const oldNumbers = new Map(inAgendaOrder(items).map((item) => [item.id, item.number]));
    const changed = new Map<string, AgendaItem>();
    for (const item of items) {
      const place = placements.get(item.id);
      if (!place) continue;
      const number = this.numberIn(items, { ...item, ...place } as AgendaItemEntity, placements).number;
      if (place.parentId === item.parentId && place.position === item.position && number === oldNumbers.get(item.id)) continue;
      const before = { ...toAgendaItem(item, null), number: oldNumbers.get(item.id) ?? '' };
      // Numbered under the new placements, which the rows read one by one do not all carry yet.
      const placed = { ...this.agendaItems, toWire: (moved: AgendaItemEntity) => ({ ...toAgendaItem(moved, null), number }) };
      const after = await this.records.bump(placed, tx, item, before, { patch: place, verb: 'moved', parent: meeting });
      if (after) changed.set(item.id, after);
    }
    return changed;
  }

  /** An item's wire shape with its number under `placements`. */
  private numberIn(items: readonly AgendaItemEntity[], item: AgendaItemEntity, placements: Map<string, Placement>): AgendaItem {
    const place = placements.get(item.id) ?? { parentId: item.parentId, position: item.position };
    const parentPlace = place.parentId
      ? (placements.get(place.parentId) ?? items.find((candidate) => candidate.id === place.parentId))
      : null;
    return { ...toAgendaItem(item, null), ...place, number: agendaNumber(parentPlace ? parentPlace.position : null, place.position) };
  }

  private async numbered(item: AgendaItemEntity, manager?: EntityManager): Promise<AgendaItem> {
    const parent = item.parentId ? await this.repository.findItem(item.parentId, manager) : null;
    return toAgendaItem(item, parent ? parent.position : null);
  }

  async visibleMeeting(actor: Actor, id: string): Promise<{ meeting: MeetingEntity; access: CommitteeAccess }> {
    const meeting = await this.repository.findMeeting(id);
    const access = meeting ? await this.access.forCommittee(actor, meeting.committeeId) : null;
    if (!meeting || !access || !access.canSee(meeting.classification) || !mayRead(access, meeting)) throw new NotFoundError('Meeting');
    return { meeting, access };
  }

  /** An item is seen by those cleared for it and for its meeting. */
  async visibleItem(actor: Actor, id: string): Promise<{ item: AgendaItemEntity; meeting: MeetingEntity; access: CommitteeAccess }> {
    const item = await this.repository.findItem(id);
    const meeting = item ? await this.repository.findMeeting(item.meetingId) : null;
    const access = meeting ? await this.access.forCommittee(actor, meeting.committeeId) : null;
    if (
      !item ||
      !meeting ||
      !access ||
      !access.canSee(meeting.classification) ||
      !mayRead(access, meeting) ||
      !access.canSee(item.classification)
    ) {
      throw new NotFoundError('Agenda item');
    }
    return { item, meeting, access };
  }

  private assertClassifiable(access: CommitteeAccess, classification: Classification): void {
    if (!isCleared(access.clearance, classification)) throw meetingErrors.aboveClearance(access.clearance);
  }
}
