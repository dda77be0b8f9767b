import type { FetchStatus } from '@tanstack/react-query';

/** What a page shows for its main query. */
export type ViewState = 'pending' | 'offline' | 'error' | 'success';

/**
 * Data wins: a cached (or restored) copy stays on screen when a refetch fails or the network is
 * down. Only with nothing to show is it an error, or "offline, not opened here yet".
 */
export function viewStateOf(query: { data: unknown; isError: boolean; fetchStatus: FetchStatus }): ViewState {
  if (query.data !== undefined) return 'success';
  if (query.isError) return 'error';
  if (query.fetchStatus === 'paused') return 'offline';
  return 'pending';
}
