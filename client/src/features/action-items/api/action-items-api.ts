import type { ActionItem, CreateActionItem, ProgressUpdate, UpdateActionItem } from '@sidang/shared';
import type { ApiClient } from '../../../lib/api/api-client.ts';
import type { ActionItemListFilters } from '../../../lib/query-keys.ts';

const enc = encodeURIComponent;

export const actionItemsApi = {
  list: (api: ApiClient, committeeId: string, filters: ActionItemListFilters) =>
    api.get<ActionItem[]>(`/api/committees/${enc(committeeId)}/action-items`, {
      status: filters.status,
      owner: filters.owner,
      agency: filters.agency,
      overdue: filters.overdue ? 'true' : undefined,
    }),
  get: (api: ApiClient, id: string) => api.get<ActionItem>(`/api/action-items/${enc(id)}`),
  create: (api: ApiClient, committeeId: string, body: CreateActionItem) =>
    api.post<ActionItem>(`/api/committees/${enc(committeeId)}/action-items`, body),
  update: (api: ApiClient, id: string, body: UpdateActionItem) => api.patch<ActionItem>(`/api/action-items/${enc(id)}`, body),
  remove: (api: ApiClient, id: string, version: number) => api.delete(`/api/action-items/${enc(id)}`, { version }),
  updates: (api: ApiClient, id: string) => api.get<ProgressUpdate[]>(`/api/action-items/${enc(id)}/updates`),
  postUpdate: (api: ApiClient, id: string, body: string) => api.post<ProgressUpdate>(`/api/action-items/${enc(id)}/updates`, { body }),
};
