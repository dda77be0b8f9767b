import type { QueryClient, QueryKey } from '@tanstack/react-query';
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
 * agency), which is also what an unfiltered page draws. Resolves once every answer the device
 * had no copy of is in (or failed): until then the first screen would have nothing to draw.
 */
export function prefetchFirstScreen(queryClient: QueryClient, api: ApiClient, pathname: string, signedIn: boolean): Promise<void> {
  if (!signedIn || pathname === '/login') return Promise.resolve();
  /** Waited for only when the device has no copy to draw from meanwhile. */
  const waitFor: Promise<void>[] = [];
  const ask = <T>(queryKey: QueryKey, queryFn: () => Promise<T>) => {
    const onDevice = queryClient.getQueryData(queryKey) !== undefined;
    // prefetchQuery never rejects: a failure is the page's to show (its hook asks again).
    const asked = queryClient.prefetchQuery({ queryKey, queryFn });
    if (!onDevice) waitFor.push(asked);
  };
  ask(queryKeys.me, () => authApi.me(api));
  ask(queryKeys.committees, () => committeesApi.list(api));
  const list = ACTION_LIST.exec(pathname);
  if (list?.[1]) {
    const committeeId = decodeURIComponent(list[1]);
    ask(queryKeys.committee(committeeId), () => committeesApi.get(api, committeeId));
    ask(queryKeys.actionItemList(committeeId, {}), () => actionItemsApi.list(api, committeeId, {}));
  }
  return Promise.all(waitFor).then(() => undefined);
}
