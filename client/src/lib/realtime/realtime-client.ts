import type { AccessChanged, Classification, ClientToServerEvents, EventEnvelope, ServerToClientEvents } from '@sidang/shared';
import { isProtocolMismatch, PROTOCOL_VERSION } from '@sidang/shared/constants';
import type { QueryClient } from '@tanstack/react-query';
import type { Socket } from 'socket.io-client';
import { type ApiClient, isApiError } from '../api/api-client.ts';
import { purgeAll, purgeCommittee } from './access-purge.ts';
import { applyAccessChange } from './realtime-access.ts';
import { catchUpCommittee, createCommitteeSyncs } from './realtime-committees.ts';
import { createRetry, isAuthRefusal } from './realtime-connection.ts';

export type ConnectionState = 'connecting' | 'catching-up' | 'live' | 'offline';
/** One committee's stream: `no-access` once the server refused it or removed the user from it. */
export type CommitteeState = 'catching-up' | 'live' | 'no-access';
/** What the server said about the user's access, or a subscribe it refused. */
export type AccessNotice = AccessChanged | { reason: 'subscribe-refused'; committeeId: string };
export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface RealtimeOptions {
  token: string;
  committeeIds: readonly string[];
  api: ApiClient;
  queryClient: QueryClient;
  onStateChange: (state: ConnectionState) => void;
  /** The server refused the token, or ended the session: sign in again. */
  onUnauthorized: () => void;
  /** The server speaks another wire protocol (Sidang was updated): the page must be reloaded. */
  onOutdated?: () => void;
  /** Each committee's stream state (catching up, live, or refused). */
  onCommitteeStateChange?: (committeeId: string, state: CommitteeState) => void;
  /**
   * The user's access changed. Called before the caches are purged, so that what is shown
   * about it (the committee's name) can still be read.
   */
  onAccessChanged?: (notice: AccessNotice) => void;
  /** Called after each envelope is applied to the caches (once per seq, in order). */
  onApply?: (envelope: EventEnvelope) => void;
  /** Makes the (not yet connected) socket: `loadSocketFactory()` in the app, a fake in tests. */
  createSocket: (token: string) => RealtimeSocket;
  /** `lastSeq` per committee from an earlier connection of this page. */
  lastSeqs?: Map<string, number>;
}

/**
 * The socket.io client and the schemas that check live records, loaded after the first screen
 * has drawn (neither is needed to draw it): resolves to the app's socket factory. With
 * `viewLevel` (a projector), the server serves the socket at that level below the user's clearance.
 */
export async function loadSocketFactory(viewLevel?: Classification): Promise<(token: string) => RealtimeSocket> {
  const [{ io }] = await Promise.all([
    import('socket.io-client'),
    import('./entity-schemas.ts').then((schemas) => schemas.registerEntitySchemas()),
  ]);
  return (token) =>
    io({
      auth: viewLevel ? { token, protocol: PROTOCOL_VERSION, viewLevel } : { token, protocol: PROTOCOL_VERSION },
      transports: ['websocket', 'polling'],
      autoConnect: false,
    }) as RealtimeSocket;
}

/**
 * Connects the socket, keeps every committee's cache in sync and reports the connection
 * state. Returns a function that stops it all. Read top to bottom: the state of this connection,
 * what a change of access does, a round of catch-up, then the socket's events.
 */
export function startRealtime(options: RealtimeOptions): () => void {
  const { api, queryClient } = options;
  const socket = options.createSocket(options.token);
  const lastSeqs = options.lastSeqs ?? new Map<string, number>();
  let stopped = false;
  /** The server ended the session (signed out, deactivated): nothing reconnects. */
  let ended = false;
  const retry = createRetry(() => stopped);

  const setState = (state: ConnectionState) => {
    if (!stopped) options.onStateChange(state);
  };
  const setCommitteeState = (committeeId: string, state: CommitteeState) => {
    if (!stopped) options.onCommitteeStateChange?.(committeeId, state);
  };

  const syncs = createCommitteeSyncs(options, lastSeqs, () => retry.schedule(() => socket.connected && void syncAll()));
  /** Committees the server refused or removed the user from: no longer synced on this connection. */
  const denied = new Set<string>();

  /** The user may no longer see a committee: stop its stream and drop everything of it. */
  const dropCommittee = (committeeId: string, notice: AccessNotice) => {
    if (stopped) return;
    const sync = syncs.get(committeeId);
    if (sync && !denied.has(committeeId)) {
      denied.add(committeeId);
      sync.deny();
      lastSeqs.delete(committeeId);
      setCommitteeState(committeeId, 'no-access');
    }
    options.onAccessChanged?.(notice);
    purgeCommittee(queryClient, committeeId);
  };

  const onAccessChanged = (change: AccessChanged) => {
    if (stopped) return;
    applyAccessChange(change, {
      queryClient,
      notify: (notice) => options.onAccessChanged?.(notice),
      dropCommittee,
      endSession: (notice) => {
        ended = true;
        options.onAccessChanged?.(notice);
        for (const sync of syncs.values()) sync.deny();
        purgeAll(queryClient);
        lastSeqs.clear();
        options.onUnauthorized();
      },
    });
  };

  /** One round of catch-up for every committee still allowed; live once all of them are. */
  const syncAll = async () => {
    setState('catching-up');
    try {
      const context = { socket, lastSeqs, setCommitteeState, dropCommittee };
      const results = await Promise.all(
        [...syncs]
          .filter(([committeeId]) => !denied.has(committeeId))
          .map(([committeeId, sync]) => catchUpCommittee(committeeId, sync, context)),
      );
      if (socket.connected && results.every(Boolean)) setState('live');
    } catch (error) {
      if (stopped || isApiError(error, 401)) return;
      // Catch-up or ack failed: try the whole round again while the socket is up.
      retry.schedule(() => {
        if (socket.connected) void syncAll();
      });
    }
  };

  socket.on('connect', () => {
    if (!ended) void syncAll();
  });
  socket.on('event', (envelope: EventEnvelope) => {
    syncs.get(envelope.committeeId)?.receive(envelope);
  });
  socket.on('access-changed', onAccessChanged);
  socket.on('disconnect', (reason) => {
    for (const sync of syncs.values()) sync.pause();
    setState('offline');
    // The server closed us on purpose (a restart, or the user's clearance changed): socket.io
    // will not retry by itself, and what is cached may no longer be ours to see, so reload it.
    if (reason === 'io server disconnect' && !ended) {
      void queryClient.invalidateQueries();
      retry.schedule(() => socket.connect());
    }
  });
  socket.on('connect_error', (error: Error & { data?: unknown }) => {
    setState('offline');
    // This page was built for another wire protocol: retrying cannot help, a reload will.
    if (isProtocolMismatch(error)) {
      options.onOutdated?.();
      return;
    }
    if (socket.active) return; // socket.io retries network failures itself
    // The middleware refused the handshake: a bad token, or the server is not ready.
    if (isAuthRefusal(error)) {
      options.onUnauthorized();
      return;
    }
    api
      .get('/api/auth/me')
      .then(() => retry.schedule(() => socket.connect()))
      .catch((meError: unknown) => {
        if (!isApiError(meError, 401)) retry.schedule(() => socket.connect());
      });
  });

  setState('connecting');
  socket.connect();

  return () => {
    stopped = true;
    retry.cancel();
    socket.removeAllListeners();
    socket.disconnect();
  };
}
