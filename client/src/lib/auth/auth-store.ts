import { useSyncExternalStore } from 'react';

export const TOKEN_STORAGE_KEY = 'sidang.token';
/** Whose session it is: the offline cache is keyed by it, and it must be known before any request. */
export const USER_STORAGE_KEY = 'sidang.userId';
/** The refresh token (works once) and when the access token runs out (ms since the epoch). */
export const REFRESH_STORAGE_KEY = 'sidang.refreshToken';
export const EXPIRES_STORAGE_KEY = 'sidang.expiresAt';

type Listener = () => void;
const listeners = new Set<Listener>();

function read(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, value);
  } catch {
    // Storage unavailable: the session lasts until the tab closes.
  }
}

let token: string | null = read(TOKEN_STORAGE_KEY);
let userId: string | null = token ? read(USER_STORAGE_KEY) : null;
let refreshToken: string | null = token ? read(REFRESH_STORAGE_KEY) : null;
let expiresAt: number | null = token ? Number(read(EXPIRES_STORAGE_KEY)) || null : null;

/** What the server answers to a sign-in or a refresh. */
export interface SessionTokens {
  accessToken: string;
  refreshToken?: string;
  expiresAt?: string;
  user: { id: string };
}

function emit(): void {
  for (const listener of listeners) listener();
}

/** The bearer token and id of the signed-in user, kept in localStorage across reloads. */
export const authStore = {
  getToken(): string | null {
    return token;
  },
  /** Null for a session from before ids were stored, until the profile has loaded. */
  getUserId(): string | null {
    return userId;
  },
  setToken(next: string, nextUserId?: string): void {
    token = next;
    write(TOKEN_STORAGE_KEY, next);
    if (nextUserId !== undefined) {
      userId = nextUserId;
      write(USER_STORAGE_KEY, nextUserId);
    }
    emit();
  },
  getRefreshToken(): string | null {
    return refreshToken;
  },
  /** When the access token runs out (ms since the epoch), if known. */
  getExpiresAt(): number | null {
    return expiresAt;
  },
  /** Stores a whole session: access token, refresh token, expiry and whose it is. */
  setSession(session: SessionTokens): void {
    refreshToken = session.refreshToken ?? null;
    expiresAt = session.expiresAt ? Date.parse(session.expiresAt) || null : null;
    write(REFRESH_STORAGE_KEY, refreshToken);
    write(EXPIRES_STORAGE_KEY, expiresAt === null ? null : String(expiresAt));
    authStore.setToken(session.accessToken, session.user.id);
  },
  /** Re-reads the session another tab may have refreshed. */
  reload(): void {
    token = read(TOKEN_STORAGE_KEY);
    userId = token ? read(USER_STORAGE_KEY) : null;
    refreshToken = token ? read(REFRESH_STORAGE_KEY) : null;
    expiresAt = token ? Number(read(EXPIRES_STORAGE_KEY)) || null : null;
    emit();
  },
  /** Records whose session this is, when the token was stored without it. */
  setUserId(next: string): void {
    if (next === userId) return;
    userId = next;
    write(USER_STORAGE_KEY, next);
    emit();
  },
  clear(): void {
    token = null;
    userId = null;
    refreshToken = null;
    expiresAt = null;
    write(TOKEN_STORAGE_KEY, null);
    write(USER_STORAGE_KEY, null);
    write(REFRESH_STORAGE_KEY, null);
    write(EXPIRES_STORAGE_KEY, null);
    emit();
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

// Another tab signing in or out changes this tab too.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === TOKEN_STORAGE_KEY || event.key === USER_STORAGE_KEY || event.key === REFRESH_STORAGE_KEY) authStore.reload();
  });
}

export function useAuthToken(): string | null {
  return useSyncExternalStore(authStore.subscribe, authStore.getToken, authStore.getToken);
}
