import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { QueryClient, type QueryKey, QueryObserver } from '@tanstack/react-query';
import { CHAIR_ID, MEMBER_ID, makeActionItem } from '../../test/fixtures.ts';
import { queryKeys } from '../query-keys.ts';
import {
  bindQueryPersistence,
  forgetPersistedQueryCache,
  PERSIST_MAX_AGE_MS,
  persistKeyFor,
  persistQueryCacheNow,
  removePersistedQueryCache,
  restoreQueryCache,
  saveQueryCache,
} from './query-persistence.ts';

function fakeSession(initial: string | null) {
  let userId = initial;
  const listeners = new Set<() => void>();
  return {
    getUserId: () => userId,
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next: string | null) {
      userId = next;
      for (const listener of listeners) listener();
    },
  };
}

const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Number.POSITIVE_INFINITY } } });

/** A screen showing a query: data in the cache and an observer on it (then the screen closes). */
function open(client: QueryClient, key: QueryKey, data: unknown): void {
  client.setQueryData(key, data);
  const unsubscribe = new QueryObserver(client, { queryKey: key, enabled: false }).subscribe(() => undefined);
  unsubscribe();
}

describe('query persistence', () => {
  beforeEach(() => {
    localStorage.clear();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('should key the saved cache by user id', () => {
    expect(persistKeyFor(CHAIR_ID)).not.toBe(persistKeyFor(MEMBER_ID));
    expect(persistKeyFor(CHAIR_ID)).toContain(CHAIR_ID);
  });

  it('should save what the user opened and restore it into an empty cache', () => {
    const item = makeActionItem({ title: 'Offline copy' });
    const source = newClient();
    source.setQueryData(queryKeys.actionItem(item.id), item);
    source.setQueryData(queryKeys.removedActionItem(item.id), { reason: 'deleted' });
    saveQueryCache(source, localStorage, CHAIR_ID);

    const target = newClient();
    expect(restoreQueryCache(target, localStorage, CHAIR_ID)).toBe(true);
    expect(target.getQueryData(queryKeys.actionItem(item.id))).toEqual(item);
    // Session markers are not records: not kept.
    expect(target.getQueryData(queryKeys.removedActionItem(item.id))).toBeUndefined();
  });

  it('should never restore one user cache for another user', () => {
    const client = newClient();
    client.setQueryData(queryKeys.actionItem('a'), makeActionItem({ title: 'Chair only' }));
    saveQueryCache(client, localStorage, CHAIR_ID);

    const other = newClient();
    expect(restoreQueryCache(other, localStorage, MEMBER_ID)).toBe(false);
    expect(other.getQueryCache().getAll()).toHaveLength(0);

    // Even an entry copied under the other user's key is refused.
    localStorage.setItem(persistKeyFor(MEMBER_ID), localStorage.getItem(persistKeyFor(CHAIR_ID)) ?? '');
    expect(restoreQueryCache(other, localStorage, MEMBER_ID)).toBe(false);
    expect(other.getQueryCache().getAll()).toHaveLength(0);
  });

  it('should drop an entry older than the maximum age', () => {
    const client = newClient();
    client.setQueryData(queryKeys.committees, []);
    saveQueryCache(client, localStorage, CHAIR_ID, 1_000);
    expect(restoreQueryCache(newClient(), localStorage, CHAIR_ID, 1_000 + PERSIST_MAX_AGE_MS + 1)).toBe(false);
    expect(localStorage.getItem(persistKeyFor(CHAIR_ID))).toBeNull();
  });

  it('should follow the signed-in user: save under their key, and drop the other user copy at sign-in', () => {
    jest.useFakeTimers();
    const session = fakeSession(CHAIR_ID);
    const client = newClient();
    const stop = bindQueryPersistence(client, session, localStorage);

    open(client, queryKeys.actionItem('secret'), makeActionItem({ title: 'Chair only', classification: 'SECRET' }));
    jest.advanceTimersByTime(5_000);
    expect(localStorage.getItem(persistKeyFor(CHAIR_ID))).toContain('Chair only');

    // Sign-in of another user: the cache is cleared, then the session changes (as useLogin does).
    client.clear();
    session.set(MEMBER_ID);
    jest.advanceTimersByTime(5_000);
    expect(client.getQueryData(queryKeys.actionItem('secret'))).toBeUndefined();
    // Nothing of the chair stays on a device the member now uses.
    expect(localStorage.getItem(persistKeyFor(CHAIR_ID))).toBeNull();

    open(client, queryKeys.actionItem('mine'), makeActionItem({ title: 'Member item' }));
    jest.advanceTimersByTime(5_000);
    expect(localStorage.getItem(persistKeyFor(MEMBER_ID))).toContain('Member item');
    expect(localStorage.getItem(persistKeyFor(MEMBER_ID))).not.toContain('Chair only');
    stop();
  });

  it('should keep on the device only what a screen showed, not records realtime passed through', () => {
    jest.useFakeTimers();
    const client = newClient();
    const stop = bindQueryPersistence(client, fakeSession(CHAIR_ID), localStorage);
    open(client, queryKeys.actionItemList('c1', {}), [makeActionItem({ title: 'In the list I viewed' })]);
    // A page never opened: filled in by a live event only.
    client.setQueryData(queryKeys.actionItem('never-opened'), makeActionItem({ title: 'Never opened' }));
    jest.advanceTimersByTime(5_000);
    const saved = localStorage.getItem(persistKeyFor(CHAIR_ID)) ?? '';
    expect(saved).toContain('In the list I viewed');
    expect(saved).not.toContain('Never opened');
    stop();
  });

  it('should keep restored queries as opened, and rewrite the device copy at once on request', () => {
    const earlier = newClient();
    earlier.setQueryData(queryKeys.actionItem('kept'), makeActionItem({ title: 'Opened last week' }));
    earlier.setQueryData(queryKeys.actionItem('dropped'), makeActionItem({ title: 'No longer mine' }));
    saveQueryCache(earlier, localStorage, CHAIR_ID);

    const client = newClient();
    const stop = bindQueryPersistence(client, fakeSession(CHAIR_ID), localStorage);
    expect(client.getQueryData(queryKeys.actionItem('dropped'))).toBeDefined();
    client.removeQueries({ queryKey: queryKeys.actionItem('dropped') });
    persistQueryCacheNow(client);
    const saved = localStorage.getItem(persistKeyFor(CHAIR_ID)) ?? '';
    expect(saved).toContain('Opened last week');
    expect(saved).not.toContain('No longer mine');
    forgetPersistedQueryCache(client);
    expect(localStorage.getItem(persistKeyFor(CHAIR_ID))).toBeNull();
    stop();
  });

  it('should remove one user entry, or all of them', () => {
    localStorage.setItem(persistKeyFor(CHAIR_ID), '{}');
    localStorage.setItem(persistKeyFor(MEMBER_ID), '{}');
    localStorage.setItem('sidang.locale', 'ms');
    removePersistedQueryCache(localStorage, CHAIR_ID);
    expect(localStorage.getItem(persistKeyFor(CHAIR_ID))).toBeNull();
    expect(localStorage.getItem(persistKeyFor(MEMBER_ID))).toBe('{}');
    removePersistedQueryCache(localStorage);
    expect(localStorage.getItem(persistKeyFor(MEMBER_ID))).toBeNull();
    expect(localStorage.getItem('sidang.locale')).toBe('ms');
  });
});
