import { useSyncExternalStore } from 'react';

export const TOKEN_STORAGE_KEY = 'sidang.token';

type Listener = () => void;
const listeners = new Set<Listener>();

function read(): string | null {
  try {
    return globalThis.localStorage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

let token: string | null = read();

function emit(): void {
  for (const listener of listeners) listener();
}

/** The bearer token of the signed-in user, kept in localStorage across reloads. */
export const authStore = {
  getToken(): string | null {
    return token;
  },
  setToken(next: string): void {
    token = next;
    try {
      globalThis.localStorage?.setItem(TOKEN_STORAGE_KEY, next);
    } catch {
      // Storage unavailable: the session lasts until the tab closes.
    }
    emit();
  },
  clear(): void {
    token = null;
    try {
      globalThis.localStorage?.removeItem(TOKEN_STORAGE_KEY);
    } catch {
      // Nothing to clear.
    }
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
    if (event.key === TOKEN_STORAGE_KEY) {
      token = event.newValue;
      emit();
    }
  });
}

export function useAuthToken(): string | null {
  return useSyncExternalStore(authStore.subscribe, authStore.getToken, authStore.getToken);
}
