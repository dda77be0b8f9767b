import { type Classification, isCleared, projectFor } from '@sidang/shared';
import type { Query, QueryClient } from '@tanstack/react-query';
import { authStore } from '../auth/auth-store.ts';
import { forgetPersistedQueryCache, persistQueryCacheNow } from '../offline/query-persistence.ts';
import { queryKeys } from '../query-keys.ts';
import { belongsToCommittee, removeRecord } from './cache-apply.ts';

import { loadDeviceCopies as deviceDocs } from './device-copies.ts';

import {
  committeeOfRecord,
  detailOfKey,
  isVersionedRecord,
  registeredEntities,
  removedKey,
  type VersionedRecord,
} from './entity-registry.ts';

/**
 * What the client does when the server says the user may see less: the records go from
 * memory and from the device at once, not at the next refetch or save.
 */

/**
 * Takes a query's data out of the cache. A query a screen is watching is reset rather than
 * removed: a removed query stays attached to its observers, which would go on showing its data.
 */
function dropQuery(queryClient: QueryClient, query: Query): void {
  if (query.getObserversCount() > 0) void queryClient.resetQueries({ queryKey: query.queryKey, exact: true }).catch(() => undefined);
  else queryClient.removeQueries({ queryKey: query.queryKey, exact: true });
}

/** The caches of children (an action item's thread) of records that are gone. */
function removeChildrenOf(queryClient: QueryClient, parentIds: Iterable<string>): void {
  const children = registeredEntities().filter((registration) => registration.parent?.childrenKey);
  for (const parentId of parentIds) {
    for (const child of children) {
      const key = child.parent?.childrenKey?.(parentId);
      const query = key ? queryClient.getQueryCache().find({ queryKey: key, exact: true }) : undefined;
      if (query) dropQuery(queryClient, query);
    }
  }
}

function recordsOf(data: unknown): VersionedRecord[] {
  return (Array.isArray(data) ? data : [data]).filter(isVersionedRecord);
}

/**
 * Removes every cached query of one committee (its lists, its records' pages and their
 * threads, the committee itself) from memory and from the saved offline copy.
 */
export function purgeCommittee(queryClient: QueryClient, committeeId: string): void {
  const gone: Query[] = queryClient
    .getQueryCache()
    .getAll()
    .filter((query) => belongsToCommittee(query.queryKey, query.state.data, committeeId));
  const parentIds = new Set<string>();
  for (const query of gone) {
    for (const record of recordsOf(query.state.data)) parentIds.add(record.id);
    const detail = detailOfKey(query.queryKey);
    const data: unknown = query.state.data;
    // An open page of one of its records says it is no longer available.
    if (detail && isVersionedRecord(data))
      queryClient.setQueryData(removedKey(detail.registration.type, detail.id), { reason: 'hidden', version: data.version });
    dropQuery(queryClient, query);
  }
  removeChildrenOf(queryClient, parentIds);
  queryClient.setQueryData<Array<{ id: string }>>(queryKeys.committees, (list) => list?.filter((entry) => entry.id !== committeeId));
  void queryClient.invalidateQueries({ queryKey: queryKeys.committees, exact: true });
  persistQueryCacheNow(queryClient);
  // Documents kept on the device (minutes typed offline) go with the committee.
  const userId = authStore.getUserId();
  void deviceDocs()
    .then((docs) => docs.forgetCommitteeMinutes(userId, committeeId))
    .catch(() => undefined);
}

function classificationOf(record: VersionedRecord): Classification | undefined {
  const level = (record as { classification?: unknown }).classification;
  return typeof level === 'string' ? (level as Classification) : undefined;
}

function hasFieldLevels(record: VersionedRecord): boolean {
  const { fieldClassifications, redactedFields } = record as { fieldClassifications?: unknown; redactedFields?: unknown };
  return fieldClassifications !== undefined || redactedFields !== undefined;
}

/**
 * The user's clearance changed: records above it go (pages of them say "no longer
 * available"), fields above it are removed from the copies kept, and everything is reloaded
 * so that what the new clearance allows (more, or differently projected) comes in.
 */
