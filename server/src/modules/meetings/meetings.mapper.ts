import { type AgendaItem, agendaNumber, type Classification, classificationLevel, type Decision, type Meeting } from '@sidang/shared';
import type { AgendaItemEntity } from './agenda-item.entity.js';
import type { DecisionEntity } from './decision.entity.js';
import type { MeetingEntity } from './meeting.entity.js';

const KL_OFFSET_MS = 8 * 3600_000;

/** A timestamp in Kuala Lumpur time with its offset (Malaysia keeps +08:00 all year). */
export function klIso(date: Date): string {
  return new Date(date.getTime() + KL_OFFSET_MS).toISOString().replace('Z', '+08:00');
}

/** The calendar year of `date` in Kuala Lumpur: meetings are numbered per year there. */
export function klYear(date: Date): number {
  return new Date(date.getTime() + KL_OFFSET_MS).getUTCFullYear();
}

/**
 * The level of the pointer to the current item: the item's own, when it is above the meeting
 * (a reader cleared for the meeting but not the item gets the pointer as `null`). A pointer
 * whose item level is unknown is treated as the highest level: withheld rather than leaked.
 */
function pointerLevel(entity: MeetingEntity): Classification | null {
  if (!entity.currentAgendaItemId) return null;
  const level = entity.currentItemClassification ?? 'SECRET';
  return classificationLevel(level) > classificationLevel(entity.classification) ? level : null;
}

/**
 * The only place a meeting entity becomes a wire shape: in full, as the change log keeps it,
 * with the current item's level on its pointer fields. Readers get `projectFor(meeting, clearance)`.
 */
export function toMeeting(entity: MeetingEntity): Meeting {
  const pointer = pointerLevel(entity);
  return {
    id: entity.id,
    committeeId: entity.committeeId,
    title: entity.title,
    number: entity.numberInYear === null ? null : `Bil. ${entity.numberInYear}/${entity.year}`,
    startsAt: klIso(entity.startsAt),
    endsAt: entity.endsAt ? klIso(entity.endsAt) : null,
    venue: entity.venue,
    onlineUrl: entity.onlineUrl,
    status: entity.status,
    currentAgendaItemId: entity.currentAgendaItemId,
    currentItemStartedAt: entity.currentItemStartedAt?.toISOString() ?? null,
    currentItemRestricted: false,
    classification: entity.classification,
    version: entity.version,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
    ...(pointer ? { fieldClassifications: { currentAgendaItemId: pointer, currentItemStartedAt: pointer } } : {}),
  };
}

/** The only place an agenda item becomes a wire shape; `parentPosition` gives its number. */
export function toAgendaItem(entity: AgendaItemEntity, parentPosition: number | null): AgendaItem {
  return {
    id: entity.id,
    meetingId: entity.meetingId,
    committeeId: entity.committeeId,
    parentId: entity.parentId,
    position: entity.position,
    number: agendaNumber(parentPosition, entity.position),
    title: entity.title,
    presenter: entity.presenter,
    durationMinutes: entity.durationMinutes,
    classification: entity.classification,
    version: entity.version,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

/** Items in agenda order (each top-level item followed by its sub-items), mapped with numbers. */
export function inAgendaOrder(items: readonly AgendaItemEntity[]): AgendaItem[] {
  const top = items.filter((item) => item.parentId === null).sort((a, b) => a.position - b.position);
  const childrenOf = (id: string) => items.filter((item) => item.parentId === id).sort((a, b) => a.position - b.position);
  return top.flatMap((parent) => [
    toAgendaItem(parent, null),
    ...childrenOf(parent.id).map((child) => toAgendaItem(child, parent.position)),
  ]);
}

/** A decision as every reader cleared for it sees it (it has no field levels). */
export function toDecision(entity: DecisionEntity): Decision {
  const { id, committeeId, meetingId, agendaItemId, text, classification, createdById, version } = entity;
  const [createdAt, updatedAt] = [entity.createdAt.toISOString(), entity.updatedAt.toISOString()];
  return {
    id,
    committeeId,
    meetingId,
    agendaItemId,
    text,
    classification,
    status: entity.status ?? 'recorded',
    withdrawalReason: entity.withdrawalReason ?? null,
    withdrawnAt: entity.withdrawnAt?.toISOString() ?? null,
    correctedAt: entity.correctedAt?.toISOString() ?? null,
    createdById,
    version,
    createdAt,
    updatedAt,
  };
}
