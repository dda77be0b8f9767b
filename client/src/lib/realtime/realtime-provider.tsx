import type { Classification, Committee, PresenceAck, PresenceUpdate, PresentUser, Role } from '@sidang/shared';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { afterNextPaint } from '../after-next-paint.ts';
import { useApi } from '../api/api-context.tsx';
import { authStore } from '../auth/auth-store.ts';
import { queryKeys } from '../query-keys.ts';
import type { AccessNotice, CommitteeState, ConnectionState, RealtimeSocket, startRealtime } from './realtime-client.ts';

/** An access change as the UI tells it: the committee's names read before its caches went. */
export interface ShownAccessNotice {
  key: number;
  reason: AccessNotice['reason'];
  committee?: Pick<Committee, 'code' | 'name' | 'nameMs'>;
  clearance?: Classification;
  role?: Role;
}

interface RealtimeStatus {
  connection: ConnectionState;
  committees: ReadonlyMap<string, CommitteeState>;
  notices: readonly ShownAccessNotice[];
  dismiss: (key: number) => void;
  /** The server speaks another wire protocol: Sidang was updated and this page must be reloaded. */
  outdated: boolean;
}

/** The live socket, for what is not a committee's stream (presence on a meeting page). */
const SocketContext = createContext<RealtimeSocket | null>(null);

const noCommittees: ReadonlyMap<string, CommitteeState> = new Map();
const RealtimeContext = createContext<RealtimeStatus>({
  connection: 'connecting',
  committees: noCommittees,
  notices: [],
  dismiss: () => undefined,
  outdated: false,
});

function committeeNames(queryClient: QueryClient, committeeId: string | null): ShownAccessNotice['committee'] {
  if (!committeeId) return undefined;
  const committee =
    queryClient.getQueryData<Committee>(queryKeys.committee(committeeId)) ??
    queryClient.getQueryData<Committee[]>(queryKeys.committees)?.find((entry) => entry.id === committeeId);
  return committee ? { code: committee.code, name: committee.name, nameMs: committee.nameMs } : undefined;
}

interface RealtimeProviderProps {
  token: string;
  committeeIds: readonly string[];
  children: ReactNode;
  /** The socket to use instead of the default one (tests). */
  createSocket?: (token: string) => RealtimeSocket;
  /** Serve this socket below the user's clearance (a projector): the server lowers its rooms. */
  viewLevel?: Classification;
}

/** Runs the socket for the signed-in user and exposes its connection state and access changes. */
export function RealtimeProvider({ token, committeeIds, children, createSocket, viewLevel }: RealtimeProviderProps) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [state, setState] = useState<ConnectionState>('connecting');
  const [committees, setCommittees] = useState<ReadonlyMap<string, CommitteeState>>(noCommittees);
  const [notices, setNotices] = useState<ShownAccessNotice[]>([]);
  const [outdated, setOutdated] = useState(false);
  const nextKey = useRef(0);
  // Survives committee-list changes, so a re-created connection catches up instead of reloading.
  const lastSeqs = useRef(new Map<string, number>());
  const idsKey = [...committeeIds].sort().join(',');
  const [socket, setSocket] = useState<RealtimeSocket | null>(null);

  useEffect(() => {
    if (!idsKey) return undefined;
    let stop: (() => void) | undefined;
    let cancelled = false;
    const start = (run: typeof startRealtime, makeSocket: (token: string) => RealtimeSocket) => {
      stop = run({
        token,
        committeeIds: idsKey.split(','),
        api,
        queryClient,
        lastSeqs: lastSeqs.current,
        onStateChange: setState,
        onCommitteeStateChange: (committeeId, committeeState) =>
          setCommittees((current) => new Map(current).set(committeeId, committeeState)),
        onAccessChanged: (notice) => {
          nextKey.current += 1;
          const shown: ShownAccessNotice = {
            key: nextKey.current,
            reason: notice.reason,
            committee: committeeNames(queryClient, notice.committeeId),
            clearance: 'clearance' in notice ? notice.clearance : undefined,
            role: 'role' in notice ? notice.role : undefined,
          };
          setNotices((current) => [...current, shown]);
        },
        // Every change of a committee is a line in its activity: the feed and histories on screen
        // refresh, and so does a home (what is mine, what changed), whose server-side read decides.
        onApply: (envelope) => {
          void queryClient.invalidateQueries({ queryKey: queryKeys.activityAll(envelope.committeeId) });
          void queryClient.invalidateQueries({ queryKey: queryKeys.homeAll });
        },
        onUnauthorized: () => authStore.clear(),
        onOutdated: () => setOutdated(true),
        // The same socket is shared with presence.
        createSocket: (socketToken) => {
          const created = makeSocket(socketToken);
          setSocket(created);
          return created;
        },
      });
    };
    // The realtime client and the socket library load once the page has painted what it drew
    // from the API (and the device's copy): neither is needed to draw it, and fetched before the
    // paint they would share the network with it.
    void afterNextPaint()
      .then(() => import('./realtime-client.ts'))
      .then(async (realtime) => ({
        run: realtime.startRealtime,
        makeSocket: createSocket ?? (await realtime.loadSocketFactory(viewLevel)),
      }))
      .then(
        ({ run, makeSocket }) => {
          if (!cancelled) start(run, makeSocket);
        },
        () => {
          if (!cancelled) setState('offline');
        },
      );
    return () => {
      cancelled = true;
      setSocket(null);
      stop?.();
    };
  }, [token, idsKey, api, queryClient, createSocket, viewLevel]);

  const dismiss = useCallback((key: number) => setNotices((current) => current.filter((notice) => notice.key !== key)), []);
  const value = useMemo(
    () => ({ connection: state, committees, notices, dismiss, outdated }),
    [state, committees, notices, dismiss, outdated],
  );
  return (
    <RealtimeContext.Provider value={value}>
      <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>
    </RealtimeContext.Provider>
  );
}

