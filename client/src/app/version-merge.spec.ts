import { describe, expect, it } from '@jest/globals';
import type { ActionItem, EventEnvelope } from '@sidang/shared';
import { QueryObserver } from '@tanstack/react-query';
import { queryKeys } from '../lib/query-keys.ts';
import { applyEnvelope } from '../lib/realtime/cache-apply.ts';
import { CHAIR_ID, COMMITTEE_ID, makeActionItem } from '../test/fixtures.ts';
import { createAppQueryClient } from './providers.tsx';

function envelope(type: EventEnvelope['type'], data: ActionItem | { id: string }, version: number, seq: number): EventEnvelope {
  return {
    seq,
    committeeId: COMMITTEE_ID,
    type,
    entityId: data.id,
    version,
    actorId: CHAIR_ID,
    at: '2025-06-03T00:00:00.000Z',
    data,
  } as EventEnvelope;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A server whose answers are read when a request starts and may be held before they arrive. */
function heldServer(initial: ActionItem[]) {
  let rows = initial;
  const holds: Array<{ release: () => void }> = [];
  let requests = 0;
  return {
    write(next: ActionItem[]) {
      rows = next;
    },
    get requests() {
      return requests;
    },
    /** The first request is held until `release`; later ones answer at once. */
    list(): Promise<ActionItem[]> {
      requests += 1;
      const snapshot = rows;
      if (requests > 1) return Promise.resolve(snapshot);
      const gate = deferred<void>();
      holds.push({ release: () => gate.resolve() });
      return gate.promise.then(() => snapshot);
    },
    releaseAll() {
      for (const hold of holds.splice(0)) hold.release();
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('cache writes merged by version', () => {
  it('should keep a live update when a list fetch that started before it resolves with the older version', async () => {
    const queryClient = createAppQueryClient();
    const key = queryKeys.actionItemList(COMMITTEE_ID, {});
    const item = makeActionItem({ version: 1, title: 'Old title' });
    const server = heldServer([item]);
    queryClient.setQueryData(key, [item]);
    const observer = new QueryObserver(queryClient, { queryKey: key, queryFn: () => server.list(), staleTime: 0 });
    // Subscribing to stale data fetches it: the first request is held open.
    const unsubscribe = observer.subscribe(() => undefined);
    await settle();
    expect(queryClient.getQueryState(key)?.fetchStatus).toBe('fetching');

    // While that fetch is in flight, the server changes the item and creates another, and both events arrive.
    const updated = { ...item, title: 'New title', version: 2 };
    const created = makeActionItem({ title: 'Created meanwhile' });
    server.write([updated, created]);
    applyEnvelope(queryClient, envelope('action-item.updated', updated, 2, 11));
    applyEnvelope(queryClient, envelope('action-item.created', created, 1, 12));

    server.releaseAll();
    for (let i = 0; i < 5; i += 1) await settle();
    const list = queryClient.getQueryData<ActionItem[]>(key) ?? [];
    expect(list.find((entry) => entry.id === item.id)).toMatchObject({ version: 2, title: 'New title' });
    expect(list.map((entry) => entry.id)).toContain(created.id);
    unsubscribe();
  });

  it('should keep a live update when a detail fetch resolves with the older version', async () => {
    const queryClient = createAppQueryClient();
    const item = makeActionItem({ version: 3, title: 'Before' });
    const key = queryKeys.actionItem(item.id);
    queryClient.setQueryData(key, item);
    const held = deferred<ActionItem>();
    const fetching = queryClient.fetchQuery({ queryKey: key, queryFn: () => held.promise, staleTime: 0 });

    applyEnvelope(queryClient, envelope('action-item.updated', { ...item, title: 'After', version: 4 }, 4, 20));
    held.resolve(item);
    await fetching.catch(() => undefined);
    expect(queryClient.getQueryData<ActionItem>(key)).toMatchObject({ version: 4, title: 'After' });
  });

  it('should not bring back a deleted record with a fetch that started before the deletion', async () => {
    const queryClient = createAppQueryClient();
    const key = queryKeys.actionItemList(COMMITTEE_ID, {});
    const item = makeActionItem({ version: 1 });
    const other = makeActionItem();
    queryClient.setQueryData(key, [item, other]);
    const held = deferred<ActionItem[]>();
    const fetching = queryClient.fetchQuery({ queryKey: key, queryFn: () => held.promise, staleTime: 0 });

    applyEnvelope(queryClient, envelope('action-item.deleted', { id: item.id }, 2, 30));
    held.resolve([item, other]);
    await fetching.catch(() => undefined);
    expect(queryClient.getQueryData<ActionItem[]>(key)?.map((entry) => entry.id)).toEqual([other.id]);
  });
});
