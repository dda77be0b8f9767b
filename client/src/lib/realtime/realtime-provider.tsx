import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { authStore } from '../auth/auth-store.ts';
import { type ConnectionState, startRealtime } from './realtime-client.ts';

const ConnectionContext = createContext<ConnectionState>('connecting');

interface RealtimeProviderProps {
  token: string;
  committeeIds: readonly string[];
  children: ReactNode;
}

/** Runs the socket for the signed-in user and exposes its connection state. */
export function RealtimeProvider({ token, committeeIds, children }: RealtimeProviderProps) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [state, setState] = useState<ConnectionState>('connecting');
  // Survives committee-list changes, so a re-created connection catches up instead of reloading.
  const lastSeqs = useRef(new Map<string, number>());
  const idsKey = [...committeeIds].sort().join(',');

  useEffect(() => {
    if (!idsKey) return undefined;
    return startRealtime({
      token,
      committeeIds: idsKey.split(','),
      api,
      queryClient,
      lastSeqs: lastSeqs.current,
      onStateChange: setState,
      onUnauthorized: () => authStore.clear(),
    });
  }, [token, idsKey, api, queryClient]);

  return <ConnectionStateProvider state={state}>{children}</ConnectionStateProvider>;
}

/** Provides a connection state: the realtime provider's own, or a fixed one (tests, previews). */
export function ConnectionStateProvider({ state, children }: { state: ConnectionState; children: ReactNode }) {
  return <ConnectionContext.Provider value={state}>{children}</ConnectionContext.Provider>;
}

export function useConnectionState(): ConnectionState {
  return useContext(ConnectionContext);
}
