/**
 * What the benches share (write-path, fan-out, profile-create, cluster): statistics, the built
 * server on a database of its own with the demo data, the demo committee's people, the baseline
 * socket.io server, the memory probe, and subscribed clients in processes of their own
 * (socket-clients.ts) with the fan-out measurement over them.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { ActionItem, EventEnvelope } from '@sidang/shared';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { type ApiResponse, api, DEMO_USERS, demoCommittee, login, type RunningServer, startServer } from '../support/server-process.js';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a bench's `main`, prints what it threw, and exits: lingering keep-alive sockets must not
 * keep a finished bench alive.
 */
export async function runBench(main: () => Promise<void>): Promise<never> {
  try {
    await main();
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  }
  return process.exit(process.exitCode ?? 0);
}

/** Epoch milliseconds with sub-millisecond precision, comparable between processes on one machine. */
export const epochNow = () => performance.timeOrigin + performance.now();

/** The `p`th percentile (nearest rank) of unsorted `values`; NaN for none. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export const median = (values: number[]) => percentile(values, 50);

export const fmt = (value: number, decimals = 1) => (Number.isFinite(value) ? value.toFixed(decimals) : 'n/a');

/** The machine a figure was taken on, and how loaded it was then. */
export function machineLine(): string {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  return `Node ${process.version}, ${os.availableParallelism()} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), load average ${load}`;
}

/** Preload for a server whose memory a bench reads (memory-probe-preload.mjs). */
export const MEMORY_PROBE = fileURLToPath(new URL('./memory-probe-preload.mjs', import.meta.url));

/**
 * Memory a process holds after a full garbage collection (memory-probe-preload.mjs, which writes
 * to `probePath`), in KiB: resident set, and JavaScript heap + external.
 */
export async function memoryKiB(child: ChildProcess, probePath: string): Promise<{ rss: number; heap: number }> {
  await rm(probePath, { force: true });
  child.kill('SIGUSR2');
  for (let waited = 0; ; waited += 50) {
    try {
      const usage = JSON.parse(await readFile(probePath, 'utf8')) as NodeJS.MemoryUsage;
      return { rss: usage.rss / 1024, heap: (usage.heapUsed + usage.external) / 1024 };
    } catch (error) {
      if (waited > 30_000) throw error;
      await sleep(50);
    }
  }
}

export type Store = 'postgres' | 'embedded';

/**
 * The built server as `npm start` runs it, with the demo data, on a database of its own
 * (PostgreSQL: a new database on TEST_DATABASE_URL; embedded: a new data folder). `close` stops
 * it and removes the database; on a failed start the server's output is printed.
 */
