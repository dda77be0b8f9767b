/**
 * Realtime fan-out benchmark: how long from a REST change to every subscribed client holding
 * its event, next to a bare socket.io server broadcasting the same envelope.
 *
 *   npm run bench          (builds, checks PostgreSQL, then runs this with tsx)
 *
 * BENCH_CLIENTS (300) and BENCH_CHANGES (200) override the sizes. All sockets of both runs live
 * in this one process, so client-side parsing is part of both measurements alike; the ratio is
 * the meaningful figure, the absolute numbers depend on the machine.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { ActionItem, EventEnvelope, SubscribeAck } from '@sidang/shared';
import { Server } from 'socket.io';
import { type Socket as BareSocket, io as connectBare } from 'socket.io-client';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import {
  api,
  connectSocket,
  DEMO_USERS,
  demoCommittee,
  login,
  type RunningServer,
  type SidangSocket,
  startServer,
  subscribe,
} from '../support/server-process.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 300);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 200);
/** Changes sent before measuring: first-use costs (JIT, pools, caches) are not fan-out. */
const WARMUP = 5;
/** Connect in batches: 300 simultaneous handshakes would measure accept queues, not fan-out. */
const CONNECT_BATCH = 25;
const RECEIPT_TIMEOUT_MS = 10_000;

interface Stats {
  samples: number;
  missing: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

function summarize(latencies: number[], missing: number): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    missing,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/**
 * Tracks one change in flight: resolves when all `expected` clients have it, or on timeout
 * with whatever arrived (the rest count as missing).
 */
class Round {
  readonly receivedAt: number[] = [];
  /** Wall-clock ms from the change being recorded in its transaction (`at`) to receipt. */
  readonly sinceRecorded: number[] = [];
  private done: (() => void) | undefined;
  readonly finished: Promise<void>;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly matches: (envelope: EventEnvelope) => boolean,
    private readonly expected: number,
  ) {
    this.finished = new Promise((resolve) => {
      this.done = resolve;
      this.timer = setTimeout(resolve, RECEIPT_TIMEOUT_MS);
    });
  }

