import type { ActionItem, CreateActionItem, ProgressUpdate, UpdateActionItem } from '@sidang/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../lib/api/api-context.tsx';
import { type ActionItemListFilters, queryKeys } from '../../../lib/query-keys.ts';
import { type RemovedMarker, removeRecord, upsertRecord } from '../../../lib/realtime/cache-apply.ts';
import { actionItemsApi } from '../api/action-items-api.ts';

export function useActionItems(committeeId: string | undefined, filters: ActionItemListFilters = {}) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.actionItemList(committeeId ?? '', filters),
    queryFn: () => actionItemsApi.list(api, committeeId ?? '', filters),
    enabled: Boolean(committeeId),
  });
}

export function useActionItem(id: string | undefined, options: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.actionItem(id ?? ''),
    queryFn: () => actionItemsApi.get(api, id ?? ''),
    enabled: Boolean(id) && options.enabled !== false,
  });
}

/** Set by realtime when the item was deleted or hidden while on screen. */
export function useRemovedMarker(id: string | undefined): RemovedMarker | undefined {
  const { data } = useQuery<RemovedMarker | null>({
    queryKey: queryKeys.removedActionItem(id ?? ''),
    queryFn: () => null,
    enabled: false,
  });
  return data ?? undefined;
}

export function useProgressUpdates(actionItemId: string | undefined, options: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.progressUpdates(actionItemId ?? ''),
    queryFn: () => actionItemsApi.updates(api, actionItemId ?? ''),
    enabled: Boolean(actionItemId) && options.enabled !== false,
  });
}

export function useCreateActionItem(committeeId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateActionItem) => actionItemsApi.create(api, committeeId, body),
    onSuccess: (item: ActionItem) => {
      upsertRecord(queryClient, 'action-item', item);
    },
  });
}

export function useUpdateActionItem(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateActionItem) => actionItemsApi.update(api, id, body),
    onSuccess: (item: ActionItem) => {
      upsertRecord(queryClient, 'action-item', item);
    },
  });
}

export function useDeleteActionItem(item: Pick<ActionItem, 'id' | 'committeeId'>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => actionItemsApi.remove(api, item.id, version),
    onSuccess: (_result, version) => {
      removeRecord(queryClient, 'action-item', item.committeeId, item.id, 'deleted', version);
    },
  });
}

export function usePostProgressUpdate(actionItemId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => actionItemsApi.postUpdate(api, actionItemId, body),
    onSuccess: (update: ProgressUpdate) => {
      if (!upsertRecord(queryClient, 'progress-update', update)) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.progressUpdates(actionItemId) });
      }
    },
  });
}
