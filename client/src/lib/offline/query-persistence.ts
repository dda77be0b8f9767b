import { type DehydratedState, dehydrate, hydrate, type Query, type QueryClient } from '@tanstack/react-query';
import { isPersistedQueryKey } from '../query-keys.ts';

/**
 * Keeps what a user has opened (minutes, agendas, their actions …) readable offline: the
 * queries a screen has shown (lists and pages viewed, not records realtime merely passed
 * through) are saved to localStorage under a key per user, and restored at start. A user
 * signing in drops every other user's entry; signing out deletes their own. When the server
 * says the user may see less, the entry is rewritten at once (`persistQueryCacheNow`).
 *
 * Written here rather than with @tanstack/react-query-persist-client: no release of it matches
 * the installed @tanstack/react-query, and a mismatched one brings a second query-core.
 */

export const PERSIST_KEY_PREFIX = 'sidang.cache.';
/** Bump when cached shapes change incompatibly: older entries are then dropped, not restored. */
export const PERSIST_BUSTER = '1';
/** An entry older than this is not restored (and cached queries are kept in memory as long). */
export const PERSIST_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
const SAVE_THROTTLE_MS = 1000;

export type PersistStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

interface PersistedCache {
  buster: string;
  userId: string;
  savedAt: number;
  state: DehydratedState;
}

export function persistKeyFor(userId: string): string {
  return `${PERSIST_KEY_PREFIX}${userId}`;
}

/** localStorage, or undefined where there is none or it may not be used (private mode). */
export function defaultPersistStorage(): PersistStorage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** Writes the user's successful, persistable queries (of those, only the ones `include` accepts). */
export function saveQueryCache(
  queryClient: QueryClient,
  storage: PersistStorage,
  userId: string,
  now = Date.now(),
  include: (query: Query) => boolean = () => true,
): void {
  const state = dehydrate(queryClient, {
    shouldDehydrateQuery: (query) => query.state.status === 'success' && isPersistedQueryKey(query.queryKey) && include(query),
    shouldDehydrateMutation: () => false,
  });
  const entry: PersistedCache = { buster: PERSIST_BUSTER, userId, savedAt: now, state };
  try {
    storage.setItem(persistKeyFor(userId), JSON.stringify(entry));
  } catch {
    // Quota exceeded: a stale partial copy would mislead more than none.
    removePersistedQueryCache(storage, userId);
  }
}

/** Loads the user's saved queries into the cache; false when there is nothing usable. */
export function restoreQueryCache(queryClient: QueryClient, storage: PersistStorage, userId: string, now = Date.now()): boolean {
  let entry: PersistedCache | undefined;
  try {
    const text = storage.getItem(persistKeyFor(userId));
    entry = text ? (JSON.parse(text) as PersistedCache) : undefined;
  } catch {
    entry = undefined;
  }
  if (!entry) return false;
  // The owner check guards against a copied or tampered entry; age and buster against stale shapes.
  if (entry.userId !== userId || entry.buster !== PERSIST_BUSTER || now - entry.savedAt > PERSIST_MAX_AGE_MS || !entry.state) {
    removePersistedQueryCache(storage, userId);
    return false;
  }
  hydrate(queryClient, entry.state);
  return true;
}

/** The queries of a saved entry, by hash (what was opened in an earlier session). */
function savedQueryHashes(storage: PersistStorage, userId: string): string[] {
  try {
    const text = storage.getItem(persistKeyFor(userId));
    const entry = text ? (JSON.parse(text) as PersistedCache) : undefined;
    return entry?.state?.queries?.map((query) => query.queryHash) ?? [];
  } catch {
    return [];
  }
}

/** Deletes every saved cache but this user's. */
export function removeOtherUsersCaches(storage: PersistStorage, userId: string): void {
  try {
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i += 1) {
      const key = storage.key(i);
      if (key?.startsWith(PERSIST_KEY_PREFIX) && key !== persistKeyFor(userId)) keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
  } catch {
    // Nothing that can be done about a storage that refuses.
  }
}

