import type { AgendaItem, Meeting } from '@sidang/shared';
import { minutesKeys } from '../../features/minutes/hooks/minutes-keys.ts';
import { compareSectionNumbers } from '../../features/minutes/hooks/section-order.ts';
import { type ActionItemListFilters, isUnfiltered, type MeetingListWhen, queryKeys, registerKeys } from '../query-keys.ts';
import { registerEntity } from './entity-registry.ts';

/**
 * The record types this client keeps live. A new one is one more `registerEntity` call here
 * (its query keys, its parent, its order); nothing else in realtime or offline code changes.
 * The schema that checks its live records goes in `entity-schemas.ts`, which loads with the
 * socket: this file is on every first screen and stays free of zod.
 */

registerEntity({
  type: 'action-item',
  detailKey: queryKeys.actionItem,
  listsKey: (committeeId) => queryKeys.actionItemLists(committeeId),
  // The unfiltered list is patched in place; a filtered one is refetched, its server-side filter decides.
  listMode: (key) => (isUnfiltered(key[3] as ActionItemListFilters | undefined) ? 'patch' : 'refetch'),
});

registerEntity({
  type: 'progress-update',
  listsKey: (_committeeId, update) => (update ? queryKeys.progressUpdates(update.actionItemId) : queryKeys.progressUpdatesAll),
  parent: { type: 'action-item', idOf: (update) => update.actionItemId, childrenKey: queryKeys.progressUpdates },
  sort: (a, b) => a.createdAt.localeCompare(b.createdAt),
});

registerEntity({
  type: 'member',
  listsKey: (committeeId) => queryKeys.members(committeeId),
  sort: (a, b) => a.name.localeCompare(b.name),
});

/** The server's rule for the past list: closed, or its day (or its end) is over. */
function isPastMeeting(meeting: Meeting, now = Date.now()): boolean {
  if (meeting.status === 'closed') return true;
  const end = meeting.endsAt ? Date.parse(meeting.endsAt) : Date.parse(meeting.startsAt) + 24 * 3600_000;
  return end < now;
}

registerEntity({
  type: 'meeting',
  detailKey: queryKeys.meeting,
  listsKey: (committeeId) => queryKeys.meetingLists(committeeId),
  // The upcoming list (soonest first) is patched with what belongs in it; a meeting leaving it,
  // and the past list (latest first), are refetched: the server's filter and order decide.
  listMode: (key, meeting) => ((key[3] as MeetingListWhen | undefined) === 'upcoming' && !isPastMeeting(meeting) ? 'patch' : 'refetch'),
  sort: (a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt),
});

/** "2" before "2.1" before "3": agenda order from the server-computed numbers. */
function compareAgendaNumbers(a: AgendaItem, b: AgendaItem): number {
  const [aTop = 0, aSub = 0] = a.number.split('.').map(Number);
  const [bTop = 0, bSub = 0] = b.number.split('.').map(Number);
  return aTop - bTop || aSub - bSub;
}

registerEntity({
  type: 'agenda-item',
  // An agenda is patched in place (moved items too): every screen ends with the server's order.
  listsKey: (_committeeId, item) => (item ? queryKeys.agendaItems(item.meetingId) : queryKeys.agendaItemsAll),
  parent: { type: 'meeting', idOf: (item) => item.meetingId, childrenKey: queryKeys.agendaItems },
  sort: compareAgendaNumbers,
});

registerEntity({
  type: 'attendance',
  // The record has its own id; the page asks for it by meeting.
  detailKey: queryKeys.attendance,
  detailIdOf: (attendance) => attendance.meetingId,
  listsKey: () => [...queryKeys.attendanceAll, 'lists'],
  parent: { type: 'meeting', idOf: (attendance) => attendance.meetingId },
});

registerEntity({
  type: 'decision',
  // Each agenda item's decisions are patched in place; the committee's register searches are
  // read again (the server's search and order decide what they hold).
  listsKey: () => queryKeys.decisionsAll,
  listMode: (key, decision) => {
    if (key[1] === 'register') return key[2] === decision.committeeId ? 'refetch' : 'skip';
    return key[1] === 'item' && key[2] === decision.agendaItemId ? 'patch' : 'skip';
  },
  parent: { type: 'agenda-item', idOf: (decision) => decision.agendaItemId, childrenKey: queryKeys.decisions },
  sort: (a, b) => a.createdAt.localeCompare(b.createdAt),
});

// Registers: each list holds a committee's whole register (filtered on screen), patched in place.
// Their zod schemas are not imported here: this module is on every first screen, and the
// schemas would add to it what only the register pages need.