export function applyClearance(queryClient: QueryClient, clearance: Classification): void {
  const above = (record: VersionedRecord) => {
    const level = classificationOf(record);
    return level !== undefined && !isCleared(clearance, level);
  };
  const parentIds = new Set<string>();
  for (const query of queryClient.getQueryCache().getAll()) {
    const data: unknown = query.state.data;
    if (Array.isArray(data) && data.some(isVersionedRecord)) {
      const kept = (data as VersionedRecord[]).filter((record) => {
        if (!above(record)) return true;
        parentIds.add(record.id);
        return false;
      });
      const projected = kept.map((record) => (hasFieldLevels(record) ? projectFor(record, clearance) : record));
      if (kept.length !== data.length || projected.some((record, index) => record !== kept[index])) {
        queryClient.setQueryData(query.queryKey, projected);
      }
    } else if (isVersionedRecord(data)) {
      if (above(data)) {
        parentIds.add(data.id);
        const detail = detailOfKey(query.queryKey);
        if (detail) {
          removeRecord(
            queryClient,
            detail.registration.type,
            committeeOfRecord(detail.registration, data) ?? '',
            detail.id,
            'hidden',
            data.version,
          );
        }
        dropQuery(queryClient, query);
      } else if (hasFieldLevels(data)) {
        queryClient.setQueryData(query.queryKey, projectFor(data, clearance));
      }
    }
  }
  removeChildrenOf(queryClient, parentIds);
  persistQueryCacheNow(queryClient);
  const userId = authStore.getUserId();
  void deviceDocs()
    .then((docs) => docs.forgetMinutesAbove(userId, clearance))
    .catch(() => undefined);
  // What the new clearance allows is fetched again (records newly visible, fields newly readable).
  void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'removed' });
}

/** The fields by which a record points at what governs it (its meeting, its agenda item, a paper's parent). */
function governedBy(record: VersionedRecord): string[] {
  const { meetingId, agendaItemId, parentId } = record as { meetingId?: unknown; agendaItemId?: unknown; parentId?: unknown };
  return [meetingId, agendaItemId, parentId].filter((id): id is string => typeof id === 'string');
}

/** A meeting of `committeeId` cached while still a draft. */
function isDraftMeeting(record: VersionedRecord, committeeId: string): boolean {
  const { status, committeeId: of, startsAt } = record as { status?: unknown; committeeId?: unknown; startsAt?: unknown };
  return status === 'draft' && of === committeeId && typeof startsAt === 'string';
}

/**
 * The user's role in a committee changed so that its drafts are no longer theirs: the records
 * the server named (`hidden`: draft meetings, their agenda items and papers), any meeting still
 * cached as a draft there, and whatever they govern go from memory and from the device at once;
 * pages of them say "no longer available".
 */
export function applyHidden(queryClient: QueryClient, committeeId: string, ids: readonly string[]): void {
  const hidden = new Set(ids);
  const all = queryClient.getQueryCache().getAll();
  for (const query of all) for (const record of recordsOf(query.state.data)) if (isDraftMeeting(record, committeeId)) hidden.add(record.id);
  const gone = (record: VersionedRecord) => hidden.has(record.id) || governedBy(record).some((id) => hidden.has(id));
  const markRemoved = (query: Query, data: VersionedRecord) => {
    const detail = detailOfKey(query.queryKey);
    if (detail) {
      removeRecord(
        queryClient,
        detail.registration.type,
        committeeOfRecord(detail.registration, data) ?? committeeId,
        detail.id,
        'hidden',
        data.version,
      );
    }
  };
  for (const query of all) {
    const data: unknown = query.state.data;
    // A query of one of them (a meeting's agenda, attendance, votes): gone whole.
    if (query.queryKey.some((part) => typeof part === 'string' && hidden.has(part))) {
      if (isVersionedRecord(data)) markRemoved(query, data);
      dropQuery(queryClient, query);
    } else if (Array.isArray(data) && data.some(isVersionedRecord)) {
      const kept = (data as VersionedRecord[]).filter((record) => !isVersionedRecord(record) || !gone(record));
      if (kept.length !== data.length) queryClient.setQueryData(query.queryKey, kept);
    } else if (isVersionedRecord(data) && gone(data)) {
      markRemoved(query, data);
      dropQuery(queryClient, query);
    }
  }
  removeChildrenOf(queryClient, hidden);
  persistQueryCacheNow(queryClient);
}

/** The account's session is over: nothing of it stays, in memory or on the device. */
export function purgeAll(queryClient: QueryClient): void {
  const userId = authStore.getUserId();
  if (userId)
    void deviceDocs()
      .then((docs) => docs.forgetMinutesOnDevice(userId))
      .catch(() => undefined);
  forgetPersistedQueryCache(queryClient);
  queryClient.clear();
}
