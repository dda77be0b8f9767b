import { actionItemSchema, memberSchema, progressUpdateSchema } from '@sidang/shared';
import { type ActionItemListFilters, isUnfiltered, queryKeys } from '../query-keys.ts';
import { registerEntity } from './entity-registry.ts';

/**
 * The record types this client keeps live. A new one is one more `registerEntity` call here
 * (its query keys, its parent, its order); nothing else in realtime or offline code changes.
 */

registerEntity({
  type: 'action-item',
  schema: actionItemSchema,
  detailKey: queryKeys.actionItem,
  listsKey: (committeeId) => queryKeys.actionItemLists(committeeId),
  // The unfiltered list is patched in place; a filtered one is refetched, its server-side filter decides.
  listMode: (key) => (isUnfiltered(key[3] as ActionItemListFilters | undefined) ? 'patch' : 'refetch'),
});

registerEntity({
  type: 'progress-update',
  schema: progressUpdateSchema,
  listsKey: (_committeeId, update) => (update ? queryKeys.progressUpdates(update.actionItemId) : queryKeys.progressUpdatesAll),
  parent: { type: 'action-item', idOf: (update) => update.actionItemId, childrenKey: queryKeys.progressUpdates },
  sort: (a, b) => a.createdAt.localeCompare(b.createdAt),
});

registerEntity({
  type: 'member',
  schema: memberSchema,
  listsKey: (committeeId) => queryKeys.members(committeeId),
  sort: (a, b) => a.name.localeCompare(b.name),
});