registerEntity({
  type: 'bilateral-meeting',
  detailKey: registerKeys.bilateral,
  listsKey: (committeeId) => registerKeys.bilateralLists(committeeId),
  // Latest first.
  sort: (a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt),
});

registerEntity({
  type: 'bilateral-commitment',
  // A meeting's commitments are patched in place; a country's open commitments (and any other
  // cached list the record does not belong to) are read again: the server decides them.
  listsKey: () => registerKeys.commitmentsAll,
  listMode: (key, commitment) => (key[1] === 'meeting' && key[2] === commitment.bilateralMeetingId ? 'patch' : 'refetch'),
  parent: { type: 'bilateral-meeting', idOf: (commitment) => commitment.bilateralMeetingId, childrenKey: registerKeys.commitments },
  sort: (a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.createdAt.localeCompare(b.createdAt),
});

registerEntity({
  type: 'agreement',
  listsKey: (committeeId) => registerKeys.agreementLists(committeeId),
  sort: (a, b) => a.title.localeCompare(b.title),
});

registerEntity({
  type: 'negotiation',
  detailKey: registerKeys.negotiation,
  listsKey: (committeeId) => registerKeys.negotiationLists(committeeId),
  sort: (a, b) => a.title.localeCompare(b.title),
});

registerEntity({
  type: 'negotiation-round',
  listsKey: (_committeeId, round) => (round ? registerKeys.rounds(round.negotiationId) : registerKeys.roundsAll),
  parent: { type: 'negotiation', idOf: (round) => round.negotiationId, childrenKey: registerKeys.rounds },
  sort: (a, b) => a.number - b.number,
});

registerEntity({
  type: 'rnd-project',
  detailKey: registerKeys.rnd,
  listsKey: (committeeId) => registerKeys.rndLists(committeeId),
  sort: (a, b) => a.title.localeCompare(b.title),
});

registerEntity({
  type: 'rnd-milestone',
  listsKey: (_committeeId, milestone) => (milestone ? registerKeys.milestones(milestone.rndProjectId) : registerKeys.milestonesAll),
  parent: { type: 'rnd-project', idOf: (milestone) => milestone.rndProjectId, childrenKey: registerKeys.milestones },
  sort: (a, b) => (a.plannedOn ?? '9999').localeCompare(b.plannedOn ?? '9999') || a.createdAt.localeCompare(b.createdAt),
});

registerEntity({
  type: 'record-link',
  // A record's links list the record at the other end (held by the link's id): a new link is
  // read again with that record's title as the reader may see it; a removed one is dropped.
  listsKey: () => registerKeys.linksAll,
  listMode: () => 'refetch',
});

registerEntity({
  type: 'minutes',
  // The page asks for the minutes by meeting; the events carry the record without its sections.
  detailKey: minutesKeys.record,
  detailIdOf: (minutes) => minutes.meetingId,
  listsKey: () => [...minutesKeys.all, 'lists'],
  parent: { type: 'meeting', idOf: (minutes) => minutes.meetingId },
});

registerEntity({
  type: 'minutes-section',
  listsKey: (_committeeId, section) => (section ? minutesKeys.sections(section.minutesId) : minutesKeys.sectionsAll),
  parent: { type: 'minutes', idOf: (section) => section.minutesId, childrenKey: minutesKeys.sections },
  sort: compareSectionNumbers,
});

registerEntity({
  type: 'minutes-comment',
  listsKey: (_committeeId, comment) => (comment ? minutesKeys.comments(comment.minutesId) : minutesKeys.commentsAll),
  parent: { type: 'minutes', idOf: (comment) => comment.minutesId, childrenKey: minutesKeys.comments },
  sort: (a, b) => a.createdAt.localeCompare(b.createdAt),
});

registerEntity({
  type: 'committee-settings',
  // One record per committee, keyed by the committee's id; its quorum reaches each meeting as `attendance.updated`.
  detailKey: (committeeId) => ['committees', committeeId, 'settings'],
  listsKey: (committeeId) => ['committees', committeeId, 'settings', 'lists'],
});
registerEntity({
  type: 'document',
  // The papers of each agenda item are patched in place; removing the item drops them.
  listsKey: (_committeeId, document) => (document ? queryKeys.documents(document.parentId) : queryKeys.documentsAll),
  parent: { type: 'agenda-item', idOf: (document) => document.parentId, childrenKey: queryKeys.documents },
  sort: (a, b) => a.createdAt.localeCompare(b.createdAt),
});