export async function benchServer(
  env: Record<string, string>,
  store: Store = 'postgres',
): Promise<{ server: RunningServer; database?: TestDatabase; close(): Promise<void> }> {
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  const all: Record<string, string> = { SEED_DEMO: 'true', LOG_LEVEL: 'warn', ...env };
  if (store === 'postgres') {
    database = await createTestDatabase('postgres');
    all.DATABASE_URL = database.url;
  } else {
    // No DATABASE_URL: the server starts its embedded store, exactly as `npm start` does.
    dataDir = await mkdtemp(join(os.tmpdir(), 'sidang-bench-data-'));
    all.DATA_DIR = dataDir;
  }
  const cleanUp = async () => {
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    // A first start of the embedded store initialises a PostgreSQL cluster in WebAssembly: give
    // it time on a busy machine.
    const server = await startServer({ env: all, healthTimeoutMs: 240_000 });
    return {
      server,
      database,
      async close() {
        await server.stop();
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** The demo committee and its four people signed in (chair, secretariat, member, observer). */
export interface DemoWorld {
  committeeId: string;
  /** Access tokens: chair, secretariat, member, observer. */
  tokens: string[];
  /** The chair's and the secretariat's tokens: those who may create. */
  writers: string[];
  /** Creates an OPEN action item (everyone may see it) as writer `writer` (taken in turn). */
  create(writer: number, title: string): Promise<ApiResponse<ActionItem>>;
}

export async function demoWorld(url: string): Promise<DemoWorld> {
  const sessions = await Promise.all(
    [DEMO_USERS.chair, DEMO_USERS.secretariat, DEMO_USERS.member, DEMO_USERS.observer].map((email) => login(url, email)),
  );
  const tokens = sessions.map((session) => session.accessToken);
  const writers = tokens.slice(0, 2);
  const committeeId = (await demoCommittee(url, writers[1] ?? '')).id;
  return {
    committeeId,
    tokens,
    writers,
    create: (writer, title) =>
      api<ActionItem>(url, writers[writer % writers.length], 'POST', `/api/committees/${committeeId}/action-items`, {
        title,
        classification: 'OPEN',
      }),
  };
}

/** The baseline: a bare socket.io server in its own process (bare-server.mjs), with the memory probe when `probePath` is given. */
export async function startBare(probePath?: string): Promise<{ url: string; child: ChildProcess }> {
  const script = fileURLToPath(new URL('./bare-server.mjs', import.meta.url));
  const child = spawn(process.execPath, [...(probePath ? ['--import', MEMORY_PROBE] : []), script], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: probePath ? { ...process.env, MEMORY_PROBE_PATH: probePath } : process.env,
  });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`bare server exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

// ---------------------------------------------------------------------------------------------
// Subscribed clients in processes of their own (socket-clients.ts)

export interface Pool {
  child: ChildProcess;
  /** How many sockets it holds. */
  count: number;
  got: Set<string>;
  onGot: (() => void) | null;
}

type PoolMessage =
  | { type: 'started' | 'ready' }
  | { type: 'error'; message: string }
  | { type: 'got'; key: string }
  | { type: 'report'; receipts: Record<string, number[]>; duplicates: number; sample?: EventEnvelope };

function nextMessage<T extends PoolMessage['type']>(pool: Pool, type: T): Promise<Extract<PoolMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const listener = (message: PoolMessage) => {
      if (message.type === 'error') {
        pool.child.off('message', listener);
        reject(new Error(`client pool: ${message.message}`));
      } else if (message.type === type) {
        pool.child.off('message', listener);
        resolve(message as Extract<PoolMessage, { type: T }>);
      }
    };
    pool.child.on('message', listener);
  });
}

export interface PoolOptions {
  url: string;
  committeeId: string;
  /** Tokens taken in turn by the sockets; none for the bare server. */
  tokens: string[];
  bare: boolean;
  sockets: number;
  pools: number;
  /** Through nginx: each socket asks for `?affinity=<prefix><pool>.<index>`, which spreads them over the nodes. */
  affinity?: string;
}

/** `sockets` clients over `pools` processes, each subscribed to the committee, one pool after another. */
export async function openPools(options: PoolOptions): Promise<Pool[]> {
  const script = fileURLToPath(new URL('./socket-clients.ts', import.meta.url));
  const pools = await Promise.all(
    Array.from({ length: options.pools }, async (_, index) => {
      const child = fork(script, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      const count = Math.floor(options.sockets / options.pools) + (index < options.sockets % options.pools ? 1 : 0);
      const pool: Pool = { child, count, got: new Set(), onGot: null };
      await nextMessage(pool, 'started');
      child.on('message', (message: PoolMessage) => {
        if (message.type === 'got') {
          pool.got.add(message.key);
          pool.onGot?.();
        }
      });
      return pool;
    }),
  );
  // One pool at a time: simultaneous handshakes would measure accept queues.
  for (const [index, pool] of pools.entries()) {
    const ready = nextMessage(pool, 'ready');
    pool.child.send({
      type: 'connect',
      url: options.url,
      tokens: options.tokens,
      committeeId: options.committeeId,
      count: pool.count,
      bare: options.bare,
      ...(options.affinity === undefined ? {} : { affinity: `${options.affinity}${index}.` }),
    });
    await ready;
  }
  return pools;
}

export function closePools(pools: Pool[]): void {
  for (const pool of pools) pool.child.send({ type: 'close' });
}

export interface FanOut {
  /** Request sent → each client's receipt (ms), every measured change. */
  perClient: number[];
  missing: number;
  duplicates: number;
  sample?: EventEnvelope;
}

/**
 * `changes` changes one at a time (after 3 of warm-up); each is timed from just before its
 * request to each client's receipt, and the next is sent once every client has it (or after
 * `timeoutMs`).
 */
export async function fanOut(
  pools: Pool[],
  changes: number,
  change: (index: number) => Promise<{ key: string; sentAt: number }>,
  keyOf: (index: number) => string,
  timeoutMs = 15_000,
): Promise<FanOut> {
  const sentAt = new Map<string, number>();
  for (let index = 0; index < changes + 3; index += 1) {
    const key = keyOf(index);
    for (const pool of pools) pool.child.send({ type: 'expect', key });
    await sleep(5); // the expectation reaches every pool before the change
    const all = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      const check = () => {
        if (pools.every((pool) => pool.got.has(key))) {
          clearTimeout(timer);
          for (const pool of pools) pool.onGot = null;
          resolve();
        }
      };
      for (const pool of pools) pool.onGot = check;
      check();
    });
    const sent = await change(index);
    // The first three are warm-up.
    if (index >= 3) sentAt.set(sent.key, sent.sentAt);
    await all;
  }
  const reports = await Promise.all(
    pools.map((pool) => {
      const report = nextMessage(pool, 'report');
      pool.child.send({ type: 'report' });
      return report;
    }),
  );
  const perClient: number[] = [];
  let received = 0;
  for (const report of reports) {
    for (const [key, times] of Object.entries(report.receipts)) {
      const sent = sentAt.get(key);
      if (sent === undefined) continue;
      received += times.length;
      for (const at of times) perClient.push(at - sent);
    }
  }
  const sockets = pools.reduce((sum, pool) => sum + pool.count, 0);
  return {
    perClient,
    missing: changes * sockets - received,
    duplicates: reports.reduce((sum, report) => sum + report.duplicates, 0),
    sample: reports.find((report) => report.sample)?.sample,
  };
}
