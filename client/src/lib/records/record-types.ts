import type { AgendaItem, Meeting, SearchResult } from '@sidang/shared';
import { type EntityType, type LinkableType, recordPath } from '@sidang/shared/constants';
import { minutesKeys } from '../minutes-keys.ts';
import { type ActionItemListFilters, isUnfiltered, type MeetingListWhen, queryKeys, registerKeys } from '../query-keys.ts';
import type { EntityRegistration } from '../realtime/entity-registry.ts';
import { compareSectionNumbers } from '../section-order.ts';

/**
 * What the client adds to a record type's shared descriptor (shared/src/records/record-types.ts).
 * Where it opens is shared with the server's e-mails (`RECORD_ROUTES`, shared/src/records/record-paths.ts).
 * The compiler asks for an icon when the type is linkable.
 */
export interface ClientRecordType<E extends EntityType> {
  /** Its mark in lists of mixed records (links). */
  icon: E extends LinkableType ? string : string | null;
  /** The i18n key of its name, e.g. "Decision". */
  labelKey: `records.type.${E}`;
  /**
   * How the client keeps it live (realtime registry): its query keys, its parent, its order.
   * The schema that checks its live records goes in `realtime/entity-schemas.ts`, which loads
   * with the socket: this table is on every first screen and stays free of zod.
   */
  live: Omit<EntityRegistration<E>, 'type'>;
}

/** The server's rule for the past list: closed, or its day (or its end) is over. */
function isPastMeeting(meeting: Meeting, now = Date.now()): boolean {
  if (meeting.status === 'closed') return true;
  const end = meeting.endsAt ? Date.parse(meeting.endsAt) : Date.parse(meeting.startsAt) + 24 * 3600_000;
  return end < now;
}

/** "2" before "2.1" before "3": agenda order from the server-computed numbers. */
function compareAgendaNumbers(a: AgendaItem, b: AgendaItem): number {
  const [aTop = 0, aSub = 0] = a.number.split('.').map(Number);
  const [bTop = 0, bSub = 0] = b.number.split('.').map(Number);
  return aTop - bTop || aSub - bSub;
}

/**
 * Every record type as the client knows it, named once: a record type without an entry does not
 * compile. See README "Adding a record type".
 */
