import { type EntityRecords, type EntityType, type EventEnvelope, parseEventType, RECORD_VERBS } from '@sidang/shared';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import './entities.ts';
import {
  type AnyRegistration,
  committeeOfRecord,
  entityRegistration,
  entitySchema,
  isVersionedRecord,
  registeredEntities,
  removedKey,
  type VersionedRecord,
} from './entity-registry.ts';

export interface RemovedMarker {
  reason: 'deleted' | 'hidden';
  version: number;
}

/**
 * A write that may race a fetch of the same query: a fetch in flight started before the write
 * and would answer without it (a created record missing from a list), so it is replaced by a
 * fresh one. Records both hold are kept at the newer version by the merge in `cache-guards.ts`.
 */
function refetchIfInFlight(queryClient: QueryClient, key: QueryKey): void {
  if (queryClient.getQueryState(key)?.fetchStatus !== 'fetching') return;
  void queryClient.refetchQueries({ queryKey: key, exact: true }, { cancelRefetch: true }).catch(() => undefined);
}

function markerOf(queryClient: QueryClient, type: string, id: string): RemovedMarker | undefined {
  return queryClient.getQueryData<RemovedMarker>(removedKey(type, id));
}

/**
 * Whether a record was removed (deleted, hidden) at this version or a newer one: a copy of it
 * at `version` is stale and must not come back.
 */
export function isRemovedAt(queryClient: QueryClient, id: string, version: number): boolean {
  for (const registration of registeredEntities()) {
    const marker = markerOf(queryClient, registration.type, id);
    if (marker && marker.version >= version) return true;
  }
  return false;
}

/**
 * Puts a record into every cache that holds (or should hold) it: its detail if that is cached,
 * and the lists of its committee — patched in place, or refetched where a server-side filter
 * decides membership. Caches holding the same or a newer version are left alone; a record
 * removed at the same or a newer version is not brought back. Returns whether anything changed.
 */
export function upsertRecord(queryClient: QueryClient, type: EntityType, record: VersionedRecord, committeeId?: string): boolean {
  const registration = entityRegistration(type);
  if (!registration) return false;
  const marker = markerOf(queryClient, type, record.id);
  if (marker) {
    if (marker.version >= record.version) return false;
    // Visible again after its removal (e.g. declassified): the marker no longer holds.
    queryClient.removeQueries({ queryKey: removedKey(type, record.id), exact: true });
  }
  let changed = false;
  if (registration.detailKey) {
    const detailKey = registration.detailKey(registration.detailIdOf?.(record) ?? record.id);
    const cached = queryClient.getQueryData<VersionedRecord>(detailKey);
    if (!cached || cached.version < record.version) {
      queryClient.setQueryData(detailKey, record);
      refetchIfInFlight(queryClient, detailKey);
      changed = true;
    }
  }
  const committee = committeeId ?? committeeOfRecord(registration, record) ?? '';
  for (const [key, list] of queryClient.getQueriesData<VersionedRecord[]>({ queryKey: registration.listsKey(committee, record) })) {
    if (!Array.isArray(list)) continue;
    const existing = list.find((entry) => entry.id === record.id);
    if (existing && existing.version >= record.version) continue;
    if ((registration.listMode?.(key, record) ?? 'patch') === 'refetch') {
      void queryClient.invalidateQueries({ queryKey: key, exact: true });
    } else {
      const next = existing ? list.map((entry) => (entry.id === record.id ? record : entry)) : [...list, record];
      queryClient.setQueryData<VersionedRecord[]>(key, registration.sort ? [...next].sort(registration.sort) : next);
      refetchIfInFlight(queryClient, key);
    }
    changed = true;
  }
  return changed;
}

/**
 * Drops a record that was deleted or raised above the user's clearance, with the caches of
 * its children, and leaves a marker so that an open page can say so and a late fetch cannot
 * bring it back. A cached copy strictly newer than the removal stays (visible again since).
 */
