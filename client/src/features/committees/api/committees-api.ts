import type { Committee, Member } from '@sidang/shared';
import type { ApiClient } from '../../../lib/api/api-client.ts';

const enc = encodeURIComponent;

export const committeesApi = {
  list: (api: ApiClient) => api.get<Committee[]>('/api/committees'),
  get: (api: ApiClient, committeeId: string) => api.get<Committee>(`/api/committees/${enc(committeeId)}`),
  members: (api: ApiClient, committeeId: string) => api.get<Member[]>(`/api/committees/${enc(committeeId)}/members`),
};
