import { describe, expect, it } from '@jest/globals';
import type { ActionItem, EventEnvelope, ProgressUpdate } from '@sidang/shared';
import { QueryClient, type QueryKey, QueryObserver } from '@tanstack/react-query';
import { io, type Socket } from 'socket.io-client';
import { createApiClient } from '../../client/src/lib/api/api-client.ts';
import { queryKeys } from '../../client/src/lib/query-keys.ts';
import { installCacheGuards } from '../../client/src/lib/realtime/cache-guards.ts';
import { type ConnectionState, type RealtimeSocket, startRealtime } from '../../client/src/lib/realtime/realtime-client.ts';
import { demoSuite } from './support/demo-suite.js';
import { until } from './support/harness.js';

/**
 * The client's own sync engine (startRealtime → CommitteeSync → applyEnvelope into a real
 * TanStack QueryClient) against a real server, through a socket that loses its connection,
 * delivers some envelopes twice and swaps neighbours. Whatever the network did, the cache must
 * end equal to a fresh read of the server, with each event applied once, in seq order.
 */

type Handler = (...args: unknown[]) => void;

/**
 * A real socket.io client seen through a bad network: every third envelope arrives twice, every
 * fourth is overtaken by the one after it, and now and then an old one comes again.
 */
class UnreliableSocket {
  readonly delivered: number[] = [];
  private held: { envelope: EventEnvelope; timer: ReturnType<typeof setTimeout> } | undefined;
  private readonly recent: EventEnvelope[] = [];
  private count = 0;

  /** Whether an envelope is held back, to be delivered after the next one or on its own shortly. */
  get holding(): boolean {
    return this.held !== undefined;
  }
  private eventHandlers: Handler[] = [];

  constructor(readonly real: Socket) {}

  get connected(): boolean {
    return this.real.connected;
  }

  get active(): boolean {
    return this.real.active;
  }

  on(event: string, handler: Handler): this {
    if (event === 'event') {
      this.eventHandlers.push(handler);
      if (this.eventHandlers.length === 1) this.real.on('event', (envelope: EventEnvelope) => this.arrive(envelope));
    } else {
      this.real.on(event, handler);
    }
    return this;
  }

  timeout(ms: number) {
    return this.real.timeout(ms);
  }

  connect(): this {
    this.real.connect();
    return this;
  }

  disconnect(): this {
    this.real.disconnect();
    return this;
  }

  removeAllListeners(): this {
    this.real.removeAllListeners();
    this.eventHandlers = [];
    return this;
  }

  private deliver(envelope: EventEnvelope): void {
    this.delivered.push(envelope.seq);
    for (const handler of this.eventHandlers) handler(envelope);
  }

  private arrive(envelope: EventEnvelope): void {
    this.count += 1;
    const n = this.count;
    if (this.held) {
      // Swap: the newer one first, then the one it overtook.
      const { envelope: overtaken, timer } = this.held;
      clearTimeout(timer);
      this.held = undefined;
      this.deliver(envelope);
      this.deliver(overtaken);
    } else if (n % 4 === 1) {
      const timer = setTimeout(() => {
        const held = this.held;
        this.held = undefined;
        if (held) this.deliver(held.envelope);
      }, 40);
      this.held = { envelope, timer };
      return;
    } else {
      this.deliver(envelope);
    }
    if (n % 3 === 0) this.deliver(envelope);
    if (n % 7 === 0 && this.recent.length > 2) this.deliver(this.recent[0] as EventEnvelope);
    this.recent.push(envelope);
    if (this.recent.length > 5) this.recent.shift();
  }
}

function waitUntil(what: string, condition: () => boolean | Promise<boolean>, ms = 20_000): Promise<true> {
  return until(condition, what, ms, 25);
}

const byId = <T extends { id: string }>(records: readonly T[]) => [...records].sort((a, b) => a.id.localeCompare(b.id));