/** The running persistence of each QueryClient, for writes that cannot wait for the throttle. */
const running = new WeakMap<QueryClient, { saveNow: () => void; forget: () => void }>();

/**
 * Saves the cache now (what was removed from memory leaves the device with it), instead of
 * at the next throttled save. Does nothing where persistence is not running.
 */
export function persistQueryCacheNow(queryClient: QueryClient): void {
  running.get(queryClient)?.saveNow();
}

/** Deletes the signed-in user's saved cache and saves nothing more of this session. */
export function forgetPersistedQueryCache(queryClient: QueryClient): void {
  running.get(queryClient)?.forget();
}

/** Deletes one user's saved cache, or, without a user, every user's. */
export function removePersistedQueryCache(storage: PersistStorage, userId?: string): void {
  try {
    if (userId !== undefined) {
      storage.removeItem(persistKeyFor(userId));
      return;
    }
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i += 1) {
      const key = storage.key(i);
      if (key?.startsWith(PERSIST_KEY_PREFIX)) keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
  } catch {
    // Nothing that can be done about a storage that refuses.
  }
}

/**
 * Restores the user's cache, then saves it (throttled) whenever queries change, and once more
 * when the page is hidden. The returned stop function drops a pending save instead of writing
 * it: stopping happens on a change of user, when the cache may already be another user's.
 */
export function startQueryPersistence(options: {
  queryClient: QueryClient;
  storage: PersistStorage;
  userId: string;
  throttleMs?: number;
}): () => void {
  const { queryClient, storage, userId } = options;
  const throttleMs = options.throttleMs ?? SAVE_THROTTLE_MS;
  // What a screen has shown: restored entries were, and every query an observer watches is.
  const opened = new Set<string>();
  if (restoreQueryCache(queryClient, storage, userId)) for (const hash of savedQueryHashes(storage, userId)) opened.add(hash);
  for (const query of queryClient.getQueryCache().getAll()) if (query.getObserversCount() > 0) opened.add(query.queryHash);

  let forgotten = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    timer = undefined;
    if (!forgotten) saveQueryCache(queryClient, storage, userId, Date.now(), (query) => opened.has(query.queryHash));
  };
  const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
    if (event.type === 'observerAdded') opened.add(event.query.queryHash);
    if (event.type === 'removed') opened.delete(event.query.queryHash);
    if (event.type !== 'added' && event.type !== 'removed' && event.type !== 'updated' && event.type !== 'observerAdded') return;
    timer ??= setTimeout(save, throttleMs);
  });
  running.set(queryClient, {
    saveNow: () => {
      clearTimeout(timer);
      save();
    },
    forget: () => {
      clearTimeout(timer);
      timer = undefined;
      forgotten = true;
      removePersistedQueryCache(storage, userId);
    },
  });
  const flush = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    save();
  };
  const win = typeof window === 'undefined' ? undefined : window;
  win?.addEventListener('pagehide', flush);

  return () => {
    clearTimeout(timer);
    timer = undefined;
    unsubscribe();
    running.delete(queryClient);
    win?.removeEventListener('pagehide', flush);
  };
}

interface SessionSource {
  getUserId(): string | null;
  subscribe(listener: () => void): () => void;
}

/** Runs persistence for whoever is signed in, switching entries when the user changes. */
export function bindQueryPersistence(queryClient: QueryClient, session: SessionSource, storage: PersistStorage | undefined): () => void {
  if (!storage) return () => undefined;
  let current: { userId: string; stop: () => void } | null = null;
  const sync = () => {
    const userId = session.getUserId();
    if (current?.userId === userId) return;
    current?.stop();
    // A device keeps the offline copy of the user signed in on it, and of nobody else.
    if (userId) removeOtherUsersCaches(storage, userId);
    current = userId ? { userId, stop: startQueryPersistence({ queryClient, storage, userId }) } : null;
  };
  sync();
  const unsubscribe = session.subscribe(sync);
  return () => {
    unsubscribe();
    current?.stop();
    current = null;
  };
}
