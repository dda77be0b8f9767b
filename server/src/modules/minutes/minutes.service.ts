import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type ApiIssue,
  type Classification,
  type CommentThread,
  classificationAt,
  classificationLevel,
  clearedLevels,
  type createMinutesCommentSchema,
  type Decision,
  higherOf,
  MINUTES_COMMENTABLE_STATUSES,
  MINUTES_EDITABLE_STATUSES,
  MINUTES_TRANSITIONS,
  type Minutes,
  type MinutesComment,
  type MinutesRecord,
  type MinutesSection,
  type MinutesStatus,
  type MinutesTransition,
  type MinutesVersion,
  type MinutesVersionSection,
  type MinutesVersionSummary,
  type UpdateMinutesComment,
  type UpdateMinutesSection,
} from '@sidang/shared';
import { type DataSource, type EntityManager, In } from 'typeorm';
import type { z } from 'zod';
import type { CommitteeAccess } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import { MembershipEntity } from '../../access/membership.entity.js';
import type { ChangeTx } from '../../changes/change-tx.js';
import { ChangesService } from '../../changes/changes.service.js';
import { type RecordDefinition, RecordKit } from '../../changes/record-kit.js';
import { issue } from '../../common/errors.js';
import { DecisionEntity } from '../meetings/decision.entity.js';
import { MeetingEntity } from '../meetings/meeting.entity.js';
import { toDecision } from '../meetings/meetings.mapper.js';
import { MeetingsService } from '../meetings/meetings.service.js';
import { MinutesCommentEntity, MinutesEntity, MinutesSectionEntity, MinutesVersionEntity } from './minutes.entity.js';
import { minutesErrors } from './minutes.errors.js';
import { type SectionRow, toComment, toRecord, toSection } from './minutes.mapper.js';
import { type MinutesAttendee, type MinutesItem, MinutesRepository } from './minutes.repository.js';
import { MinutesDocGateway } from './minutes-doc.gateway.js';
import { plainTextOf } from './minutes-doc.js';
import { MinutesDocStore } from './minutes-doc.store.js';

/** A declaration of interest as the minutes print it. */
type DeclaredInterest = { userName: string; nature: string; stepsOut: boolean };

type CreateComment = z.output<typeof createMinutesCommentSchema>;

/** What the PDF and the web view render: the header, attendance and the sections a reader may see. */
export interface MinutesRendering {
  committee: { name: string; nameMs: string };
  meeting: MeetingEntity;
  minutes: MinutesRecord;
  attendance: MinutesAttendee[];
  sections: MinutesSection[];
  /** The highest level among the sections shown (and the meeting's). */
  marking: Classification;
  /** Confirmed (or published) minutes: where and by whom, and who signs. */
  confirmed: ConfirmedRendering | null;
}

export interface ConfirmedRendering {
  /** The confirming meeting's number ("3/2026"), when the reader may see that meeting. */
  meetingNumber: string | null;
  /** The confirming meeting's date (the chair signs on it), when the reader may see it. */
  meetingDate: Date | null;
  proposer: string | null;
  seconder: string | null;
  amendments: string | null;
  chair: string | null;
}

const isEditor = (access: CommitteeAccess) => access.role === 'chair' || access.role === 'secretariat';

/** A section's level: the highest of its meeting's, its agenda item's and its own. */
function sectionLevel(meeting: MeetingEntity, item: MinutesItem, section: MinutesSectionEntity): Classification {
  return classificationAt(
    Math.max(
      classificationLevel(meeting.classification),
      classificationLevel(item.classification),
      classificationLevel(section.classification),
    ),
  );
}

/** The minutes of `meeting` as the record kit writes them: at the meeting's level. */
function minutesRecords(meeting: MeetingEntity): RecordDefinition<MinutesEntity, MinutesRecord> {
  return {
    entityType: 'minutes',
    entity: MinutesEntity,
    name: 'Minutes',
    toWire: (entity) => toRecord(entity, meeting),
    level: () => meeting.classification,
    hardDelete: true,
  };
}

