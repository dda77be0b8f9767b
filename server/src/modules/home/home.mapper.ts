import {
  type ActionItemStatus,
  type Classification,
  changeOfRecords,
  classificationLevel,
  type FieldClassifications,
  type HomeAction,
  type HomeChange,
  type HomeMeeting,
  type HomeMinutes,
  type HomePaper,
  type HomeUnreadPaper,
  projectFor,
  type RsvpResponse,
} from '@sidang/shared';
import type { MeetingEntity } from '../meetings/meeting.entity.js';
import { toMeeting } from '../meetings/meetings.mapper.js';
import type { ActionRow, ChangeRow, MinutesRow, PaperRow } from './home.repository.js';

/** The only place the home's rows become wire shapes. */
export function toHomeAction(row: ActionRow, today: string): HomeAction {
  return {
    id: row.id,
    committeeId: row.committee_id,
    title: row.title,
    status: row.status as ActionItemStatus,
    dueDate: row.due_date,
    classification: row.classification,
    overdue: row.due_date !== null && row.due_date < today,
  };
}

export function toHomeMeeting(entity: MeetingEntity, papers: PaperRow[], rsvp: RsvpResponse | null = null): HomeMeeting {
  const meeting = toMeeting(entity);
  return {
    id: meeting.id,
    committeeId: meeting.committeeId,
    title: meeting.title,
    number: meeting.number ?? '',
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    venue: meeting.venue,
    onlineUrl: meeting.onlineUrl,
    status: meeting.status,
    classification: meeting.classification,
    papers: papers.map((paper): HomePaper => ({ id: paper.id, title: paper.title, classification: paper.classification })),
    rsvp,
    unreadPapers: papers
      .filter((paper) => !paper.opened)
      .map((paper): HomeUnreadPaper => ({ id: paper.id, number: paper.number, title: paper.title, classification: paper.classification })),
  };
}

export function toHomeMinutes(row: MinutesRow): HomeMinutes {
  return {
    id: row.id,
    committeeId: row.committee_id,
    meetingId: row.meeting_id,
    meetingTitle: row.meeting_title,
    meetingNumber: `Bil. ${row.number_in_year}/${row.year}`,
    commentDeadline: row.comments_due_at ? new Date(row.comments_due_at).toISOString() : null,
  };
}

/**
 * A logged change for a reader cleared to `clearance`: its title from the record as projected
 * for them (at the higher of each field's level then and now), and from the record before the
 * change only when they could see it then.
 */
export function toHomeChange(row: ChangeRow, clearance: Classification): HomeChange {
  const current = typeof row.field_levels === 'string' ? (JSON.parse(row.field_levels) as FieldClassifications) : row.field_levels;
  const after = row.after ? projectFor(row.after, clearance, current) : null;
  const before =
    row.before && (row.previous_level ?? row.level) <= classificationLevel(clearance) ? projectFor(row.before, clearance, current) : null;
  // The one shared reading of a change (the activity's words): its title and the fields it moved.
  const change = changeOfRecords({ entityType: row.entity_type, verb: row.verb, before, after });
  return {
    seq: Number(row.seq),
    at: new Date(row.at).toISOString(),
    committeeId: row.committee_id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    parentId: row.parent_id,
    verb: row.verb,
    actorName: row.actor_name ?? '',
    title: change.title?.slice(0, 200) ?? null,
    titleFields: change.titleFields ?? null,
    changes: [...change.changes],
  };
}
