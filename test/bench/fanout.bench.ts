/**
 * Realtime fan-out benchmark, on PostgreSQL and on the embedded store, next to a bare socket.io
 * broadcast measured in the same run.
 *
 *   npm run bench          (builds, checks PostgreSQL, then runs this with tsx)
 *
 * Every server runs in its own child process — Sidang as `npm start` runs it
 * (test/support/server-process.ts), the baseline as test/bench/bare-server.mjs — and all
 * subscribed clients live in this process. Each measurement runs from an HTTP request sent
 * here (Sidang: a PATCH; bare: `POST /emit`) to each client holding the event. Per store it
 * also sends 30 creates at once with every client subscribed, and counts errors, missing and
 * duplicate deliveries.
 *
 * BENCH_CLIENTS (300), BENCH_CHANGES (200), BENCH_WRITERS (30) override the sizes;
 * BENCH_STORES=postgres,embedded picks the stores. Absolute figures depend on the machine;
 * the ratio to the bare broadcast on the same machine is the meaningful one.
 */
import { performance } from 'node:perf_hooks';
import type { ActionItem, EventEnvelope } from '@sidang/shared';
import { type Socket as BareSocket, io as connectBare } from 'socket.io-client';
import { api, connectSocket, type RunningServer, type SidangSocket, subscribe } from '../support/server-process.js';
import { benchServer, demoWorld, fmt, machineLine, percentile, runBench, type Store, startBare } from './bench-kit.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 300);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 200);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 30);
const STORES = (process.env.BENCH_STORES ?? 'postgres,embedded').split(',').map((s) => s.trim()) as Store[];
/** Changes sent before measuring: first-use costs (JIT, pools, caches) are not fan-out. */
const WARMUP = 5;
/** Connect in batches: 300 simultaneous handshakes would measure accept queues, not fan-out. */
const CONNECT_BATCH = 25;
const RECEIPT_TIMEOUT_MS = 10_000;
const BURST_TIMEOUT_MS = 30_000;

