import type { ActionItem, EventEnvelope, ProgressUpdate } from '@sidang/shared';
import type { QueryClient } from '@tanstack/react-query';
import { type ActionItemListFilters, isUnfiltered, queryKeys } from '../query-keys.ts';

export interface RemovedMarker {
  reason: 'deleted' | 'hidden';
  version: number;
}

interface Versioned {
  id: string;
  version: number;
}

function isVersioned(value: unknown): value is Versioned {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Versioned).id === 'string' &&
    typeof (value as Versioned).version === 'number'
  );
}

function sortThread(updates: ProgressUpdate[]): ProgressUpdate[] {
  return [...updates].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/**
 * Puts a newer action item into the detail cache and every list of its committee.
 * The unfiltered list is patched in place; filtered lists are refetched (their server-side
 * filter decides membership). Caches holding the same or a newer version are left alone.
 * Returns whether any cache changed.
 */
export function upsertActionItem(queryClient: QueryClient, item: ActionItem): boolean {
  let changed = false;
  const detailKey = queryKeys.actionItem(item.id);
  const cached = queryClient.getQueryData<ActionItem>(detailKey);
  if (!cached || cached.version < item.version) {
    queryClient.setQueryData(detailKey, item);
    changed = true;
  }
  const removedKey = queryKeys.removedActionItem(item.id);
  const removed = queryClient.getQueryData<RemovedMarker>(removedKey);
  if (removed && removed.version < item.version) queryClient.removeQueries({ queryKey: removedKey, exact: true });

  for (const [key, list] of queryClient.getQueriesData<ActionItem[]>({ queryKey: queryKeys.actionItemLists(item.committeeId) })) {
    if (!list) continue;
    const existing = list.find((entry) => entry.id === item.id);
    if (existing && existing.version >= item.version) continue;
    const filters = key[3] as ActionItemListFilters | undefined;
    if (isUnfiltered(filters)) {
      queryClient.setQueryData<ActionItem[]>(key, existing ? list.map((entry) => (entry.id === item.id ? item : entry)) : [...list, item]);
    } else {
      void queryClient.invalidateQueries({ queryKey: key, exact: true });
    }
    changed = true;
  }
  return changed;
}

/** Drops an action item that was deleted or raised above the user's clearance. */
export function removeActionItem(
  queryClient: QueryClient,
  committeeId: string,
  id: string,
  reason: RemovedMarker['reason'],
  version: number,
): boolean {
  const detailKey = queryKeys.actionItem(id);
  const cached = queryClient.getQueryData<ActionItem>(detailKey);
  // Strictly newer only: a record that became visible again after this removal stays.
  if (cached && cached.version > version) return false;
  let changed = false;
  queryClient.setQueryData<RemovedMarker>(queryKeys.removedActionItem(id), { reason, version });
  if (cached) {
    queryClient.removeQueries({ queryKey: detailKey, exact: true });
    changed = true;
  }
  queryClient.removeQueries({ queryKey: queryKeys.progressUpdates(id), exact: true });
  for (const [key, list] of queryClient.getQueriesData<ActionItem[]>({ queryKey: queryKeys.actionItemLists(committeeId) })) {
    if (!list?.some((entry) => entry.id === id)) continue;
    queryClient.setQueryData<ActionItem[]>(
      key,
      list.filter((entry) => entry.id !== id),
    );
    changed = true;
  }
  return changed;
}

/** Adds or replaces one update in its action item's thread, if that thread is loaded. */
export function upsertProgressUpdate(queryClient: QueryClient, update: ProgressUpdate): boolean {
  const key = queryKeys.progressUpdates(update.actionItemId);
  const thread = queryClient.getQueryData<ProgressUpdate[]>(key);
  if (!thread) return false;
  const existing = thread.find((entry) => entry.id === update.id);
  if (existing && existing.version >= update.version) return false;
  queryClient.setQueryData<ProgressUpdate[]>(
    key,
    sortThread(existing ? thread.map((entry) => (entry.id === update.id ? update : entry)) : [...thread, update]),
  );
  return true;
}

/** Removes one update from whichever loaded thread holds it (the event carries only its id). */
export function removeProgressUpdate(queryClient: QueryClient, id: string, version: number): boolean {
  let changed = false;
  for (const [key, thread] of queryClient.getQueriesData<ProgressUpdate[]>({ queryKey: queryKeys.progressUpdatesAll })) {
    const existing = thread?.find((entry) => entry.id === id);
    if (!thread || !existing || existing.version > version) continue;
    queryClient.setQueryData<ProgressUpdate[]>(
      key,
      thread.filter((entry) => entry.id !== id),
    );
    changed = true;
  }
  return changed;
}

/** Everything of one committee: used when the cache may have missed changes. */
export function invalidateCommittee(queryClient: QueryClient, committeeId: string): void {
  void queryClient.invalidateQueries({ queryKey: queryKeys.actionItemLists(committeeId) });
  void queryClient.invalidateQueries({
    predicate: (query) => {
      const [scope, kind] = query.queryKey;
      if (scope === 'action-items' && kind === 'detail') {
        const item = query.state.data as ActionItem | undefined;
        return !item || item.committeeId === committeeId;
      }
      if (scope === 'progress-updates') {
        const thread = query.state.data as ProgressUpdate[] | undefined;
        return !thread?.[0] || thread[0].committeeId === committeeId;
      }
      return false;
    },
  });
}

/**
 * Applies one realtime envelope to the TanStack Query cache. Stale envelopes (a cached record
 * with the same or a newer version, e.g. the echo of one's own write) change nothing.
 * Returns whether any cache changed.
 */
export function applyEnvelope(queryClient: QueryClient, envelope: EventEnvelope): boolean {
  const [entity, verb] = envelope.type.split('.') as [string, string];
  if (entity === 'action-item') {
    if (verb === 'created' || verb === 'updated') {
      if (!isVersioned(envelope.data)) {
        invalidateCommittee(queryClient, envelope.committeeId);
        return true;
      }
      return upsertActionItem(queryClient, envelope.data as ActionItem);
    }
    if (verb === 'deleted' || verb === 'hidden') {
      return removeActionItem(queryClient, envelope.committeeId, envelope.entityId, verb, envelope.version);
    }
  }
  if (entity === 'progress-update') {
    if (verb === 'created' || verb === 'updated') {
      if (!isVersioned(envelope.data)) {
        invalidateCommittee(queryClient, envelope.committeeId);
        return true;
      }
      return upsertProgressUpdate(queryClient, envelope.data as ProgressUpdate);
    }
    if (verb === 'deleted' || verb === 'hidden') return removeProgressUpdate(queryClient, envelope.entityId, envelope.version);
  }
  // Unknown entity types (a newer server): nothing to patch here.
  return false;
}
