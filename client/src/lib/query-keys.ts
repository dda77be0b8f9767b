import type { ActionItemStatus } from '@sidang/shared';

/** Server-side filters of the action item list (the `GET …/action-items` query). */
export interface ActionItemListFilters {
  status?: ActionItemStatus[];
  owner?: 'me';
  agency?: string;
  overdue?: boolean;
}

/** Drops empty values so that "no filter" is always `{}` (one cache entry, patched in place). */
export function normalizeListFilters(filters: ActionItemListFilters): ActionItemListFilters {
  const out: ActionItemListFilters = {};
  if (filters.status && filters.status.length > 0) out.status = [...filters.status].sort();
  if (filters.owner) out.owner = filters.owner;
  if (filters.agency) out.agency = filters.agency;
  if (filters.overdue) out.overdue = true;
  return out;
}

export function isUnfiltered(filters: ActionItemListFilters | undefined): boolean {
  return !filters || Object.keys(normalizeListFilters(filters)).length === 0;
}

/** Every TanStack Query key of the app, in one place so realtime can find what to patch. */
export const queryKeys = {
  me: ['me'] as const,
  mfa: ['me', 'mfa'] as const,
  sessions: ['me', 'sessions'] as const,
  committees: ['committees'] as const,
  committee: (committeeId: string) => ['committees', committeeId] as const,
  members: (committeeId: string) => ['committees', committeeId, 'members'] as const,
  actionItemLists: (committeeId: string) => ['action-items', 'list', committeeId] as const,
  actionItemList: (committeeId: string, filters: ActionItemListFilters) =>
    ['action-items', 'list', committeeId, normalizeListFilters(filters)] as const,
  actionItem: (id: string) => ['action-items', 'detail', id] as const,
  /** Set when a deleted/hidden event removed an item, so an open page can say so. */
  removedActionItem: (id: string) => ['removed', 'action-item', id] as const,
  progressUpdatesAll: ['progress-updates'] as const,
  /** The committee feed (no entity) or one record's history. */
  activityAll: (committeeId: string) => ['activity', committeeId] as const,
  activity: (committeeId: string, entityId?: string) => ['activity', committeeId, entityId ?? 'all'] as const,
  /** Every cached home (a committee's, and the one across committees): any committed change may move them. */
  homeAll: ['home'] as const,
  home: (committeeId: string) => ['home', committeeId] as const,
  myHome: ['home', 'me'] as const,
  progressUpdates: (actionItemId: string) => ['progress-updates', actionItemId] as const,
  /** Every cached meeting list of a committee (upcoming, past). */
  meetingLists: (committeeId: string) => ['meetings', 'list', committeeId] as const,
  meetingList: (committeeId: string, when: MeetingListWhen) => ['meetings', 'list', committeeId, when] as const,
  meeting: (id: string) => ['meetings', 'detail', id] as const,
  agendaItemsAll: ['agenda-items'] as const,
  /** One meeting's agenda, in agenda order. */
  agendaItems: (meetingId: string) => ['agenda-items', meetingId] as const,
  /** One meeting's attendance and quorum (keyed by the meeting, not the record's own id). */
  attendance: (meetingId: string) => ['attendance', meetingId] as const,
  /** The level a meeting's projector opens at (the lowest clearance in the room). */
  projectorView: (meetingId: string) => ['projector-view', meetingId] as const,
  attendanceAll: ['attendance'] as const,
  decisionsAll: ['decisions'] as const,
  votesAll: ['votes'] as const,
  resolutionsAll: ['resolutions'] as const,
  /** A committee's resolutions by circulation, newest first. */
  resolutions: (committeeId: string) => ['resolutions', 'list', committeeId] as const,
  /** One resolution with its answers. */
  resolution: (id: string) => ['resolutions', 'detail', id] as const,
  /** The resolutions a meeting's agenda lists for noting ("Keputusan secara edaran"). */
  meetingResolutions: (meetingId: string) => ['resolutions', 'meeting', meetingId] as const,
  /** The votes of one meeting, oldest first. */
  votes: (meetingId: string) => ['votes', 'meeting', meetingId] as const,
  interestsAll: ['interests'] as const,
  /** The declarations of interest of one meeting (its register), oldest first. */
  interests: (meetingId: string) => ['interests', 'meeting', meetingId] as const,
  /** The decisions recorded on one agenda item, oldest first. */
  decisions: (agendaItemId: string) => ['decisions', 'item', agendaItemId] as const,
  /** A committee's decisions register, for a search. */
  decisionRegister: (committeeId: string, q: string) => ['decisions', 'register', committeeId, q] as const,
  mattersArising: (meetingId: string) => ['matters-arising', meetingId] as const,
  documentsAll: ['documents'] as const,
  /** The documents of one record (the papers of an agenda item), oldest first. */
  documents: (parentId: string) => ['documents', 'parent', parentId] as const,
  /** The notes on one paper the reader may see (their own and the shared ones), by page. */
  annotationsAll: ['annotations'] as const,
  annotations: (documentId: string) => ['annotations', 'document', documentId] as const,
  /** The file versions of one paper. */
  documentVersions: (documentId: string) => ['documents', 'versions', documentId] as const,
};

/** Which meetings a list holds: the `when` of `GET …/meetings`. */
export type MeetingListWhen = 'upcoming' | 'past';

/**
 * Which cached queries are kept on the device for offline reading: what the user has opened.
 * Removal markers are session state, not records, and are not kept.
 */
export function isPersistedQueryKey(key: readonly unknown[]): boolean {
  const [root, kind] = key;
  if (root === 'removed') return false;
  if (root === 'action-items') return kind !== 'removed';
  return (
    root === 'me' ||
    root === 'committees' ||
    root === 'progress-updates' ||
    root === 'meetings' ||
    root === 'agenda-items' ||
    root === 'minutes' ||
    root === 'minutes-sections' ||
    root === 'minutes-comments' ||
    root === 'attendance'
  );
}

/**
 * Keys of the registers (bilateral meetings, negotiations, R&D projects) and record links.
 * Register lists are held whole per committee and filtered on screen, so they are patched live.
 */
export const registerKeys = {
  bilateralLists: (committeeId: string) => ['bilateral-meetings', 'list', committeeId] as const,
  bilateral: (id: string) => ['bilateral-meetings', 'detail', id] as const,
  /** Every cached commitment list: one meeting's, or a country's open ones. */
  commitmentsAll: ['bilateral-commitments'] as const,
  commitments: (bilateralMeetingId: string) => ['bilateral-commitments', 'meeting', bilateralMeetingId] as const,
  countryCommitments: (committeeId: string, country: string) => ['bilateral-commitments', 'country', committeeId, country] as const,
  agreementLists: (committeeId: string) => ['agreements', 'list', committeeId] as const,
  negotiationLists: (committeeId: string) => ['negotiations', 'list', committeeId] as const,
  negotiation: (id: string) => ['negotiations', 'detail', id] as const,
  roundsAll: ['negotiation-rounds'] as const,
  rounds: (negotiationId: string) => ['negotiation-rounds', negotiationId] as const,
  rndLists: (committeeId: string) => ['rnd-projects', 'list', committeeId] as const,
  rnd: (id: string) => ['rnd-projects', 'detail', id] as const,
  milestonesAll: ['rnd-milestones'] as const,
  milestones: (rndProjectId: string) => ['rnd-milestones', rndProjectId] as const,
  valueChainStages: ['value-chain-stages'] as const,
  linksAll: ['record-links'] as const,
  links: (recordId: string) => ['record-links', recordId] as const,
};
