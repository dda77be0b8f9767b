import { describe, expect, it } from '@jest/globals';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { waitFor } from '@testing-library/react';
import { actionItemsApi } from '../features/action-items/api/action-items-api.ts';
import { createApiClient } from '../lib/api/api-client.ts';
import { queryKeys } from '../lib/query-keys.ts';
import { jsonResponse } from '../test/fixtures.ts';
import { prefetchFirstScreen } from './prefetch.ts';

function setUp() {
  const requested: string[] = [];
  const api = createApiClient({
    getToken: () => 't',
    fetch: async (input: string) => {
      requested.push(new URL(input, 'http://app.test').pathname);
      return jsonResponse(200, []);
    },
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 30_000 } } });
  return { api, queryClient, requested };
}

describe('prefetchFirstScreen', () => {
  it('asks for the action item list page’s data from the entry, under the keys the page reads', async () => {
    const { api, queryClient, requested } = setUp();
    prefetchFirstScreen(queryClient, api, '/c/c%201/actions', true);
    await waitFor(() =>
      expect([...requested].sort()).toEqual(
        ['/api/auth/me', '/api/committees', '/api/committees/c%201', '/api/committees/c%201/action-items'].sort(),
      ),
    );
    // The page's own query (an unfiltered list) finds it and asks nothing more.
    const observer = new QueryObserver(queryClient, {
      queryKey: queryKeys.actionItemList('c 1', {}),
      queryFn: () => actionItemsApi.list(api, 'c 1', {}),
    });
    const unsubscribe = observer.subscribe(() => undefined);
    await waitFor(() => expect(observer.getCurrentResult().data).toEqual([]));
    unsubscribe();
    expect(requested).toHaveLength(4);
  });

  it('asks for nothing without a session or on the sign-in page, and only the shell’s data elsewhere', async () => {
    const { api, queryClient, requested } = setUp();
    prefetchFirstScreen(queryClient, api, '/c/c1/actions', false);
    prefetchFirstScreen(queryClient, api, '/login', true);
    prefetchFirstScreen(queryClient, api, '/c/c1/actions/new', true);
    await waitFor(() => expect([...requested].sort()).toEqual(['/api/auth/me', '/api/committees']));
  });

  it('resolves once the answers are in, at once when the device holds a copy of each', async () => {
    const held: Array<() => void> = [];
    const api = createApiClient({
      getToken: () => 't',
      fetch: () => new Promise<Response>((resolve) => held.push(() => resolve(jsonResponse(200, [])))),
    });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 0 } } });
    let done = false;
    void prefetchFirstScreen(queryClient, api, '/c/c1/actions', true).then(() => (done = true));
    await waitFor(() => expect(held).toHaveLength(4));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toBe(false);
    for (const release of held) release();
    await waitFor(() => expect(done).toBe(true));

    // A second load with every answer on the device (stale, so asked again): no waiting for them.
    held.length = 0;
    let again = false;
    void prefetchFirstScreen(queryClient, api, '/c/c1/actions', true).then(() => (again = true));
    await waitFor(() => expect(again).toBe(true));
    expect(held).toHaveLength(4);
    for (const release of held) release();
  });
});
