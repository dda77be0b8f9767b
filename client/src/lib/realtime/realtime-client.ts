import type { CatchUpPage, ClientToServerEvents, EventEnvelope, ServerToClientEvents, SubscribeAck } from '@sidang/shared';
import type { QueryClient } from '@tanstack/react-query';
import { io, type Socket } from 'socket.io-client';
import { type ApiClient, isApiError } from '../api/api-client.ts';
import { applyEnvelope, invalidateCommittee } from './cache-apply.ts';
import { CommitteeSync } from './sync-engine.ts';

export type ConnectionState = 'connecting' | 'catching-up' | 'live' | 'offline';
export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface RealtimeOptions {
  token: string;
  committeeIds: readonly string[];
  api: ApiClient;
  queryClient: QueryClient;
  onStateChange: (state: ConnectionState) => void;
  /** The server refused the token: sign in again. */
  onUnauthorized: () => void;
  createSocket?: (token: string) => RealtimeSocket;
  /** `lastSeq` per committee from an earlier connection of this page. */
  lastSeqs?: Map<string, number>;
}

const ACK_TIMEOUT_MS = 10_000;
const RETRY_MS = 3_000;

function defaultSocket(token: string): RealtimeSocket {
  return io({ auth: { token }, transports: ['websocket', 'polling'], autoConnect: false });
}

function looksLikeAuthError(error: Error & { data?: unknown }): boolean {
  const data = error.data as { statusCode?: number } | undefined;
  return data?.statusCode === 401 || /unauthori[sz]ed|token|jwt|forbidden|auth/i.test(error.message);
}

/**
 * Connects the socket, keeps every committee's cache in sync and reports the connection
 * state. Returns a function that stops it all.
 */
export function startRealtime(options: RealtimeOptions): () => void {
  const { api, queryClient } = options;
  const socket = (options.createSocket ?? defaultSocket)(options.token);
  const lastSeqs = options.lastSeqs ?? new Map<string, number>();
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const syncs = new Map(
    options.committeeIds.map((committeeId) => [
      committeeId,
      new CommitteeSync(
        {
          apply: (envelope) => {
            applyEnvelope(queryClient, envelope);
            lastSeqs.set(committeeId, envelope.seq);
          },
          fetchPage: (after) => api.get<CatchUpPage>(`/api/committees/${encodeURIComponent(committeeId)}/events`, { after, limit: 500 }),
          resetBaseline: () => invalidateCommittee(queryClient, committeeId),
        },
        lastSeqs.get(committeeId) ?? null,
      ),
    ]),
  );

  const setState = (state: ConnectionState) => {
    if (!stopped) options.onStateChange(state);
  };

  const subscribe = (committeeId: string) =>
    new Promise<SubscribeAck>((resolve, reject) => {
      socket.timeout(ACK_TIMEOUT_MS).emit('subscribe', { committeeId }, (error: Error | null, ack: SubscribeAck) => {
        if (error) reject(error);
        else resolve(ack);
      });
    });

  const scheduleRetry = (run: () => void) => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      if (!stopped) run();
    }, RETRY_MS);
  };

  const syncAll = async () => {
    setState('catching-up');
    try {
      const results = await Promise.all(
        [...syncs].map(async ([committeeId, sync]) => {
          sync.beginCatchUp();
          const ack = await subscribe(committeeId);
          // Not (or no longer) a member: nothing will arrive for it; its pages 404 anyway.
          if (!ack.ok) return true;
          const done = await sync.catchUp(ack.seq);
          const seq = sync.getLastSeq();
          if (seq !== null) lastSeqs.set(committeeId, seq);
          return done;
        }),
      );
      if (socket.connected && results.every(Boolean)) setState('live');
    } catch (error) {
      if (stopped || isApiError(error, 401)) return;
      // Catch-up or ack failed: try the whole round again while the socket is up.
      scheduleRetry(() => {
        if (socket.connected) void syncAll();
      });
    }
  };

  socket.on('connect', () => {
    void syncAll();
  });
  socket.on('event', (envelope: EventEnvelope) => {
    syncs.get(envelope.committeeId)?.receive(envelope);
  });
  socket.on('disconnect', (reason) => {
    for (const sync of syncs.values()) sync.pause();
    setState('offline');
    // The server closed us on purpose (a restart, or the user's clearance changed): socket.io
    // will not retry by itself, and what is cached may no longer be ours to see, so reload it.
    if (reason === 'io server disconnect') {
      void queryClient.invalidateQueries();
      scheduleRetry(() => socket.connect());
    }
  });
  socket.on('connect_error', (error: Error & { data?: unknown }) => {
    setState('offline');
    if (socket.active) return; // socket.io retries network failures itself
    // The middleware refused the handshake: a bad token, or the server is not ready.
    if (looksLikeAuthError(error)) {
      options.onUnauthorized();
      return;
    }
    api
      .get('/api/auth/me')
      .then(() => scheduleRetry(() => socket.connect()))
      .catch((meError: unknown) => {
        if (!isApiError(meError, 401)) scheduleRetry(() => socket.connect());
      });
  });

  setState('connecting');
  socket.connect();

  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    socket.removeAllListeners();
    socket.disconnect();
  };
}
