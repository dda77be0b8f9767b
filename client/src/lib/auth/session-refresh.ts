import type { LoginResponse } from '@sidang/shared';
import { authStore } from './auth-store.ts';

/** Refresh this long before the access token runs out. */
export const REFRESH_AHEAD_MS = 60_000;

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

let inFlight: Promise<boolean> | null = null;

/** Serialises refreshes across tabs where the browser can (a refresh token works only once). */
function withTabLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? (locks.request('sidang.refresh', work) as Promise<T>) : work();
}

/**
 * Trades the stored refresh token for a new session; true when there is one afterwards. One
 * refresh at a time (in this tab and, with Web Locks, across tabs); a tab that finds another has
 * just refreshed uses that. A refused refresh token ends the session here.
 */
export function refreshSession(fetchImpl: FetchLike = (input, init) => globalThis.fetch(input, init), baseUrl = ''): Promise<boolean> {
  if (inFlight) return inFlight;
  const staleToken = authStore.getToken();
  inFlight = withTabLock(async () => {
    authStore.reload();
    if (authStore.getToken() !== staleToken && authStore.getToken()) return true;
    const refreshToken = authStore.getRefreshToken();
    if (!refreshToken) return false;
    try {
      const response = await fetchImpl(`${baseUrl}/api/auth/refresh`, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
      if (!response.ok) {
        if (response.status === 401) authStore.clear();
        return false;
      }
      authStore.setSession((await response.json()) as LoginResponse);
      return true;
    } catch {
      // Offline: keep the session; the next request or timer tries again.
      return false;
    }
  }).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

let timer: ReturnType<typeof setTimeout> | undefined;
let stopKeeping: (() => void) | undefined;

/**
 * Keeps the access token fresh: refreshes a minute before it runs out, rescheduled whenever the
 * session changes. Started once per page; calling it again returns the same stop function.
 */
export function keepSessionFresh(fetchImpl?: FetchLike): () => void {
  if (stopKeeping) return stopKeeping;
  const schedule = () => {
    clearTimeout(timer);
    const expiresAt = authStore.getExpiresAt();
    if (!authStore.getToken() || !authStore.getRefreshToken() || expiresAt === null) return;
    const delay = Math.max(0, expiresAt - Date.now() - REFRESH_AHEAD_MS - Math.random() * 5_000);
    timer = setTimeout(() => void refreshSession(fetchImpl), Math.min(delay, 2 ** 31 - 1));
  };
  schedule();
  const unsubscribe = authStore.subscribe(schedule);
  stopKeeping = () => {
    unsubscribe();
    clearTimeout(timer);
    stopKeeping = undefined;
  };
  return stopKeeping;
}
