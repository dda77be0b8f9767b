import type { Classification, MinutesComment, MinutesRecord, MinutesSection } from '@sidang/shared';
import type { MeetingEntity } from '../meetings/meeting.entity.js';
import type { MinutesCommentEntity, MinutesEntity, MinutesSectionEntity } from './minutes.entity.js';
import type { MinutesItem } from './minutes.repository.js';

/** A section with the agenda item it minutes and the level that governs it. */
export interface SectionRow {
  entity: MinutesSectionEntity;
  item: MinutesItem;
  level: Classification;
}

/** The version and timestamps every minutes record carries on the wire. */
function stamps(entity: { version: number; createdAt: Date; updatedAt: Date }): { version: number; createdAt: string; updatedAt: string } {
  return { version: entity.version, createdAt: entity.createdAt.toISOString(), updatedAt: entity.updatedAt.toISOString() };
}

/** The minutes' workflow record; its level is its meeting's. */
export function toRecord(entity: MinutesEntity, meeting: MeetingEntity): MinutesRecord {
  return {
    id: entity.id,
    meetingId: entity.meetingId,
    committeeId: entity.committeeId,
    status: entity.status,
    classification: meeting.classification,
    confirmation: entity.confirmation,
    confirmedAtMeetingId: entity.confirmedAtMeetingId,
    proposedBy: entity.proposedById ?? null,
    secondedBy: entity.secondedById ?? null,
    amendments: entity.amendments ?? null,
    publishedVersion: entity.publishedVersion,
    commentsDueAt: entity.commentsDueAt?.toISOString() ?? null,
    ...stamps(entity),
  };
}

/** A section with its number, title and governing level, and the text given. */
export function toSection(row: SectionRow, text: string): MinutesSection {
  const { entity, item } = row;
  return {
    id: entity.id,
    minutesId: entity.minutesId,
    meetingId: entity.meetingId,
    committeeId: entity.committeeId,
    agendaItemId: entity.agendaItemId,
    number: item.number,
    title: item.title,
    classification: row.level,
    ownClassification: entity.classification,
    text,
    actionLine: entity.actionLine,
    ...stamps(entity),
  };
}

/** A comment at the level of the section it is on. */
export function toComment(entity: MinutesCommentEntity, classification: Classification): MinutesComment {
  return {
    id: entity.id,
    minutesId: entity.minutesId,
    sectionId: entity.sectionId,
    committeeId: entity.committeeId,
    parentId: entity.parentId,
    authorId: entity.authorId,
    authorName: entity.authorName,
    body: entity.body,
    quote: entity.quote,
    anchor: entity.anchor,
    resolved: entity.resolved,
    classification,
    ...stamps(entity),
  };
}
