import type { EventEnvelope } from '@sidang/shared';
import { PROTOCOL_VERSION } from '@sidang/shared/constants';
import { QueryClient } from '@tanstack/react-query';
import { io } from 'socket.io-client';
import { createApiClient } from '../../client/src/lib/api/api-client.ts';
import { type ConnectionState, type RealtimeSocket, startRealtime } from '../../client/src/lib/realtime/realtime-client.ts';
import { waitFor } from './cluster.js';

/**
 * A person's screen, as far as realtime goes: the browser client's own sync engine
 * (`startRealtime` → CommitteeSync, applying into a TanStack QueryClient) on a real socket.io
 * client through nginx, with socket.io's own reconnection as in the browser. `affinity` picks the
 * instance nginx sends it to (see nginx.conf.template).
 */
export interface Reader {
  name: string;
  /** Envelopes the client applied, in the order it applied them (each seq at most once, by design). */
  applied: EventEnvelope[];
  /** When each seq was applied (ms since the epoch). */
  appliedAt: Map<number, number>;
  /** Every envelope the socket delivered, as it arrived (duplicates would show here). */
  delivered: EventEnvelope[];
  /** The client was told its session is not valid and stopped (a browser would show the sign-in page). */
  readonly signedOut: boolean;
  /** Connection states in order, with when each began and the newest seq applied by then. */
  states: Array<{ state: ConnectionState; at: number; appliedSeq: number }>;
  readonly state: ConnectionState | undefined;
  socket: RealtimeSocket;
  /** The transport the connection uses now (`websocket` or `polling`). */
  transport(): string | undefined;
  /** Resolves once the client is live (subscribed and caught up). */
  live(ms?: number): Promise<void>;
  /** The first time the client was live again after `since` (ms since the epoch), if it has been. */
  liveAgainAfter(since: number): { at: number; appliedSeq: number } | undefined;
  /** Resolves once the client has applied `seq` (or a later one). */
  reached(seq: number, ms?: number): Promise<void>;
  stop(): void;
}

export interface ReaderOptions {
  name: string;
  url: string;
  token: string;
  committeeId: string;
  affinity: string;
  /** Default as the browser: websocket first, then long-polling. */
  transports?: Array<'websocket' | 'polling'>;
}

export function openReader(options: ReaderOptions): Reader {
  const applied: EventEnvelope[] = [];
  const appliedAt = new Map<number, number>();
  const delivered: EventEnvelope[] = [];
  const states: Reader['states'] = [];
  let signedOut = false;
  const socket = io(options.url, {
    auth: { token: options.token, protocol: PROTOCOL_VERSION },
    query: { affinity: options.affinity },
    transports: options.transports ?? ['websocket', 'polling'],
    autoConnect: false,
    forceNew: true,
  }) as RealtimeSocket;
  socket.on('event', (envelope: EventEnvelope) => delivered.push(envelope));
  const api = createApiClient({ baseUrl: options.url, getToken: () => options.token, fetch: (input, init) => fetch(input, init) });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const stop = startRealtime({
    token: options.token,
    committeeIds: [options.committeeId],
    api,
    queryClient,
    onStateChange: (state) => states.push({ state, at: Date.now(), appliedSeq: applied.at(-1)?.seq ?? 0 }),
    onUnauthorized: () => {
      signedOut = true;
    },
    onApply: (envelope) => {
      applied.push(envelope);
      appliedAt.set(envelope.seq, Date.now());
    },
    createSocket: () => socket,
  });
  const reader: Reader = {
    name: options.name,
    applied,
    appliedAt,
    delivered,
    states,
    get signedOut() {
      return signedOut;
    },
    get state() {
      return states.at(-1)?.state;
    },
    socket,
    transport: () => socket.io.engine?.transport?.name,
    live: (ms = 20_000) =>
      waitFor(`${options.name} to be live`, () => reader.state === 'live' && socket.connected, ms).then(() => undefined),
    liveAgainAfter: (since) => states.find((entry) => entry.state === 'live' && entry.at >= since),
    reached: (seq, ms = 20_000) =>
      waitFor(
        `${options.name} to apply seq ${seq} (has ${applied.at(-1)?.seq ?? 'none'})`,
        () => (applied.at(-1)?.seq ?? 0) >= seq,
        ms,
      ).then(() => undefined),
    stop: () => {
      stop();
      queryClient.clear();
    },
  };
  return reader;
}

/** The seqs of a list of envelopes. */
export const seqs = (envelopes: readonly EventEnvelope[]): number[] => envelopes.map((envelope) => envelope.seq);