/** A section of `item` as the record kit writes it, with the text its document holds. */
function sectionRecords(meeting: MeetingEntity, item: MinutesItem, text: string): RecordDefinition<MinutesSectionEntity, MinutesSection> {
  return {
    entityType: 'minutes-section',
    entity: MinutesSectionEntity,
    name: 'Section',
    toWire: (entity) => toSection({ entity, item, level: sectionLevel(meeting, item, entity) }, text),
    level: (entity) => sectionLevel(meeting, item, entity),
    hardDelete: true,
  };
}

/** A comment on a section at `level`, as the record kit writes it. */
function commentRecords(level: Classification): RecordDefinition<MinutesCommentEntity, MinutesComment> {
  return {
    entityType: 'minutes-comment',
    entity: MinutesCommentEntity,
    name: 'Comment',
    toWire: (entity) => toComment(entity, level),
    level: () => level,
    hardDelete: true,
  };
}

/** The fields only a confirmation takes. */
const CONFIRMATION_FIELDS = ['confirmation', 'confirmedAtMeetingId', 'proposedBy', 'secondedBy', 'amendments'] as const;

/** What a return to draft clears. */
const NOT_CONFIRMED = { confirmation: null, confirmedAtMeetingId: null, proposedById: null, secondedById: null, amendments: null };

/** The plain text of the sections shown, in agenda order. */
export function minutesText(sections: ReadonlyArray<{ number: string; title: string; text: string }>): string {
  return sections.map((section) => `${section.number}. ${section.title}\n${section.text}`.trim()).join('\n\n');
}

/**
 * Minutes of a meeting: created with a section per agenda item, edited live (the documents),
 * circulated, confirmed and published through the change pipeline, with immutable versions
 * and comment threads. Every read returns only the sections the reader is cleared for.
 */