  receive(envelope: EventEnvelope): void {
    if (!this.matches(envelope)) return;
    this.receivedAt.push(performance.now());
    this.sinceRecorded.push(Date.now() - Date.parse(envelope.at));
    if (this.receivedAt.length >= this.expected) {
      clearTimeout(this.timer);
      this.done?.();
    }
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

interface RunResult {
  stats: Stats;
  /** Per change, the time until the last client had it. */
  everyone: Stats;
  /** REST round trip of the change itself (sidang only). */
  request?: Stats;
  /** From the change being recorded, inside its transaction, to receipt (sidang only). */
  fanOut?: Stats;
  sample?: EventEnvelope;
}

async function runSidang(server: RunningServer): Promise<RunResult> {
  const users = [DEMO_USERS.chair, DEMO_USERS.secretariat, DEMO_USERS.member, DEMO_USERS.observer];
  const sessions = await Promise.all(users.map((email) => login(server.url, email)));
  const writer = sessions[1]?.accessToken ?? '';
  const committeeId = (await demoCommittee(server.url, writer)).id;

  const created = await api<ActionItem>(server.url, writer, 'POST', `/api/committees/${committeeId}/action-items`, {
    title: 'Fan-out bench item',
    classification: 'OPEN', // everyone, observers included, may see it
  });
  if (created.status !== 201) throw new Error(`Could not create the bench item: ${created.status}`);
  let version = created.body.version;

  let round: Round | undefined;
  let sample: EventEnvelope | undefined;
  const sockets: SidangSocket[] = [];
  try {
    await inBatches(CLIENTS, async (index) => {
      const token = sessions[index % sessions.length]?.accessToken ?? '';
      const socket = await connectSocket(server.url, token);
      sockets.push(socket);
      socket.on('event', (envelope) => {
        sample ??= envelope;
        round?.receive(envelope);
      });
      await subscribe(socket, committeeId);
    });

    const latencies: number[] = [];
    const lastPerChange: number[] = [];
    const requests: number[] = [];
    const sinceRecorded: number[] = [];
    let missing = 0;
    for (let change = 0; change < WARMUP + CHANGES; change += 1) {
      const nextVersion = version + 1;
      round = new Round((e) => e.entityId === created.body.id && e.version === nextVersion, CLIENTS);
      const sentAt = performance.now();
      const patched = await api<ActionItem>(server.url, writer, 'PATCH', `/api/action-items/${created.body.id}`, {
        version,
        title: `Fan-out bench item, change ${change}`,
      });
      const answeredAt = performance.now();
      if (patched.status !== 200) throw new Error(`PATCH answered ${patched.status}: ${JSON.stringify(patched.body)}`);
      version = patched.body.version;
      await round.finished;
      if (change < WARMUP) continue;
      requests.push(answeredAt - sentAt);
      latencies.push(...round.receivedAt.map((at) => at - sentAt));
      sinceRecorded.push(...round.sinceRecorded);
      lastPerChange.push(Math.max(...round.receivedAt.map((at) => at - sentAt)));
      missing += CLIENTS - round.receivedAt.length;
    }
    return {
      stats: summarize(latencies, missing),
      everyone: summarize(lastPerChange, 0),
      request: summarize(requests, 0),
      fanOut: summarize(sinceRecorded, 0),
      sample,
    };
  } finally {
    round = undefined;
    for (const socket of sockets) socket.close();
  }
}

async function runBare(payload: EventEnvelope): Promise<RunResult> {
  const http = createServer();
  const io = new Server(http, { transports: ['websocket'], serveClient: false });
  // Same shape as Sidang: the client asks to join with an ack, the server joins it to a room.
  io.on('connection', (socket) => {
    socket.on('subscribe', (_request: unknown, ack: (result: SubscribeAck) => void) => {
      void socket.join('committee');
      ack({ ok: true, seq: 0 });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  let round: Round | undefined;
  const sockets: BareSocket[] = [];
  try {
    await inBatches(CLIENTS, async () => {
      const socket = connectBare(url, { transports: ['websocket'], forceNew: true, reconnection: false });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      socket.on('event', (envelope: EventEnvelope) => round?.receive(envelope));
      await socket.timeout(10_000).emitWithAck('subscribe', { committeeId: payload.committeeId });
    });

    const latencies: number[] = [];
    const lastPerChange: number[] = [];
    let missing = 0;
    for (let change = 0; change < WARMUP + CHANGES; change += 1) {
      const envelope = { ...payload, seq: payload.seq + change + 1, version: payload.version + change + 1 };
      round = new Round((e) => e.seq === envelope.seq, CLIENTS);
      const sentAt = performance.now();
      io.to('committee').emit('event', envelope);
      await round.finished;
      if (change < WARMUP) continue;
      latencies.push(...round.receivedAt.map((at) => at - sentAt));
      lastPerChange.push(Math.max(...round.receivedAt.map((at) => at - sentAt)));
      missing += CLIENTS - round.receivedAt.length;
    }
    return { stats: summarize(latencies, missing), everyone: summarize(lastPerChange, 0) };
  } finally {
    round = undefined;
    for (const socket of sockets) socket.close();
    await new Promise<void>((resolve) => {
      io.close(() => resolve());
    });
  }
}

function formatRow(label: string, sidang: number, bare: number, decimals = 2): string {
  const cell = (value: number) => (Number.isFinite(value) ? value.toFixed(decimals) : 'n/a').padStart(12);
  return `${label.padEnd(34)}${cell(sidang)}${cell(bare)}`;
}

async function main(): Promise<void> {
  console.log(`Sidang fan-out bench: Node ${process.version}, ${os.availableParallelism()} CPUs (${os.cpus()[0]?.model ?? 'unknown'})`);
  console.log(`${CLIENTS} socket.io clients, ${CHANGES} changes (+${WARMUP} warm-up), clients run in this bench process`);

  let database: TestDatabase | undefined;
  let server: RunningServer | undefined;
  let sidang: RunResult;
  try {
    database = await createTestDatabase();
    server = await startServer({ env: { DATABASE_URL: database.url, SEED_DEMO: 'true', LOG_LEVEL: 'warn' } });
    sidang = await runSidang(server);
  } catch (error) {
    if (server) console.error(`Server output (tail):\n${server.logs().slice(-4_000)}`);
    throw error;
  } finally {
    await server?.stop();
    await database?.drop();
  }
  if (!sidang.sample) throw new Error('No Sidang event arrived at all; nothing to compare the baseline with');
  const bare = await runBare(sidang.sample);

  console.log('');
  console.log(`${''.padEnd(34)}${'sidang'.padStart(12)}${'bare'.padStart(12)}`);
  console.log(formatRow('deliveries measured', sidang.stats.samples, bare.stats.samples, 0));
  console.log(formatRow('deliveries missing', sidang.stats.missing, bare.stats.missing, 0));
  for (const key of ['p50', 'p95', 'p99', 'max'] as const) {
    console.log(formatRow(`${key} per client (ms)`, sidang.stats[key], bare.stats[key]));
  }
  console.log(formatRow('p50 until all clients had it (ms)', sidang.everyone.p50, bare.everyone.p50));
  console.log(formatRow('p99 until all clients had it (ms)', sidang.everyone.p99, bare.everyone.p99));
  console.log('');
  console.log(`Sidang timings start when the PATCH is sent; bare ones when emit() is called.`);
  if (sidang.request) {
    console.log(
      `Sidang PATCH round trip: p50 ${sidang.request.p50.toFixed(2)} ms, p95 ${sidang.request.p95.toFixed(2)} ms, max ${sidang.request.max.toFixed(2)} ms`,
    );
  }
  if (sidang.fanOut) {
    console.log(
      `Sidang from record (in the transaction) to receipt, ms clock: p50 ${sidang.fanOut.p50.toFixed(0)} ms, p99 ${sidang.fanOut.p99.toFixed(0)} ms`,
    );
  }
  console.log(`Ratio p99(sidang)/p99(bare): ${(sidang.stats.p99 / bare.stats.p99).toFixed(2)}`);

  if (sidang.stats.missing > 0 || bare.stats.missing > 0) {
    console.error('Some clients never received an event within 10 s: fan-out lost messages.');
    process.exitCode = 1;
  }
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
// Lingering keep-alive sockets must not keep a finished bench alive.
process.exit(process.exitCode ?? 0);
