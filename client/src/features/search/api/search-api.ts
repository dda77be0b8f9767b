import type { SearchableType, SearchResponse } from '@sidang/shared';
import type { ApiClient } from '../../../lib/api/api-client.ts';

export interface SearchParams {
  q: string;
  types: readonly SearchableType[];
  committeeId?: string;
}

export const searchApi = {
  search: (api: ApiClient, params: SearchParams, signal?: AbortSignal) =>
    api.get<SearchResponse>(
      '/api/search',
      {
        q: params.q,
        committeeId: params.committeeId,
        types: params.types.length > 0 ? [...params.types].sort().join(',') : undefined,
      },
      { signal },
    ),
};