interface Stats {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function summarize(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/**
 * Deliveries of a set of expected events to numbered clients: first receipt of each
 * (client, event) is a delivery, any further one a duplicate; whatever has not arrived when
 * the wait ends is missing.
 */
class Deliveries {
  private readonly seen = new Map<string, Set<number>>();
  /** Which expected event an envelope is (undefined: not one of them). */
  keyOf: (envelope: EventEnvelope) => string | undefined = (envelope) => `${envelope.entityId}@${envelope.version}`;
  readonly latencies: number[] = [];
  duplicates = 0;
  private waiter: (() => void) | undefined;

  constructor(
    private readonly keys: Set<string>,
    private readonly clients: number,
    private readonly sentAt: (key: string) => number | undefined,
  ) {
    for (const key of keys) this.seen.set(key, new Set());
  }

  receive(client: number, envelope: EventEnvelope): void {
    const key = this.keyOf(envelope);
    const clients = key === undefined ? undefined : this.seen.get(key);
    if (!clients) return;
    if (clients.has(client)) {
      this.duplicates += 1;
      return;
    }
    clients.add(client);
    const sent = this.sentAt(key as string);
    if (sent !== undefined) this.latencies.push(performance.now() - sent);
    if (this.complete()) this.waiter?.();
  }

  get delivered(): number {
    return [...this.seen.values()].reduce((sum, clients) => sum + clients.size, 0);
  }

  get missing(): number {
    return this.keys.size * this.clients - this.delivered;
  }

  complete(): boolean {
    return this.delivered >= this.keys.size * this.clients;
  }

  wait(ms: number): Promise<void> {
    if (this.complete()) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.waiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/**
 * Every (client, event) receipt of a run, to count duplicates however late they come: a
 * round's own tally only sees those that arrive while it is still current.
 */
class Ledger {
  private readonly seen: Array<Set<string>> = [];
  duplicates = 0;

  note(client: number, key: string): void {
    const mine = this.seen[client] ?? new Set<string>();
    this.seen[client] = mine;
    if (mine.has(key)) this.duplicates += 1;
    else mine.add(key);
  }
}

async function inBatches<T>(count: number, make: (index: number) => Promise<T>): Promise<T[]> {
  const made: T[] = [];
  for (let start = 0; start < count; start += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - start) }, (_, offset) => make(start + offset));
    made.push(...(await Promise.all(batch)));
  }
  return made;
}

interface FanOut {
  /** Request sent → each client has the event. */
  perClient: Stats;
  /** Request sent → the last client has it, per change. */
  everyone: Stats;
  /** The request's own round trip. */
  request: Stats;
  delivered: number;
  missing: number;
  duplicates: number;
}

interface Burst {
  writers: number;
  errors: number;
  statuses: Record<string, number>;
  delivered: number;
  missing: number;
  duplicates: number;
  /** Deliveries that arrived at a client with a seq not above its previous one. */
  outOfOrder: number;
  /** Request sent → each client has that create's event. */
  perClient: Stats;
  wallMs: number;
}

interface StoreResult {
  store: Store;
  fanOut: FanOut;
  burst: Burst;
  sample: EventEnvelope;
}

/**
 * Runs `CHANGES` measured rounds (after warm-up), one change at a time: `send` starts a change
 * and resolves with the key of the event it produces once its request has answered.
 */
async function measureRounds(
  send: (change: number) => Promise<{ key: string; sentAt: number; answeredAt: number }>,
  register: (deliveries: Deliveries | undefined) => void,
  keyOf: (change: number) => string,
): Promise<FanOut> {
  const perClient: number[] = [];
  const everyone: number[] = [];
  const requests: number[] = [];
  let delivered = 0;
  let missing = 0;
  let duplicates = 0;
  for (let change = 0; change < WARMUP + CHANGES; change += 1) {
    let sentAt = 0;
    const deliveries = new Deliveries(new Set([keyOf(change)]), CLIENTS, () => sentAt);
    register(deliveries);
    sentAt = performance.now();
    const sent = await send(change);
    await deliveries.wait(RECEIPT_TIMEOUT_MS);
    // Late duplicates of this change still count.
    await new Promise((resolve) => setImmediate(resolve));
    if (change < WARMUP) continue;
    requests.push(sent.answeredAt - sent.sentAt);
    perClient.push(...deliveries.latencies);
    if (deliveries.latencies.length > 0) everyone.push(Math.max(...deliveries.latencies));
    delivered += deliveries.delivered;
    missing += deliveries.missing;
    duplicates += deliveries.duplicates;
  }
  register(undefined);
  return { perClient: summarize(perClient), everyone: summarize(everyone), request: summarize(requests), delivered, missing, duplicates };
}

async function benchSidang(store: Store, server: RunningServer): Promise<StoreResult> {
  const { committeeId, tokens, writers, create } = await demoWorld(server.url);
  const writer = writers[1] ?? '';
  // OPEN: everyone, observers included, may see it.
  const created = await create(1, 'Fan-out bench item');
  if (created.status !== 201) throw new Error(`Could not create the bench item: ${created.status}`);
  const itemId = created.body.id;
  let version = created.body.version;

  let current: Deliveries | undefined;
  let sample: EventEnvelope | undefined;
  let outOfOrder = 0;
  const ledger = new Ledger();
  const sockets: SidangSocket[] = [];
  try {
    await inBatches(CLIENTS, async (index) => {
      const token = tokens[index % tokens.length] ?? '';
      const socket = await connectSocket(server.url, token);
      sockets.push(socket);
      let lastSeq = 0;
      socket.on('event', (envelope) => {
        sample ??= envelope;
        if (envelope.seq <= lastSeq) outOfOrder += 1;
        lastSeq = Math.max(lastSeq, envelope.seq);
        ledger.note(index, `${envelope.entityId}@${envelope.version}`);
        current?.receive(index, envelope);
      });
      await subscribe(socket, committeeId);
    });

    const fanOut = await measureRounds(
      async () => {
        const sentAt = performance.now();
        const patched = await api<ActionItem>(server.url, writer, 'PATCH', `/api/action-items/${itemId}`, {
          version,
          title: `Fan-out bench item, version ${version + 1}`,
        });
        const answeredAt = performance.now();
        if (patched.status !== 200) throw new Error(`PATCH answered ${patched.status}: ${JSON.stringify(patched.body)}`);
        version = patched.body.version;
        return { key: `${itemId}@${version}`, sentAt, answeredAt };
      },
      (deliveries) => {
        current = deliveries;
      },
      () => `${itemId}@${version + 1}`,
    );
    fanOut.duplicates = ledger.duplicates;
    const fanOutOutOfOrder = outOfOrder;

    // WRITERS creates at once from the chair and the secretariat, every client subscribed. Their
    // events are known by title before the ids are.
    const duplicatesBefore = ledger.duplicates;
    const titles = Array.from({ length: WRITERS }, (_, i) => `Concurrent bench item ${i}`);
    const sentAt = new Map<string, number>();
    const burst = new Deliveries(new Set(titles), CLIENTS, (title) => sentAt.get(title));
    burst.keyOf = (envelope) => (envelope.type === 'action-item.created' ? (envelope.data as { title?: string }).title : undefined);
    current = burst;
    const burstStart = performance.now();
    const results = await Promise.all(
      titles.map(async (title, i) => {
        sentAt.set(title, performance.now());
        try {
          return await create(i, title);
        } catch (error) {
          return { status: 0, body: { error: (error as Error).message } };
        }
      }),
    );
    const wallMs = performance.now() - burstStart;
    const statuses: Record<string, number> = {};
    for (const result of results) statuses[result.status] = (statuses[result.status] ?? 0) + 1;
    await burst.wait(BURST_TIMEOUT_MS);
    await new Promise((resolve) => setTimeout(resolve, 200));
    current = undefined;
    if (!sample) throw new Error('No Sidang event arrived at all');
    return {
      store,
      fanOut,
      burst: {
        writers: WRITERS,
        errors: results.filter((r) => r.status !== 201).length,
        statuses,
        delivered: burst.delivered,
        missing: burst.missing,
        duplicates: ledger.duplicates - duplicatesBefore,
        outOfOrder: outOfOrder - fanOutOutOfOrder,
        perClient: summarize(burst.latencies),
        wallMs,
      },
      sample,
    };
  } finally {
    current = undefined;
    for (const socket of sockets) socket.close();
  }
}

async function runStore(store: Store): Promise<StoreResult> {
  // CLIENTS sockets over four demo users: far more per user than SOCKETS_PER_USER_MAX lets a person open.
  const { server, close } = await benchServer({ SOCKETS_PER_USER_MAX: String(CLIENTS) }, store);
  try {
    return await benchSidang(store, server);
  } catch (error) {
    console.error(`Server output (tail):\n${server.logs().slice(-4_000)}`);
    throw error;
  } finally {
    await close();
  }
}

async function benchBare(payload: EventEnvelope): Promise<FanOut> {
  const { url, child } = await startBare();
  let current: Deliveries | undefined;
  const ledger = new Ledger();
  const sockets: BareSocket[] = [];
  try {
    await inBatches(CLIENTS, async (index) => {
      const socket = connectBare(url, { transports: ['websocket'], forceNew: true, reconnection: false });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      socket.on('event', (envelope: EventEnvelope) => {
        ledger.note(index, String(envelope.seq));
        current?.receive(index, envelope);
      });
      await socket.timeout(10_000).emitWithAck('subscribe', { committeeId: payload.committeeId });
    });
    const seqOf = (change: number) => payload.seq + change + 1;
    const fanOut = await measureRounds(
      async (change) => {
        const envelope = { ...payload, seq: seqOf(change), version: payload.version + change + 1 };
        const sentAt = performance.now();
        const response = await fetch(`${url}/emit`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(envelope),
        });
        const answeredAt = performance.now();
        if (response.status !== 204) throw new Error(`bare emit answered ${response.status}`);
        return { key: String(envelope.seq), sentAt, answeredAt };
      },
      (deliveries) => {
        if (deliveries) deliveries.keyOf = (envelope) => String(envelope.seq);
        current = deliveries;
      },
      (change) => String(seqOf(change)),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { ...fanOut, duplicates: ledger.duplicates };
  } finally {
    for (const socket of sockets) socket.close();
    child.kill('SIGTERM');
  }
}

function printResults(results: StoreResult[], bare: FanOut): void {
  const columns = [...results.map((r) => r.store), 'bare socket.io'];
  const row = (label: string, cells: string[]) => console.log(`${label.padEnd(44)}${cells.map((c) => c.padStart(18)).join('')}`);
  const fanOuts = [...results.map((r) => r.fanOut), bare];
  console.log('');
  console.log(`Fan-out: ${CHANGES} changes one at a time (+${WARMUP} warm-up), each to ${CLIENTS} clients`);
  row('', columns);
  row(
    'request → each client: p50 / p99 (ms)',
    fanOuts.map((f) => `${fmt(f.perClient.p50)} / ${fmt(f.perClient.p99)}`),
  );
  row(
    'request → each client: p95 / max (ms)',
    fanOuts.map((f) => `${fmt(f.perClient.p95)} / ${fmt(f.perClient.max)}`),
  );
  row(
    'request → last client: p50 / p99 (ms)',
    fanOuts.map((f) => `${fmt(f.everyone.p50)} / ${fmt(f.everyone.p99)}`),
  );
  row(
    'request round trip p50 (ms)',
    fanOuts.map((f) => fmt(f.request.p50)),
  );
  row(
    'p99 ratio to bare',
    fanOuts.map((f) => fmt(f.perClient.p99 / bare.perClient.p99, 2)),
  );
  row(
    'deliveries',
    fanOuts.map((f) => String(f.delivered)),
  );
  row(
    'missing / duplicates',
    fanOuts.map((f) => `${f.missing} / ${f.duplicates}`),
  );
  console.log('');
  console.log(`Concurrent writers: ${WRITERS} creates sent at once (chair and secretariat), each to ${CLIENTS} clients`);
  row(
    '',
    results.map((r) => r.store),
  );
  row(
    'errors (non-201)',
    results.map((r) => `${r.burst.errors} ${JSON.stringify(r.burst.statuses)}`),
  );
  row(
    'deliveries of expected',
    results.map((r) => `${r.burst.delivered} of ${r.burst.writers * CLIENTS}`),
  );
  row(
    'missing / duplicates / out of order',
    results.map((r) => `${r.burst.missing} / ${r.burst.duplicates} / ${r.burst.outOfOrder}`),
  );
  row(
    'request → each client: p50 / p99 (ms)',
    results.map((r) => `${fmt(r.burst.perClient.p50)} / ${fmt(r.burst.perClient.p99)}`),
  );
  row(
    'all requests answered after (ms)',
    results.map((r) => fmt(r.burst.wallMs, 0)),
  );
}

async function main(): Promise<void> {
  console.log(`Sidang fan-out bench: ${machineLine()}`);
  console.log(`${CLIENTS} socket.io clients in this process; each server in its own child process; stores: ${STORES.join(', ')}`);
  const results: StoreResult[] = [];
  for (const store of STORES) {
    console.log(`… ${store}`);
    results.push(await runStore(store));
  }
  const sample = results[0]?.sample;
  if (!sample) throw new Error('No store was benched');
  console.log('… bare socket.io');
  const bare = await benchBare(sample);
  printResults(results, bare);

  const lost = [...results.map((r) => r.fanOut), bare].some((f) => f.missing > 0 || f.duplicates > 0);
  const burstBad = results.some((r) => r.burst.errors > 0 || r.burst.missing > 0 || r.burst.duplicates > 0 || r.burst.outOfOrder > 0);
  if (lost || burstBad) {
    console.error('\nNot exactly once: see the missing / duplicate / error counts above.');
    process.exitCode = 1;
  }
}

await runBench(main);