describe('client sync engine against the real server', () => {
  const demo = demoSuite(['chair', 'secretariat', 'member']);

  it('should end with the cache equal to the server, each event applied once and in order, through drops, duplicates and reorders', async () => {
    const api = createApiClient({ baseUrl: demo.app.url, getToken: () => demo.member.token, fetch: (input, init) => fetch(input, init) });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 0 } } });
    const stopGuards = installCacheGuards(queryClient);
    const observers: Array<() => void> = [];
    const watch = (queryKey: QueryKey, path: string) => {
      const observer = new QueryObserver(queryClient, { queryKey, queryFn: () => api.get(path) });
      observers.push(observer.subscribe(() => undefined));
    };
    const listKey = queryKeys.actionItemList(demo.committeeId, {});

    // Some items exist before the client opens anything; it watches their pages and threads.
    const opened: ActionItem[] = [];
    for (let i = 0; i < 3; i += 1)
      opened.push(await demo.app.createItem(demo.chair.token, demo.committeeId, { title: `Opened item ${i}` }));

    const real = io(demo.app.url, {
      auth: { token: demo.member.token },
      transports: ['websocket'],
      autoConnect: false,
      reconnection: false,
      forceNew: true,
    });
    const socket = new UnreliableSocket(real);
    const applied: Array<{ seq: number; type: string; entityId: string; parentId?: string }> = [];
    const states: ConnectionState[] = [];
    const lastSeqs = new Map<string, number>();
    watch(listKey, `/api/committees/${demo.committeeId}/action-items`);
    for (const item of opened) {
      watch(queryKeys.actionItem(item.id), `/api/action-items/${item.id}`);
      watch(queryKeys.progressUpdates(item.id), `/api/action-items/${item.id}/updates`);
    }
    const stop = startRealtime({
      token: demo.member.token,
      committeeIds: [demo.committeeId],
      api,
      queryClient,
      lastSeqs,
      onStateChange: (state) => states.push(state),
      onUnauthorized: () => undefined,
      onApply: (envelope) =>
        applied.push({
          seq: envelope.seq,
          type: envelope.type,
          entityId: envelope.entityId,
          parentId: (envelope.data as { actionItemId?: string }).actionItemId,
        }),
      createSocket: () => socket as unknown as RealtimeSocket,
    });
    await waitUntil('live', () => states.at(-1) === 'live');
    const baseline = lastSeqs.get(demo.committeeId) ?? 0;

    const writers = [demo.chair.token, demo.secretariat.token];
    const versions = new Map(opened.map((item) => [item.id, item.version]));
    const patch = async (token: string, id: string, fields: Record<string, unknown>) => {
      const result = await demo.app.request<ActionItem>('PATCH', `/api/action-items/${id}`, token, {
        version: versions.get(id),
        ...fields,
      });
      expect(result.status).toBe(200);
      versions.set(id, result.body.version);
    };
    const write = async (round: string) => {
      const created = await demo.app.createItem(writers[0] as string, demo.committeeId, { title: `Created in ${round}` });
      versions.set(created.id, created.version);
      // A record the member may not see: the member's stream has a gap here.
      await demo.app.createItem(demo.chair.token, demo.committeeId, { title: `Secret in ${round}`, classification: 'SECRET' });
      for (const [index, item] of opened.entries()) {
        await patch(writers[index % 2] as string, item.id, { description: `${round}: revision ${index}` });
        const posted = await demo.app.request('POST', `/api/action-items/${item.id}/updates`, demo.secretariat.token, {
          body: `${round}: progress on ${index}`,
        });
        expect(posted.status).toBe(201);
      }
      await patch(demo.chair.token, created.id, { status: 'in_progress', priority: 'high' });
      return created;
    };

    // Live, through duplicates and swaps.
    await write('live round 1');
    const doomed = await write('live round 2');
    const removed = await demo.app.request('DELETE', `/api/action-items/${doomed.id}?version=${versions.get(doomed.id)}`, demo.chair.token);
    expect(removed.status).toBeLessThan(300);

    // The connection drops while others go on writing, then comes back.
    socket.disconnect();
    await waitUntil('offline', () => states.at(-1) === 'offline');
    await write('offline round');
    // Raised above the member's clearance while they were away: it must leave their cache.
    await patch(demo.chair.token, (opened[2] as ActionItem).id, { classification: 'SECRET' });
    socket.connect();
    await write('after reconnect');

    // Done when the client has applied the member's whole log and nothing is loading.
    const log = async () => (await demo.app.catchUp(demo.member.token, demo.committeeId, baseline)).events.map((event) => event.seq);
    let expected: number[] = [];
    await waitUntil('the whole log applied', async () => {
      expected = await log();
      return states.at(-1) === 'live' && applied.at(-1)?.seq === expected.at(-1) && queryClient.isFetching() === 0;
    });
    // Every envelope the server wrote to the socket has arrived (one acknowledged round trip on it;
    // the message is refused as invalid and changes nothing), none is held back, and nothing is loading.
    await socket.real.timeout(10_000).emitWithAck('unsubscribe', {});
    await waitUntil('nothing held back or loading', () => !socket.holding && queryClient.isFetching() === 0);

    // Each event applied once, in seq order: every one of the member's log, and besides those
    // only the earlier events of the record since raised above them (catch-up no longer shows those).
    const seqs = applied.map((entry) => entry.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    expect(seqs.filter((seq) => expected.includes(seq))).toEqual(expected);
    const raised = (opened[2] as ActionItem).id;
    const notInLog = applied.filter((entry) => !expected.includes(entry.seq));
    expect(notInLog.filter((entry) => entry.entityId !== raised && entry.parentId !== raised)).toEqual([]);
    // The network did misbehave: some envelopes came twice, some before the one they overtook.
    expect(socket.delivered.length).toBeGreaterThan(new Set(socket.delivered).size);
    expect(socket.delivered.some((seq, index) => index > 0 && seq < (socket.delivered[index - 1] as number))).toBe(true);

    // The list, every opened page and thread equal a fresh read of the server.
    const fresh = await demo.app.request<ActionItem[]>('GET', `/api/committees/${demo.committeeId}/action-items`, demo.member.token);
    expect(byId(queryClient.getQueryData<ActionItem[]>(listKey) ?? [])).toEqual(byId(fresh.body));
    expect(fresh.body.map((item) => item.id)).not.toContain(doomed.id);
    expect(fresh.body.map((item) => item.id)).not.toContain((opened[2] as ActionItem).id);
    for (const item of opened) {
      const page = await demo.app.request<ActionItem>('GET', `/api/action-items/${item.id}`, demo.member.token);
      const thread = await demo.app.request<ProgressUpdate[]>('GET', `/api/action-items/${item.id}/updates`, demo.member.token);
      if (page.status === 404) {
        expect(queryClient.getQueryData(queryKeys.actionItem(item.id))).toBeUndefined();
        expect(queryClient.getQueryData(queryKeys.progressUpdates(item.id))).toBeUndefined();
      } else {
        expect(queryClient.getQueryData(queryKeys.actionItem(item.id))).toEqual(page.body);
        expect(byId(queryClient.getQueryData<ProgressUpdate[]>(queryKeys.progressUpdates(item.id)) ?? [])).toEqual(byId(thread.body));
      }
    }

    stop();
    stopGuards();
    for (const unsubscribe of observers) unsubscribe();
    real.disconnect();
  });
});
