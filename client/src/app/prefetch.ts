import type { QueryClient } from '@tanstack/react-query';
import { actionItemsApi } from '../features/action-items/api/action-items-api.ts';
import { authApi } from '../features/auth/api/auth-api.ts';
import { committeesApi } from '../features/committees/api/committees-api.ts';
import type { ApiClient } from '../lib/api/api-client.ts';
import { queryKeys } from '../lib/query-keys.ts';

const ACTION_LIST = /^\/c\/([^/]+)\/actions\/?$/;

/**
 * Starts the first screen's requests from the entry, while the route's chunks are still loading:
 * the page then draws from a cache that is already filling instead of asking once its code has
 * run. Only with a session (the sign-in page asks for nothing). The keys are the ones the pages'
 * hooks use, so they find these queries in flight or answered; anything not prefetched here the
 * pages fetch as before. The action item list always shows the unfiltered list (it names every
 * agency), which is also what an unfiltered page draws. Resolves once every answer is in (or
 * failed).
 */
export function prefetchFirstScreen(queryClient: QueryClient, api: ApiClient, pathname: string, signedIn: boolean): Promise<void> {
  if (!signedIn || pathname === '/login') return Promise.resolve();
  // prefetchQuery never rejects: a failure is the page's to show (its hook asks again).
  const asked = [
    queryClient.prefetchQuery({ queryKey: queryKeys.me, queryFn: () => authApi.me(api) }),
    queryClient.prefetchQuery({ queryKey: queryKeys.committees, queryFn: () => committeesApi.list(api) }),
  ];
  const list = ACTION_LIST.exec(pathname);
  if (list?.[1]) {
    const committeeId = decodeURIComponent(list[1]);
    asked.push(
      queryClient.prefetchQuery({ queryKey: queryKeys.committee(committeeId), queryFn: () => committeesApi.get(api, committeeId) }),
      queryClient.prefetchQuery({
        queryKey: queryKeys.actionItemList(committeeId, {}),
        queryFn: () => actionItemsApi.list(api, committeeId, {}),
      }),
    );
  }
  return Promise.all(asked).then(() => undefined);
}