@Injectable()
export class MinutesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: MinutesRepository,
    private readonly store: MinutesDocStore,
    private readonly meetings: MeetingsService,
    private readonly changes: ChangesService,
    private readonly gateway: MinutesDocGateway,
    private readonly records: RecordKit,
  ) {
    // Minutes exist from the moment the meeting starts, created in the same transaction.
    this.meetings.onStart((tx, meeting) => this.ensureIn(tx, meeting).then(() => undefined));
  }

  async forMeeting(actor: Actor, meetingId: string): Promise<Minutes> {
    const { meeting, access } = await this.visibleMeeting(actor, meetingId);
    let minutes = await this.dataSource.manager.findOne(MinutesEntity, { where: { meetingId } });
    if (!minutes && !isEditor(access)) throw minutesErrors.notFound();
    if (isEditor(access) && (!minutes || (await this.missingSections(minutes, meeting.id)))) {
      minutes = await this.ensure(actor, meeting);
    }
    if (!minutes) throw minutesErrors.notFound();
    return this.render(access, minutes, meeting);
  }

  async transition(actor: Actor, id: string, input: MinutesTransition): Promise<MinutesRecord> {
    const { minutes, meeting, access } = await this.visible(actor, id);
    if (!isEditor(access)) throw minutesErrors.forbidden(access.role, 'move the minutes through their workflow');
    if (input.to === 'published' && access.role !== 'chair') throw minutesErrors.forbidden(access.role, 'publish the minutes');
    const confirmationFields = CONFIRMATION_FIELDS.filter((field) => input[field] !== undefined);
    if (input.to !== 'confirmed' && confirmationFields.length > 0) throw minutesErrors.onlyOnConfirmation(confirmationFields);
    const confirmation = input.to === 'confirmed' ? await this.checkConfirmation(actor, minutes, meeting, input) : null;
    if (input.commentsDueAt !== undefined) {
      if (input.to !== 'circulated') throw minutesErrors.commentsDueOnlyOnCirculation();
      if (Date.parse(input.commentsDueAt) <= Date.now()) throw minutesErrors.commentsDueInPast();
    }
    // A step that ends editing first takes in what the editors' screens show (bounded wait); what
    // arrives after waits for this transaction's lock on the minutes and is refused with a resync.
    // Not inside the transaction: the store may have a single connection (embedded).
    const endsEditing = MINUTES_EDITABLE_STATUSES.includes(minutes.status) && !MINUTES_EDITABLE_STATUSES.includes(input.to);
    if (endsEditing && minutes.version === input.version && MINUTES_TRANSITIONS[minutes.status].includes(input.to)) {
      const sections = await this.dataSource.manager.find(MinutesSectionEntity, { where: { minutesId: id }, select: { id: true } });
      await this.gateway.flushEditors(sections.map((section) => section.id));
    }
    const result = await this.changes.transact(actor, async (tx) => {
      const current = await tx.manager.findOne(MinutesEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw minutesErrors.notFound();
      const records = minutesRecords(meeting);
      await this.records.requireVersion(records, tx, access, { entity: current, version: input.version });
      if (!MINUTES_TRANSITIONS[current.status].includes(input.to)) {
        throw minutesErrors.transition(current.status, input.to, toRecord(current, meeting));
      }
      if (input.to === 'circulated') {
        // Minutes go round once the meeting they record is over (or adjourned), never during it.
        const held = await tx.manager.findOne(MeetingEntity, { where: { id: meeting.id } });
        if (held?.status === 'in_progress') throw minutesErrors.meetingInProgress(toRecord(current, meeting));
      }
      const patch: Partial<MinutesEntity> = { status: input.to };
      if (confirmation) Object.assign(patch, confirmation);
      if (input.to === 'circulated') patch.commentsDueAt = input.commentsDueAt ? new Date(input.commentsDueAt) : null;
      if (input.to === 'draft') {
        Object.assign(patch, NOT_CONFIRMED);
        patch.commentsDueAt = null;
      }
      if (input.to !== 'draft') {
        const number = await this.snapshot(tx, current.id, input.to, meeting);
        if (input.to === 'published') patch.publishedVersion = number;
      }
      const after = await this.records.update(records, tx, access, current, input.version, patch, { parent: meeting });
      return { after, sectionIds: (await tx.manager.find(MinutesSectionEntity, { where: { minutesId: id } })).map((s) => s.id) };
    });
    // Who may edit changed with the status: the live documents check their sockets again.
    for (const docId of result.sectionIds) void this.gateway.recheckDoc(docId);
    return result.after;
  }

  /**
   * What a confirmation records, checked all at once (one 400 naming every bad field): the
   * confirming meeting (of the committee, later than the minutes' own), the proposer and the
   * seconder (two different members who are not observers), and the amendments.
   */
  private async checkConfirmation(
    actor: Actor,
    minutes: MinutesEntity,
    meeting: MeetingEntity,
    input: MinutesTransition,
  ): Promise<Pick<MinutesEntity, 'confirmation' | 'confirmedAtMeetingId' | 'proposedById' | 'secondedById' | 'amendments'>> {
    const issues: ApiIssue[] = [];
    const required = (field: string, what: string) => issues.push(issue(field, 'required', `is required to confirm the minutes: ${what}`));
    if (!input.confirmedAtMeetingId) required('confirmedAtMeetingId', 'the meeting that confirmed them');
    else {
      const other = await this.visibleMeeting(actor, input.confirmedAtMeetingId).catch(() => null);
      if (!other || other.meeting.committeeId !== minutes.committeeId) {
        issues.push(issue('confirmedAtMeetingId', 'invalid_value', 'must be a meeting of this committee'));
      } else if (other.meeting.startsAt.getTime() <= meeting.startsAt.getTime()) {
        issues.push(issue('confirmedAtMeetingId', 'invalid_value', 'must be a meeting later than the one these minutes record'));
      }
    }
    const voters = new Set(
      (
        await this.dataSource.manager.find(MembershipEntity, {
          where: { committeeId: minutes.committeeId, userId: In([input.proposedBy, input.secondedBy].filter((id) => id !== undefined)) },
        })
      )
        .filter((membership) => membership.role !== 'observer')
        .map((membership) => membership.userId.toLowerCase()),
    );
    for (const [field, id, what] of [
      ['proposedBy', input.proposedBy, 'who proposed the confirmation'],
      ['secondedBy', input.secondedBy, 'who seconded it'],
    ] as const) {
      if (!id) required(field, what);
      else if (!voters.has(id.toLowerCase()))
        issues.push(issue(field, 'not_members', 'must be a member of this committee (not an observer)'));
    }
    if (input.proposedBy && input.secondedBy && input.proposedBy.toLowerCase() === input.secondedBy.toLowerCase()) {
      issues.push(issue('secondedBy', 'invalid_value', 'must not be the proposer'));
    }
    const amendments = input.amendments?.trim() || null;
    const confirmation = input.confirmation ?? (amendments ? 'with_amendments' : 'without_amendment');
    if (confirmation === 'with_amendments' && !amendments) required('amendments', 'what was amended');
    if (confirmation === 'without_amendment' && amendments) {
      issues.push(issue('amendments', 'invalid_value', 'must be empty when the minutes are confirmed without amendment'));
    }
    if (issues.length > 0) throw minutesErrors.confirmation(issues);
    return {
      confirmation,
      confirmedAtMeetingId: input.confirmedAtMeetingId ?? null,
      proposedById: input.proposedBy ?? null,
      secondedById: input.secondedBy ?? null,
      amendments,
    };
  }

  async versions(actor: Actor, id: string): Promise<MinutesVersionSummary[]> {
    await this.visible(actor, id);
    const rows = await this.dataSource.manager.find(MinutesVersionEntity, { where: { minutesId: id }, order: { number: 'ASC' } });
    return rows.map((row) => ({
      number: row.number,
      minutesId: row.minutesId,
      status: row.status,
      createdById: row.createdById,
      createdAt: row.createdAt.toISOString(),
    }));
  }

  async version(actor: Actor, id: string, number: number): Promise<MinutesVersion> {
    const { minutes, meeting, access } = await this.visible(actor, id);
    const row = await this.dataSource.manager.findOne(MinutesVersionEntity, { where: { minutesId: id, number } });
    if (!row) throw minutesErrors.versionNotFound();
    // The level it had then, or the one governing it now when that is higher.
    const now = new Map((await this.sectionRows(minutes, meeting)).map((section) => [section.entity.id, section.level]));
    const sections = row.sections
      .map((section) => ({
        ...section,
        classification: higherOf(section.classification, now.get(section.sectionId) ?? section.classification),
      }))
      .filter((section) => access.canSee(section.classification));
    return {
      number: row.number,
      minutesId: row.minutesId,
      status: row.status,
      createdById: row.createdById,
      createdAt: row.createdAt.toISOString(),
      classification: sections.reduce<Classification>((top, section) => higherOf(top, section.classification), meeting.classification),
      text: minutesText(sections),
      sections,
    };
  }

  async updateSection(actor: Actor, sectionId: string, input: UpdateMinutesSection): Promise<MinutesSection> {
    const { row, minutes, meeting, access } = await this.visibleSection(actor, sectionId);
    if (!isEditor(access)) throw minutesErrors.forbidden(access.role, 'edit the minutes');
    if (input.actionLine === undefined && input.classification === undefined) throw minutesErrors.nothingToChange();
    if (input.classification) {
      if (classificationLevel(input.classification) < classificationLevel(row.item.classification)) {
        throw minutesErrors.belowItem(row.item.classification);
      }
      if (!access.canSee(input.classification)) throw minutesErrors.aboveClearance(access.clearance);
    }
    const actionIds = input.actionLine?.kind === 'action' ? [...new Set(input.actionLine.actionItemIds)] : [];
    if (actionIds.length > 0) {
      const found: Array<{ n: string }> = await this.dataSource.query(
        'SELECT count(*) AS n FROM action_items WHERE id = ANY($1::uuid[]) AND committee_id = $2 AND deleted_at IS NULL',
        [actionIds, minutes.committeeId],
      );
      if (Number(found[0]?.n) !== actionIds.length) throw minutesErrors.notAnAction();
    }
    const text = plainTextOf((await this.store.read([sectionId])).get(sectionId));
    const section = await this.changes.transact(actor, async (tx) => {
      const current = await tx.manager.findOne(MinutesSectionEntity, { where: { id: sectionId }, lock: { mode: 'pessimistic_write' } });
      const parent = await tx.manager.findOne(MinutesEntity, { where: { id: minutes.id } });
      if (!current || !parent) throw minutesErrors.sectionNotFound();
      const records = sectionRecords(meeting, row.item, text);
      await this.records.requireVersion(records, tx, access, { entity: current, version: input.version });
      if (!MINUTES_EDITABLE_STATUSES.includes(parent.status))
        throw minutesErrors.notEditable(parent.status, records.toWire(current, tx.manager));
      const patch: Partial<MinutesSectionEntity> = {};
      if (input.actionLine !== undefined) patch.actionLine = input.actionLine;
      if (input.classification) patch.classification = input.classification;
      return this.records.update(records, tx, access, current, input.version, patch, { parent: row.item });
    });
    // Raised: whoever may no longer read it leaves its document now.
    void this.gateway.recheckDoc(sectionId);
    return section;
  }

  async comments(actor: Actor, id: string): Promise<CommentThread[]> {
    const { minutes, meeting, access } = await this.visible(actor, id);
    const levels = new Map(
      (await this.sectionRows(minutes, meeting)).filter((row) => access.canSee(row.level)).map((row) => [row.entity.id, row.level]),
    );
    if (levels.size === 0) return [];
    const rows = await this.dataSource.manager
      .createQueryBuilder(MinutesCommentEntity, 'c')
      .where('c.minutes_id = :id AND c.section_id IN (:...sections)', { id, sections: [...levels.keys()] })
      .orderBy('c.created_at', 'ASC')
      .getMany();
    const threads = new Map<string, CommentThread>();
    for (const row of rows) {
      const level = levels.get(row.sectionId) as Classification;
      if (row.parentId === null) threads.set(row.id, { ...toComment(row, level), replies: [] });
    }
    for (const row of rows) {
      if (row.parentId !== null) threads.get(row.parentId)?.replies.push(toComment(row, levels.get(row.sectionId) as Classification));
    }
    return [...threads.values()];
  }

  async comment(actor: Actor, id: string, input: CreateComment): Promise<MinutesComment> {
    const { minutes, meeting, access } = await this.visible(actor, id);
    if (access.role === 'observer') throw minutesErrors.forbidden(access.role, 'comment on the minutes');
    let parent: MinutesCommentEntity | null = null;
    if (input.parentId) {
      parent = await this.dataSource.manager.findOne(MinutesCommentEntity, { where: { id: input.parentId, minutesId: id } });
      if (!parent || parent.parentId !== null) throw minutesErrors.notAThread();
    } else if (!input.sectionId) {
      throw minutesErrors.threadNeedsSection();
    }
    const sectionId = parent ? parent.sectionId : (input.sectionId as string);
    const row = (await this.sectionRows(minutes, meeting)).find((section) => section.entity.id === sectionId);
    if (!row || !access.canSee(row.level)) throw parent ? minutesErrors.notAThread() : minutesErrors.sectionNotFound();
    if (!MINUTES_COMMENTABLE_STATUSES.includes(minutes.status))
      throw minutesErrors.notCommentable(minutes.status, toRecord(minutes, meeting));
    const fields = {
      minutesId: id,
      sectionId,
      parentId: parent?.id ?? null,
      authorId: actor.id,
      authorName: actor.name,
      body: input.body,
      quote: parent ? '' : input.quote,
      anchor: parent ? null : input.anchor,
      resolved: false,
    };
    return this.changes.transact(actor, (tx) =>
      this.records.create(commentRecords(row.level), tx, access, fields, { parent: { id: sectionId } }),
    );
  }

  async updateComment(actor: Actor, commentId: string, input: UpdateMinutesComment): Promise<MinutesComment> {
    const found = await this.dataSource.manager.findOne(MinutesCommentEntity, { where: { id: commentId } });
    if (!found) throw minutesErrors.commentNotFound();
    const { minutes, meeting, access } = await this.visible(actor, found.minutesId).catch(() => {
      throw minutesErrors.commentNotFound();
    });
    const row = (await this.sectionRows(minutes, meeting)).find((section) => section.entity.id === found.sectionId);
    if (!row || !access.canSee(row.level)) throw minutesErrors.commentNotFound();
    if (found.authorId !== actor.id && !isEditor(access)) throw minutesErrors.forbidden(access.role, 'resolve this thread');
    return this.changes.transact(actor, async (tx) => {
      const current = await tx.manager.findOne(MinutesCommentEntity, { where: { id: commentId }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw minutesErrors.commentNotFound();
      const patch = { resolved: input.resolved };
      return this.records.update(commentRecords(row.level), tx, access, current, input.version, patch, {
        parent: { id: current.sectionId },
      });
    });
  }

  /** Everything the PDF needs, as this reader may see it. */
  async rendering(actor: Actor, id: string): Promise<MinutesRendering> {
    const { minutes, meeting, access } = await this.visible(actor, id);
    const view = await this.render(access, minutes, meeting);
    return {
      committee: await this.repository.committeeName(minutes.committeeId),
      meeting,
      minutes: toRecord(minutes, meeting),
      attendance: await this.repository.attendance(meeting.id, minutes.committeeId),
      sections: view.sections,
      // The highest level of what is printed: the sections and the decisions in them.
      marking: view.sections
        .flatMap((section) => [section.classification, ...(section.decisions ?? []).map((decision) => decision.classification)])
        .reduce<Classification>((top, level) => higherOf(top, level), meeting.classification),
      confirmed: minutes.status === 'confirmed' || minutes.status === 'published' ? await this.confirmedRendering(actor, minutes) : null,
    };
  }

  private async confirmedRendering(actor: Actor, minutes: MinutesEntity): Promise<ConfirmedRendering> {
    const at = minutes.confirmedAtMeetingId
      ? await this.visibleMeeting(actor, minutes.confirmedAtMeetingId).then(
          ({ meeting }) => meeting,
          () => null,
        )
      : null;
    const names = await this.repository.userNames([minutes.proposedById, minutes.secondedById]);
    return {
      meetingNumber: at ? `${at.numberInYear}/${at.year}` : null,
      meetingDate: at?.startsAt ?? null,
      proposer: minutes.proposedById ? (names.get(minutes.proposedById) ?? null) : null,
      seconder: minutes.secondedById ? (names.get(minutes.secondedById) ?? null) : null,
      amendments: minutes.amendments,
      chair: await this.repository.chairName(minutes.committeeId),
    };
  }

  /** Creates the minutes (when missing) and a section for every agenda item without one. */
  async ensure(actor: Actor, meeting: MeetingEntity): Promise<MinutesEntity> {
    return this.changes.transact(actor, (tx) => this.ensureIn(tx, meeting));
  }

  /** `ensure` inside a transaction already open (the meeting's start). */
  private async ensureIn(tx: ChangeTx, meeting: MeetingEntity): Promise<MinutesEntity> {
    await tx.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`minutes:${meeting.id}`]);
    let minutes = await tx.manager.findOne(MinutesEntity, { where: { meetingId: meeting.id } });
    // Created as the meeting starts, in the meeting's committee, whoever starts it.
    const committee = { committee: { id: meeting.committeeId } };
    if (!minutes) {
      const fields = {
        meetingId: meeting.id,
        status: 'draft' as const,
        ...NOT_CONFIRMED,
        publishedVersion: null,
        commentsDueAt: null,
      };
      await this.records.create(minutesRecords(meeting), tx, committee, fields, { parent: meeting });
      minutes = await tx.manager.findOneOrFail(MinutesEntity, { where: { meetingId: meeting.id } });
    }
    const existing = new Set(
      (await tx.manager.find(MinutesSectionEntity, { where: { minutesId: minutes.id } })).map((s) => s.agendaItemId),
    );
    for (const item of await this.repository.items(meeting.id, tx.manager)) {
      if (existing.has(item.id)) continue;
      const fields = {
        minutesId: minutes.id,
        meetingId: meeting.id,
        agendaItemId: item.id,
        classification: 'OPEN' as const,
        actionLine: null,
      };
      await this.records.create(sectionRecords(meeting, item, ''), tx, committee, fields, { parent: item });
    }
    return minutes;
  }

  private async missingSections(minutes: MinutesEntity, meetingId: string): Promise<boolean> {
    const rows: Array<{ n: string }> = await this.dataSource.query(
      `SELECT count(*) AS n FROM agenda_items a
       WHERE a.meeting_id = $1 AND a.deleted_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM minutes_sections s WHERE s.minutes_id = $2 AND s.agenda_item_id = a.id)`,
      [meetingId, minutes.id],
    );
    return Number(rows[0]?.n ?? 0) > 0;
  }

  private async render(access: CommitteeAccess, minutes: MinutesEntity, meeting: MeetingEntity): Promise<Minutes> {
    const rows = (await this.sectionRows(minutes, meeting)).filter((row) => access.canSee(row.level));
    const texts = await this.store.read(rows.map((row) => row.entity.id));
    const decisions = await this.decisionsOf(access, meeting.id);
    const interests = await this.interestsOf(access, meeting.id);
    const sections = rows.map((row) => ({
      ...toSection(row, plainTextOf(texts.get(row.entity.id))),
      decisions: decisions.get(row.item.id) ?? [],
      interests: interests.get(row.item.id) ?? [],
    }));
    return { ...toRecord(minutes, meeting), text: minutesText(sections), sections };
  }

  /**
   * The declarations of interest on the meeting's items the reader is cleared for ("Perisytiharan
   * kepentingan"), by agenda item, oldest first; shown only inside a section the reader may see.
   */
  private async interestsOf(access: CommitteeAccess, meetingId: string): Promise<Map<string, DeclaredInterest[]>> {
    const rows: Array<{ subject_id: string; name: string; nature: string; steps_out: boolean }> = await this.dataSource.query(
      `SELECT i.subject_id, u.name, i.nature, i.steps_out FROM interests i JOIN users u ON u.id = i.user_id
       WHERE i.meeting_id = $1 AND i.classification = ANY($2) ORDER BY i.created_at ASC`,
      [meetingId, clearedLevels(access.clearance)],
    );
    const byItem = new Map<string, DeclaredInterest[]>();
    for (const row of rows) {
      const declared = { userName: row.name, nature: row.nature, stepsOut: row.steps_out };
      byItem.set(row.subject_id, [...(byItem.get(row.subject_id) ?? []), declared]);
    }
    return byItem;
  }

  /**
   * The decisions of the meeting the reader is cleared for, by agenda item, oldest first. Shown
   * only inside a section the reader may see, so an item or meeting above them hides its decisions too.
   */
  private async decisionsOf(access: CommitteeAccess, meetingId: string): Promise<Map<string, Decision[]>> {
    const rows = await this.dataSource.manager.find(DecisionEntity, {
      where: { meetingId, classification: In(clearedLevels(access.clearance)) },
      order: { createdAt: 'ASC' },
    });
    const byItem = new Map<string, Decision[]>();
    for (const row of rows) byItem.set(row.agendaItemId, [...(byItem.get(row.agendaItemId) ?? []), toDecision(row)]);
    return byItem;
  }

  /** Every section whose agenda item still stands, in agenda order, with its governing level. */
  private async sectionRows(minutes: Pick<MinutesEntity, 'id'>, meeting: MeetingEntity, manager?: EntityManager): Promise<SectionRow[]> {
    const m = manager ?? this.dataSource.manager;
    const items = await this.repository.items(meeting.id, m);
    const sections = new Map((await m.find(MinutesSectionEntity, { where: { minutesId: minutes.id } })).map((s) => [s.agendaItemId, s]));
    return items.flatMap((item) => {
      const entity = sections.get(item.id);
      return entity ? [{ entity, item, level: sectionLevel(meeting, item, entity) }] : [];
    });
  }

  /** Freezes every section (all levels, each marked) as the next version, at `status`; returns its number. */
  private async snapshot(tx: ChangeTx, minutesId: string, status: MinutesStatus, meeting: MeetingEntity): Promise<number> {
    const rows = await this.sectionRows({ id: minutesId }, meeting, tx.manager);
    const texts = await this.store.read(
      rows.map((row) => row.entity.id),
      tx.manager,
    );
    const sections: MinutesVersionSection[] = rows.map((row) => ({
      sectionId: row.entity.id,
      agendaItemId: row.item.id,
      number: row.item.number,
      title: row.item.title,
      classification: row.level,
      text: plainTextOf(texts.get(row.entity.id)),
      actionLine: row.entity.actionLine,
    }));
    const last: Array<{ n: number | null }> = await tx.manager.query(
      'SELECT max(number) AS n FROM minutes_versions WHERE minutes_id = $1',
      [minutesId],
    );
    const number = Number(last[0]?.n ?? 0) + 1;
    await tx.manager.insert(MinutesVersionEntity, {
      minutesId,
      number,
      status,
      createdById: tx.actor.id,
      sections,
    });
    return number;
  }

  private async visibleMeeting(actor: Actor, meetingId: string): Promise<{ meeting: MeetingEntity; access: CommitteeAccess }> {
    return this.meetings.visibleMeeting(actor, meetingId);
  }

  /** The minutes, their meeting and the reader's access: 404 unless they may see the meeting. */
  private async visible(actor: Actor, id: string): Promise<{ minutes: MinutesEntity; meeting: MeetingEntity; access: CommitteeAccess }> {
    const minutes = await this.dataSource.manager.findOne(MinutesEntity, { where: { id } });
    if (!minutes) throw minutesErrors.notFound();
    const found = await this.visibleMeeting(actor, minutes.meetingId).catch(() => null);
    if (!found) throw minutesErrors.notFound();
    return { minutes, ...found };
  }

  private async visibleSection(
    actor: Actor,
    sectionId: string,
  ): Promise<{ row: SectionRow; minutes: MinutesEntity; meeting: MeetingEntity; access: CommitteeAccess }> {
    const entity = await this.dataSource.manager.findOne(MinutesSectionEntity, { where: { id: sectionId } });
    if (!entity) throw minutesErrors.sectionNotFound();
    const { minutes, meeting, access } = await this.visible(actor, entity.minutesId).catch(() => {
      throw minutesErrors.sectionNotFound();
    });
    const row = (await this.sectionRows(minutes, meeting)).find((section) => section.entity.id === sectionId);
    if (!row || !access.canSee(row.level)) throw minutesErrors.sectionNotFound();
    return { row, minutes, meeting, access };
  }
}
