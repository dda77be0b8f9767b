import { SEARCH_QUERY_MAX, SEARCH_QUERY_MIN, type SearchableType } from '@sidang/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../lib/api/api-context.tsx';
import { useDebounced } from '../../../lib/use-debounced.ts';
import { searchApi } from '../api/search-api.ts';

/** How long typing must pause before a search is sent. */
export const SEARCH_DEBOUNCE_MS = 250;

/** What is sent for a typed text: trimmed, single spaces, at most the server's maximum. */
export function normalizeQuery(text: string): string {
  return text.trim().replace(/\s+/g, ' ').slice(0, SEARCH_QUERY_MAX).trim();
}

/**
 * Results as you type: debounced, one cached query per (words, types); a query whose words
 * changed before it answered is aborted (TanStack Query's signal), and the previous results
 * stay on screen until the new ones arrive.
 */
export function useSearch(text: string, types: readonly SearchableType[], committeeId?: string) {
  const api = useApi();
  const typed = normalizeQuery(text);
  const q = useDebounced(typed, SEARCH_DEBOUNCE_MS);
  const sortedTypes = [...types].sort();
  const enabled = q.length >= SEARCH_QUERY_MIN;
  const query = useQuery({
    queryKey: ['search', q, sortedTypes, committeeId ?? null] as const,
    queryFn: ({ signal }) => searchApi.search(api, { q, types: sortedTypes, ...(committeeId ? { committeeId } : {}) }, signal),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
    retry: false,
  });
  return {
    ...query,
    /** True while the typed text has not been searched yet (debounce or request in flight). */
    pending: typed.length >= SEARCH_QUERY_MIN && (typed !== q || query.isFetching),
    /** Whether enough has been typed to search. */
    searchable: typed.length >= SEARCH_QUERY_MIN,
    items: enabled && typed.length >= SEARCH_QUERY_MIN ? (query.data?.items ?? []) : [],
  };
}