export function removeRecord(
  queryClient: QueryClient,
  type: EntityType,
  committeeId: string,
  id: string,
  reason: RemovedMarker['reason'],
  version: number,
): boolean {
  const registration = entityRegistration(type);
  if (!registration) return false;
  const detailKey = registration.detailKey?.(id);
  const cached = detailKey ? queryClient.getQueryData<VersionedRecord>(detailKey) : undefined;
  if (cached && cached.version > version) return false;
  let changed = false;
  const previous = markerOf(queryClient, type, id);
  if (!previous || previous.version < version) queryClient.setQueryData<RemovedMarker>(removedKey(type, id), { reason, version });
  if (detailKey && cached) {
    queryClient.removeQueries({ queryKey: detailKey, exact: true });
    changed = true;
  }
  for (const [key, list] of queryClient.getQueriesData<VersionedRecord[]>({ queryKey: registration.listsKey(committeeId) })) {
    if (!Array.isArray(list)) continue;
    const existing = list.find((entry) => entry.id === id);
    if (!existing || existing.version > version) continue;
    queryClient.setQueryData<VersionedRecord[]>(
      key,
      list.filter((entry) => entry.id !== id),
    );
    changed = true;
  }
  return removeChildren(queryClient, registration, committeeId, id) || changed;
}

/** Children of a removed record go with it (an action item's thread). */
function removeChildren(queryClient: QueryClient, parent: AnyRegistration, committeeId: string, parentId: string): boolean {
  let changed = false;
  for (const child of registeredEntities()) {
    if (child.parent?.type !== parent.type) continue;
    const { idOf, childrenKey } = child.parent;
    if (childrenKey && queryClient.getQueryData(childrenKey(parentId)) !== undefined) {
      queryClient.removeQueries({ queryKey: childrenKey(parentId), exact: true });
      changed = true;
    }
    for (const [key, list] of queryClient.getQueriesData<VersionedRecord[]>({ queryKey: child.listsKey(committeeId) })) {
      if (!Array.isArray(list) || !list.some((entry) => idOf(entry) === parentId)) continue;
      queryClient.setQueryData<VersionedRecord[]>(
        key,
        list.filter((entry) => idOf(entry) !== parentId),
      );
      changed = true;
    }
  }
  return changed;
}

/** Whether a cached query belongs to a committee: its key names it, or it holds records of it. */
export function belongsToCommittee(queryKey: QueryKey, data: unknown, committeeId: string): boolean {
  if (queryKey.includes(committeeId)) return true;
  const records = Array.isArray(data) ? data : [data];
  return records.some((record) => isVersionedRecord(record) && (record as { committeeId?: unknown }).committeeId === committeeId);
}

/** Everything of one committee (with the children of its records): used when the cache may have missed changes. */
export function invalidateCommittee(queryClient: QueryClient, committeeId: string): void {
  const ids = new Set<string>();
  for (const query of queryClient.getQueryCache().getAll()) {
    if (!belongsToCommittee(query.queryKey, query.state.data, committeeId)) continue;
    const data: unknown = query.state.data;
    for (const record of Array.isArray(data) ? data : [data]) if (isVersionedRecord(record)) ids.add(record.id);
  }
  const childKeys = registeredEntities().flatMap((registration) => {
    const childrenKey = registration.parent?.childrenKey;
    return childrenKey ? [...ids].map((id) => JSON.stringify(childrenKey(id))) : [];
  });
  const children = new Set(childKeys);
  void queryClient.invalidateQueries({
    predicate: (query) => belongsToCommittee(query.queryKey, query.state.data, committeeId) || children.has(JSON.stringify(query.queryKey)),
  });
}

/**
 * Applies one realtime envelope to the TanStack Query cache, whatever its record type: the
 * type's registration says where its records are kept. Stale envelopes (a cached record with
 * the same or a newer version, e.g. the echo of one's own write) change nothing; unknown record
 * types (a newer server) are ignored. Returns whether any cache changed.
 */
export function applyEnvelope(queryClient: QueryClient, envelope: EventEnvelope): boolean {
  const { entity, verb } = parseEventType(envelope.type);
  const registration = entityRegistration(entity);
  if (!registration) return false;
  // Every verb that carries the record (created, updated, moved, current-item-changed) is an upsert.
  if ((RECORD_VERBS as readonly string[]).includes(verb)) {
    const data: unknown = envelope.data;
    if (!isVersionedRecord(data) || !(entitySchema(registration)?.safeParse(data).success ?? true)) {
      // Not a shape this client knows: the server's copy decides.
      invalidateCommittee(queryClient, envelope.committeeId);
      return true;
    }
    return upsertRecord(queryClient, registration.type, data, envelope.committeeId);
  }
  if (verb === 'deleted' || verb === 'hidden') {
    return removeRecord(queryClient, registration.type, envelope.committeeId, envelope.entityId, verb, envelope.version);
  }
  return false;
}

/** The editor's name for `upsertRecord` of an action item (kept for its callers). */
export function upsertActionItem(queryClient: QueryClient, item: EntityRecords['action-item']): boolean {
  return upsertRecord(queryClient, 'action-item', item);
}
