import { type QueryClient, replaceEqualDeep } from '@tanstack/react-query';
import { isApiError } from '../api/api-client.ts';
import { removeRecord } from './cache-apply.ts';
import { committeeOfRecord, detailOfKey, isVersionedRecord, type VersionedRecord } from './entity-registry.ts';

/** Removal markers in the cache, by record id: the newest removed version of each. */
function removedVersions(queryClient: QueryClient): Map<string, number> {
  const removed = new Map<string, number>();
  for (const query of queryClient.getQueryCache().findAll({ queryKey: ['removed'] })) {
    const id = query.queryKey[2];
    const version = (query.state.data as { version?: unknown } | undefined)?.version;
    if (typeof id === 'string' && typeof version === 'number') removed.set(id, Math.max(version, removed.get(id) ?? 0));
  }
  return removed;
}

/**
 * What a cache write keeps of the data it replaces: for a list of versioned records, the new
 * list's members, each at the newer version of the old and new copy, without those removed
 * (deleted, hidden) at the same or a newer version; for one versioned record, the newer copy.
 * Any other data is replaced as TanStack Query does by default (structural sharing).
 *
 * So a fetch that started before a live event and answers after it cannot put back the older
 * version: every write through the query cache passes here.
 */
export function mergeByVersion(queryClient: QueryClient, oldData: unknown, newData: unknown): unknown {
  if (Array.isArray(newData) && newData.length > 0 && newData.every(isVersionedRecord)) {
    const previous = new Map<string, VersionedRecord>();
    if (Array.isArray(oldData)) for (const record of oldData) if (isVersionedRecord(record)) previous.set(record.id, record);
    const removed = removedVersions(queryClient);
    const merged: VersionedRecord[] = [];
    for (const record of newData as VersionedRecord[]) {
      const old = previous.get(record.id);
      const newer = old && old.version > record.version ? old : record;
      const removedAt = removed.get(record.id);
      if (removedAt !== undefined && removedAt >= newer.version) continue;
      merged.push(newer);
    }
    return replaceEqualDeep(oldData, merged);
  }
  if (isVersionedRecord(newData) && isVersionedRecord(oldData) && oldData.id === newData.id && oldData.version > newData.version) {
    return oldData;
  }
  return replaceEqualDeep(oldData, newData);
}

/**
 * Installs, on one QueryClient, what keeps its cache of records honest whoever writes to it:
 * - every write is merged by version (`mergeByVersion`, as the default `structuralSharing`);
 * - a record page whose refetch answers 404 drops the cached copy (deleted, or no longer ours
 *   to see): the page then says it is gone instead of showing the stale copy.
 * Returns a function that removes the 404 watch.
 */
export function installCacheGuards(queryClient: QueryClient): () => void {
  const defaults = queryClient.getDefaultOptions();
  queryClient.setDefaultOptions({
    ...defaults,
    queries: {
      ...defaults.queries,
      structuralSharing: (oldData: unknown, newData: unknown) => mergeByVersion(queryClient, oldData, newData),
    },
  });
  return queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'error' || !isApiError(event.action.error, 404)) return;
    const detail = detailOfKey(event.query.queryKey);
    const cached: unknown = event.query.state.data;
    if (!detail || !isVersionedRecord(cached)) return;
    removeRecord(
      queryClient,
      detail.registration.type,
      committeeOfRecord(detail.registration, cached) ?? '',
      detail.id,
      'hidden',
      cached.version,
    );
  });
}