export const CLIENT_RECORD_TYPES = {
  'action-item': {
    icon: '✓',
    labelKey: 'records.type.action-item',
    live: {
      detailKey: queryKeys.actionItem,
      listsKey: (committeeId) => queryKeys.actionItemLists(committeeId),
      // The unfiltered list is patched in place; a filtered one is refetched, its server-side filter decides.
      listMode: (key) => (isUnfiltered(key[3] as ActionItemListFilters | undefined) ? 'patch' : 'refetch'),
    },
  },
  'progress-update': {
    icon: null,
    labelKey: 'records.type.progress-update',
    live: {
      listsKey: (_committeeId, update) => (update ? queryKeys.progressUpdates(update.actionItemId) : queryKeys.progressUpdatesAll),
      parent: { type: 'action-item', idOf: (update) => update.actionItemId, childrenKey: queryKeys.progressUpdates },
      sort: (a, b) => a.createdAt.localeCompare(b.createdAt),
    },
  },
  member: {
    icon: null,
    labelKey: 'records.type.member',
    live: {
      listsKey: (committeeId) => queryKeys.members(committeeId),
      sort: (a, b) => a.name.localeCompare(b.name),
    },
  },
  meeting: {
    icon: '▦',
    labelKey: 'records.type.meeting',
    live: {
      detailKey: queryKeys.meeting,
      listsKey: (committeeId) => queryKeys.meetingLists(committeeId),
      // The upcoming list (soonest first) is patched with what belongs in it; a meeting leaving it,
      // and the past list (latest first), are refetched: the server's filter and order decide.
      listMode: (key, meeting) => ((key[3] as MeetingListWhen | undefined) === 'upcoming' && !isPastMeeting(meeting) ? 'patch' : 'refetch'),
      sort: (a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt),
    },
  },
  'agenda-item': {
    icon: '§',
    labelKey: 'records.type.agenda-item',
    live: {
      // An agenda is patched in place (moved items too): every screen ends with the server's order.
      listsKey: (_committeeId, item) => (item ? queryKeys.agendaItems(item.meetingId) : queryKeys.agendaItemsAll),
      parent: { type: 'meeting', idOf: (item) => item.meetingId, childrenKey: queryKeys.agendaItems },
      sort: compareAgendaNumbers,
    },
  },
  attendance: {
    icon: null,
    labelKey: 'records.type.attendance',
    live: {
      // The record has its own id; the page asks for it by meeting.
      detailKey: queryKeys.attendance,
      detailIdOf: (attendance) => attendance.meetingId,
      listsKey: () => [...queryKeys.attendanceAll, 'lists'],
      parent: { type: 'meeting', idOf: (attendance) => attendance.meetingId },
    },
  },
  decision: {
    icon: '⚖',
    labelKey: 'records.type.decision',
    live: {
      // Each agenda item's decisions are patched in place; the committee's register searches are
      // read again (the server's search and order decide what they hold).
      listsKey: () => queryKeys.decisionsAll,
      listMode: (key, decision) => {
        if (key[1] === 'register') return key[2] === decision.committeeId ? 'refetch' : 'skip';
        return key[1] === 'item' && key[2] === decision.agendaItemId ? 'patch' : 'skip';
      },
      parent: { type: 'agenda-item', idOf: (decision) => decision.agendaItemId, childrenKey: queryKeys.decisions },
      sort: (a, b) => a.createdAt.localeCompare(b.createdAt),
    },
  },
  'bilateral-meeting': {
    icon: '⇄',
    labelKey: 'records.type.bilateral-meeting',
    live: {
      detailKey: registerKeys.bilateral,
      listsKey: (committeeId) => registerKeys.bilateralLists(committeeId),
      // Latest first.
      sort: (a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt),
    },
  },
  'bilateral-commitment': {
    icon: '✎',
    labelKey: 'records.type.bilateral-commitment',
    live: {
      // A meeting's commitments are patched in place; a country's open commitments (and any other
      // cached list the record does not belong to) are read again: the server decides them.
      listsKey: () => registerKeys.commitmentsAll,
      listMode: (key, commitment) => (key[1] === 'meeting' && key[2] === commitment.bilateralMeetingId ? 'patch' : 'refetch'),
      parent: { type: 'bilateral-meeting', idOf: (commitment) => commitment.bilateralMeetingId, childrenKey: registerKeys.commitments },
      sort: (a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.createdAt.localeCompare(b.createdAt),
    },
  },
  agreement: {
    icon: '✍',
    labelKey: 'records.type.agreement',
    live: {
      listsKey: (committeeId) => registerKeys.agreementLists(committeeId),
      sort: (a, b) => a.title.localeCompare(b.title),
    },
  },
  negotiation: {
    icon: '⚑',
    labelKey: 'records.type.negotiation',
    live: {
      detailKey: registerKeys.negotiation,
      listsKey: (committeeId) => registerKeys.negotiationLists(committeeId),
      sort: (a, b) => a.title.localeCompare(b.title),
    },
  },
  'negotiation-round': {
    icon: '↻',
    labelKey: 'records.type.negotiation-round',
    live: {
      listsKey: (_committeeId, round) => (round ? registerKeys.rounds(round.negotiationId) : registerKeys.roundsAll),
      parent: { type: 'negotiation', idOf: (round) => round.negotiationId, childrenKey: registerKeys.rounds },
      sort: (a, b) => a.number - b.number,
    },
  },
  'rnd-project': {
    icon: '⚗',
    labelKey: 'records.type.rnd-project',
    live: {
      detailKey: registerKeys.rnd,
      listsKey: (committeeId) => registerKeys.rndLists(committeeId),
      sort: (a, b) => a.title.localeCompare(b.title),
    },
  },
  'rnd-milestone': {
    icon: '◆',
    labelKey: 'records.type.rnd-milestone',
    live: {
      listsKey: (_committeeId, milestone) => (milestone ? registerKeys.milestones(milestone.rndProjectId) : registerKeys.milestonesAll),
      parent: { type: 'rnd-project', idOf: (milestone) => milestone.rndProjectId, childrenKey: registerKeys.milestones },
      sort: (a, b) => (a.plannedOn ?? '9999').localeCompare(b.plannedOn ?? '9999') || a.createdAt.localeCompare(b.createdAt),
    },
  },
  'record-link': {
    icon: null,
    labelKey: 'records.type.record-link',
    live: {
      // A record's links list the record at the other end (held by the link's id): a new link is
      // read again with that record's title as the reader may see it; a removed one is dropped.
      listsKey: () => registerKeys.linksAll,
      listMode: () => 'refetch',
    },
  },
  document: {
    icon: null,
    labelKey: 'records.type.document',
    live: {
      // The papers of each agenda item are patched in place; removing the item drops them.
      listsKey: (_committeeId, document) => (document ? queryKeys.documents(document.parentId) : queryKeys.documentsAll),
      parent: { type: 'agenda-item', idOf: (document) => document.parentId, childrenKey: queryKeys.documents },
      sort: (a, b) => a.createdAt.localeCompare(b.createdAt),
    },
  },
  annotation: {
    icon: null,
    labelKey: 'records.type.annotation',
    live: {
      // Shared notes of each paper are patched in place (private ones come on the user's own socket).
      listsKey: (_committeeId, note) => (note ? queryKeys.annotations(note.documentId) : queryKeys.annotationsAll),
      parent: { type: 'document', idOf: (note) => note.documentId, childrenKey: queryKeys.annotations },
      sort: (a, b) => a.page - b.page || a.createdAt.localeCompare(b.createdAt),
    },
  },
  minutes: {
    icon: null,
    labelKey: 'records.type.minutes',
    live: {
      // The page asks for the minutes by meeting; the events carry the record without its sections.
      detailKey: minutesKeys.record,
      detailIdOf: (minutes) => minutes.meetingId,
      listsKey: () => [...minutesKeys.all, 'lists'],
      parent: { type: 'meeting', idOf: (minutes) => minutes.meetingId },
    },
  },
  'minutes-section': {
    icon: null,
    labelKey: 'records.type.minutes-section',
    live: {
      listsKey: (_committeeId, section) => (section ? minutesKeys.sections(section.minutesId) : minutesKeys.sectionsAll),
      parent: { type: 'minutes', idOf: (section) => section.minutesId, childrenKey: minutesKeys.sections },
      sort: compareSectionNumbers,
    },
  },
  'minutes-comment': {
    icon: null,
    labelKey: 'records.type.minutes-comment',
    live: {
      listsKey: (_committeeId, comment) => (comment ? minutesKeys.comments(comment.minutesId) : minutesKeys.commentsAll),
      parent: { type: 'minutes', idOf: (comment) => comment.minutesId, childrenKey: minutesKeys.comments },
      sort: (a, b) => a.createdAt.localeCompare(b.createdAt),
    },
  },
  'committee-settings': {
    icon: null,
    labelKey: 'records.type.committee-settings',
    live: {
      // One record per committee, keyed by the committee's id; its quorum reaches each meeting as `attendance.updated`.
      detailKey: (committeeId) => ['committees', committeeId, 'settings'],
      listsKey: (committeeId) => ['committees', committeeId, 'settings', 'lists'],
    },
  },
  vote: {
    icon: null,
    labelKey: 'records.type.vote',
    live: {
      // A meeting's votes are one list, patched in place (the live count on screen, phone and projector).
      listsKey: (_committeeId, vote) => (vote ? queryKeys.votes(vote.meetingId) : queryKeys.votesAll),
      parent: { type: 'agenda-item', idOf: (vote) => vote.agendaItemId },
      sort: (a, b) => a.createdAt.localeCompare(b.createdAt),
    },
  },
  resolution: {
    icon: '⚖',
    labelKey: 'records.type.resolution',
    live: {
      detailKey: queryKeys.resolution,
      // The committee's list is patched in place; a meeting's "circulated" section is read again (the server decides what it lists).
      listsKey: () => queryKeys.resolutionsAll,
      listMode: (key, resolution) => {
        if (key[1] === 'list') return key[2] === resolution.committeeId ? 'patch' : 'skip';
        return key[1] === 'meeting' ? 'refetch' : 'skip';
      },
      sort: (a, b) => b.createdAt.localeCompare(a.createdAt),
    },
  },
  interest: {
    icon: null,
    labelKey: 'records.type.interest',
    live: {
      listsKey: (_committeeId, interest) => (interest?.meetingId ? queryKeys.interests(interest.meetingId) : queryKeys.interestsAll),
      parent: { type: 'agenda-item', idOf: (interest) => interest.subjectId },
      sort: (a, b) => a.createdAt.localeCompare(b.createdAt),
    },
  },
} satisfies { [E in EntityType]: ClientRecordType<E> };

export { openPath, pageOf, type RecordRoute, recordPath } from '@sidang/shared/constants';

/** The page a search result opens. */
export function resultPath(result: SearchResult): string {
  return recordPath(result.type, result.committeeId, result.id, result.ancestorIds) as string;
}