/**
 * Who is on a meeting's page right now: joins on connect (and again after a reconnect), follows
 * the meeting's `presence` updates and leaves on unmount. `undefined` while unknown or refused.
 */
export function usePresence(meetingId: string | undefined): readonly PresentUser[] | undefined {
  const socket = useContext(SocketContext);
  const [present, setPresent] = useState<readonly PresentUser[] | undefined>(undefined);
  useEffect(() => {
    setPresent(undefined);
    if (!socket || !meetingId) return undefined;
    let active = true;
    const join = () => {
      socket.emit('presence:join', { meetingId }, (ack: PresenceAck) => {
        if (active) setPresent(ack.ok ? ack.present : undefined);
      });
    };
    const onPresence = (update: PresenceUpdate) => {
      if (active && update.meetingId.toLowerCase() === meetingId.toLowerCase()) setPresent(update.present);
    };
    // Offline, the list is no longer known; it comes back with the join after the reconnect.
    const onDisconnect = () => {
      if (active) setPresent(undefined);
    };
    socket.on('connect', join);
    socket.on('disconnect', onDisconnect);
    socket.on('presence', onPresence);
    if (socket.connected) join();
    return () => {
      active = false;
      socket.off('connect', join);
      socket.off('disconnect', onDisconnect);
      socket.off('presence', onPresence);
      if (socket.connected) socket.emit('presence:leave', { meetingId }, () => undefined);
    };
  }, [socket, meetingId]);
  return present;
}

/** Provides a connection state: the realtime provider's own, or a fixed one (tests, previews). */
export function ConnectionStateProvider({
  state,
  committees = noCommittees,
  notices = [],
  dismiss = () => undefined,
  outdated = false,
  children,
}: {
  state: ConnectionState;
  committees?: ReadonlyMap<string, CommitteeState>;
  notices?: readonly ShownAccessNotice[];
  dismiss?: (key: number) => void;
  outdated?: boolean;
  children: ReactNode;
}) {
  const value = useMemo(
    () => ({ connection: state, committees, notices, dismiss, outdated }),
    [state, committees, notices, dismiss, outdated],
  );
  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}

export function useConnectionState(): ConnectionState {
  return useContext(RealtimeContext).connection;
}

/** One committee's stream state, once realtime has reported it. */
export function useCommitteeSyncState(committeeId: string | undefined): CommitteeState | undefined {
  const { committees } = useContext(RealtimeContext);
  return committeeId ? committees.get(committeeId) : undefined;
}

/** Access changes not yet dismissed, oldest first. */
export function useAccessNotices(): { notices: readonly ShownAccessNotice[]; dismiss: (key: number) => void } {
  const { notices, dismiss } = useContext(RealtimeContext);
  return { notices, dismiss };
}

/** Whether the server refused this page's wire protocol (Sidang was updated: reload). */
export function useProtocolOutdated(): boolean {
  return useContext(RealtimeContext).outdated;
}

/** The app's socket, for channels beside the committee streams (minutes co-editing); null while there is none. */
export function useRealtimeSocket(): RealtimeSocket | null {
  return useContext(SocketContext);
}
