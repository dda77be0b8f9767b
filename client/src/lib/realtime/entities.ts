import type { AgendaItem, Meeting } from '@sidang/shared';
import { type ActionItemListFilters, isUnfiltered, type MeetingListWhen, queryKeys } from '../query-keys.ts';
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
  // Each agenda item's decisions are patched in place; a register search is read again when opened.
  listsKey: (_committeeId, decision) => (decision ? queryKeys.decisions(decision.agendaItemId) : queryKeys.decisionsAll),
  parent: { type: 'agenda-item', idOf: (decision) => decision.agendaItemId, childrenKey: queryKeys.decisions },
  sort: (a, b) => a.createdAt.localeCompare(b.createdAt),
});

registerEntity({
  type: 'document',
  // The papers of each agenda item are patched in place; removing the item drops them.
  listsKey: (_committeeId, document) => (document ? queryKeys.documents(document.parentId) : queryKeys.documentsAll),
  parent: { type: 'agenda-item', idOf: (document) => document.parentId, childrenKey: queryKeys.documents },
  sort: (a, b) => a.createdAt.localeCompare(b.createdAt),
});
