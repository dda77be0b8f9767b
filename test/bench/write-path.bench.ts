/**
 * The write path, measured next to baselines taken in the same run on the same machine
 * (issue 19, point 5). PostgreSQL only.
 *
 *   npm run bench                (builds, then this and the fan-out and search benches)
 *   npm run bench:write          (builds, then this alone)
 *
 * Every server runs in its own child process (Sidang as `npm start` runs it, the baseline
 * socket.io server as test/bench/bare-server.mjs), and the subscribed socket.io clients in
 * BENCH_POOLS (4) client processes of their own (test/bench/socket-clients.ts). It prints:
 *  (a) creates per second with BENCH_WRITERS (16) writers for BENCH_SECONDS (10) s, against
 *      pgbench's single-row INSERTs with as many clients on the same PostgreSQL;
 *  (b) BENCH_BURST (30) creates sent at once: when the last is answered (median of 5 bursts),
 *      against as many single-row INSERTs sent at once over as many connections;
 *  (c) fan-out of BENCH_CHANGES (50) changes to BENCH_SOCKETS (1000) subscribed clients, against a
 *      bare socket.io broadcast to as many;
 *  (d) server memory (JavaScript heap and external, after a full collection) per subscribed
 *      socket, against the bare server's;
 *  (e) catch-up of BENCH_CATCHUP (1000) events as the client reads them (pages of 500), against
 *      a plain SELECT of as many event rows.
 * The machine is shared: compare each figure with its baseline, and note the load average printed.
 */
import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { ActionItem, CatchUpPage, EventEnvelope } from '@sidang/shared';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { api, type RunningServer } from '../support/server-process.js';
import {
  benchServer,
  closePools,
  demoWorld,
  epochNow,
  type FanOut,
  fanOut,
  fmt,
  MEMORY_PROBE,
  machineLine,
  median,
  memoryKiB,
  openPools,
  percentile,
  runBench,
  sleep,
  startBare,
} from './bench-kit.js';

const WRITERS = Number(process.env.BENCH_WRITERS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const BURST = Number(process.env.BENCH_BURST ?? 30);
const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 1000);
const POOLS = Number(process.env.BENCH_POOLS ?? 4);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 50);
const CATCHUP = Number(process.env.BENCH_CATCHUP ?? 1000);
const ROUNDS = 5;
const WARMUP_MS = 2_000;

const run = promisify(execFile);

const SIDANG_PROBE = join(os.tmpdir(), `sidang-bench-memory-${process.pid}.json`);
const BARE_PROBE = join(os.tmpdir(), `sidang-bench-bare-memory-${process.pid}.json`);

/** pgbench's single-row INSERTs, `WRITERS` clients for `SECONDS` s, on a database of its own. */
async function pgbenchInserts(): Promise<{ tps: number; how: string }> {
  const database = await createTestDatabase('postgres');
  try {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query('CREATE TABLE bench_rows (id bigserial PRIMARY KEY, payload text NOT NULL)');
    await client.end();
    const script = join(os.tmpdir(), `sidang-bench-insert-${process.pid}.sql`);
    await writeFile(script, "INSERT INTO bench_rows (payload) VALUES ('a single row');\n");
    const url = new URL(database.url);
    const args = ['-n', '-c', String(WRITERS), '-j', '2', '-T', String(SECONDS)];
    const { stdout } = await run('pgbench', [...args, '-f', script, url.pathname.slice(1)], {
      env: {
        ...process.env,
        PGHOST: url.hostname,
        PGPORT: url.port || '5432',
        PGUSER: decodeURIComponent(url.username),
        PGPASSWORD: decodeURIComponent(url.password),
      },
    });
    const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
    return { tps, how: `pgbench ${args.join(' ')}, a script of one single-row INSERT (autocommit)` };
  } finally {
    await database.drop();
  }
}

/** `BURST` single-row INSERTs sent at once over as many open connections: when the last is answered (ms). */
async function insertBursts(url: string): Promise<number[]> {
  const pool = new pg.Pool({ connectionString: url, max: BURST });
  try {
    await pool.query('CREATE TABLE IF NOT EXISTS bench_burst (id bigserial PRIMARY KEY, payload text NOT NULL)');
    const clients = await Promise.all(Array.from({ length: BURST }, () => pool.connect()));
    const rounds: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const started = performance.now();
      await Promise.all(clients.map((client) => client.query("INSERT INTO bench_burst (payload) VALUES ('a single row')")));
      rounds.push(performance.now() - started);
      await sleep(300);
    }
    for (const client of clients) client.release();
    return rounds;
  } finally {
    await pool.end();
  }
}

interface Results {
  pgbench: { tps: number; how: string };
  creates: { perSecond: number; count: number; errors: number; p50: number; p99: number };
  burst: { rounds: number[]; errors: number };
  insertBurst: number[];
  catchUp: { rounds: number[]; events: number; pages: number };
  select: number[];
  /** Per socket, in KiB: resident set, and JavaScript heap + external memory, each after a full collection. */
  memory: Record<'sidang' | 'bare', { rss: number; heap: number }>;
  sidangFanOut: FanOut;
  bareFanOut: FanOut;
}

async function benchSidang(server: RunningServer, database: TestDatabase, results: Partial<Results>): Promise<void> {
  const { committeeId, tokens, writers, create } = await demoWorld(server.url);

  // (a) creates, WRITERS at a time.
  console.log(`… ${WRITERS} writers for ${SECONDS} s (after ${WARMUP_MS / 1000} s of warm-up)`);
  let measuring = false;
  let stop = false;
  let count = 0;
  let errors = 0;
  const latencies: number[] = [];
  const loops = Array.from({ length: WRITERS }, async (_, writer) => {
    for (let i = 0; !stop; i += 1) {
      const started = performance.now();
      const answer = await create(writer, `Bench item ${writer}.${i}`);
      if (!measuring) continue;
      if (answer.status === 201) count += 1;
      else errors += 1;
      latencies.push(performance.now() - started);
    }
  });
  await sleep(WARMUP_MS);
  measuring = true;
  const started = performance.now();
  await sleep(SECONDS * 1000);
  measuring = false;
  const elapsed = performance.now() - started;
  stop = true;
  await Promise.all(loops);
  results.creates = { perSecond: (count * 1000) / elapsed, count, errors, p50: median(latencies), p99: percentile(latencies, 99) };

  // (b) BURST creates at once.
  console.log(`… ${BURST} creates at once, ${ROUNDS} times`);
  const rounds: number[] = [];
  let burstErrors = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const at = performance.now();
    const answers = await Promise.all(Array.from({ length: BURST }, (_, i) => create(i, `Burst item ${round}.${i}`)));
    rounds.push(performance.now() - at);
    burstErrors += answers.filter((answer) => answer.status !== 201).length;
    await sleep(300);
  }
  results.burst = { rounds, errors: burstErrors };
  results.insertBurst = await insertBursts(database.url);

  // (e) catch-up of CATCHUP events, read as the client does.
  console.log(`… catch-up of ${CATCHUP} events, ${ROUNDS} times`);
  const reader = writers[1] ?? '';
  const headNow = async () =>
    (await api<CatchUpPage>(server.url, reader, 'GET', `/api/committees/${committeeId}/events?after=0&limit=1`)).body.latestSeq;
  // As many events as the catch-up reads: creates, WRITERS at a time, when (a) and (b) made fewer.
  for (let missing = CATCHUP - (await headNow()); missing > 0; missing -= WRITERS) {
    await Promise.all(Array.from({ length: Math.min(WRITERS, missing) }, (_, i) => create(i, `Catch-up item ${missing}.${i}`)));
  }
  const head = await headNow();
  const catchUps: number[] = [];
  let events = 0;
  let pages = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const at = performance.now();
    events = 0;
    pages = 0;
    for (let after = Math.max(0, head - CATCHUP); ; ) {
      const page = await api<CatchUpPage>(server.url, reader, 'GET', `/api/committees/${committeeId}/events?after=${after}&limit=500`);
      if (page.status !== 200) throw new Error(`catch-up answered ${page.status}`);
      events += page.body.events.length;
      pages += 1;
      after = page.body.nextAfter;
      if (!page.body.hasMore || after >= head) break;
    }
    catchUps.push(performance.now() - at);
  }
  results.catchUp = { rounds: catchUps, events, pages };
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const selects: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const at = performance.now();
    await client.query('SELECT * FROM change_events WHERE committee_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [
      committeeId,
      head - CATCHUP,
      CATCHUP,
    ]);
    selects.push(performance.now() - at);
  }
  await client.end();
  results.select = selects;

  // (d) memory, then (c) fan-out, with SOCKETS subscribed clients in their own processes.
  console.log(`… ${SOCKETS} subscribed clients in ${POOLS} processes`);
  const item = await create(0, 'Fan-out bench item');
  if (item.status !== 201) throw new Error(`Could not create the fan-out item: ${item.status}`);
  let version = item.body.version;
  await sleep(1_000);
  const before = await memoryKiB(server.process, SIDANG_PROBE);
  const pools = await openPools({ url: server.url, committeeId, tokens, bare: false, sockets: SOCKETS, pools: POOLS });
  try {
    await sleep(2_000);
    const after = await memoryKiB(server.process, SIDANG_PROBE);
    results.memory = {
      sidang: { rss: (after.rss - before.rss) / SOCKETS, heap: (after.heap - before.heap) / SOCKETS },
      bare: { rss: Number.NaN, heap: Number.NaN },
    };
    console.log(`… fan-out of ${CHANGES} changes`);
    results.sidangFanOut = await fanOut(
      pools,
      CHANGES,
      async () => {
        const sentAt = epochNow();
        const patched = await api<ActionItem>(server.url, writers[1], 'PATCH', `/api/action-items/${item.body.id}`, {
          version,
          title: `Fan-out bench item ${version + 1}`,
        });
        if (patched.status !== 200) throw new Error(`PATCH answered ${patched.status}`);
        version = patched.body.version;
        return { key: `${item.body.id}@${version}`, sentAt };
      },
      () => `${item.body.id}@${version + 1}`,
    );
  } finally {
    closePools(pools);
  }
}

async function benchBare(sample: EventEnvelope, results: Partial<Results>): Promise<void> {
  console.log(`… bare socket.io, ${SOCKETS} clients in ${POOLS} processes`);
  const { url, child } = await startBare(BARE_PROBE);
  try {
    await sleep(1_000);
    const before = await memoryKiB(child, BARE_PROBE);
    const pools = await openPools({ url, committeeId: sample.committeeId, tokens: [], bare: true, sockets: SOCKETS, pools: POOLS });
    try {
      await sleep(2_000);
      const after = await memoryKiB(child, BARE_PROBE);
      if (results.memory) results.memory.bare = { rss: (after.rss - before.rss) / SOCKETS, heap: (after.heap - before.heap) / SOCKETS };
      const seqOf = (index: number) => sample.seq + 1_000 + index;
      results.bareFanOut = await fanOut(
        pools,
        CHANGES,
        async (index) => {
          const envelope = { ...sample, seq: seqOf(index) };
          const sentAt = epochNow();
          const response = await fetch(`${url}/emit`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(envelope),
          });
          if (response.status !== 204) throw new Error(`bare emit answered ${response.status}`);
          return { key: String(envelope.seq), sentAt };
        },
        (index) => String(seqOf(index)),
      );
    } finally {
      closePools(pools);
    }
  } finally {
    child.kill('SIGTERM');
  }
}

function print(results: Results): void {
  const row = (label: string, value: string, baseline: string, ratio: string, target: string) =>
    console.log(`${label.padEnd(46)}${value.padStart(16)}${baseline.padStart(16)}${ratio.padStart(10)}   ${target}`);
  const { creates, pgbench, burst, insertBurst, catchUp, select, memory, sidangFanOut, bareFanOut } = results;
  console.log('');
  console.log(`Write path: ${machineLine()}`);
  row('', 'Sidang', 'baseline', 'ratio', 'target');
  const createRatio = creates.perSecond / pgbench.tps;
  row(
    `(a) creates/s, ${WRITERS} writers`,
    fmt(creates.perSecond, 0),
    fmt(pgbench.tps, 0),
    `${fmt(100 * createRatio, 2)} %`,
    `≥ 4 % of pgbench ${createRatio >= 0.04 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `    ${creates.count} creates, ${creates.errors} errors, each answered in p50 ${fmt(creates.p50)} / p99 ${fmt(creates.p99)} ms; baseline: ${pgbench.how}`,
  );
  const burstMedian = median(burst.rounds);
  row(
    `(b) ${BURST} creates at once, last answered (ms)`,
    fmt(burstMedian, 0),
    fmt(median(insertBurst), 1),
    fmt(burstMedian / median(insertBurst), 1),
    `≤ 150 ms ${burstMedian <= 150 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `    median of ${ROUNDS}: ${burst.rounds.map((r) => fmt(r, 0)).join(', ')} ms, ${burst.errors} errors; baseline: ${BURST} single-row INSERTs at once over ${BURST} connections`,
  );
  const p99 = percentile(sidangFanOut.perClient, 99);
  const bareP99 = percentile(bareFanOut.perClient, 99);
  row(
    `(c) fan-out to ${SOCKETS} clients, p99 (ms)`,
    fmt(p99),
    fmt(bareP99),
    fmt(p99 / bareP99, 2),
    `≤ 2× bare ${p99 / bareP99 <= 2 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `    p50 ${fmt(percentile(sidangFanOut.perClient, 50))} / bare ${fmt(percentile(bareFanOut.perClient, 50))} ms; ${CHANGES} changes; missing ${sidangFanOut.missing} / bare ${bareFanOut.missing}, duplicates ${sidangFanOut.duplicates} / ${bareFanOut.duplicates}`,
  );
  // The heap after a full collection is what the sockets hold; the resident set lags behind it
  // (pages freed by the collection are returned when the allocator decides), so it is printed beside it.
  const perSocket = memory.sidang.heap;
  row(
    '(d) server memory per subscribed socket (KiB)',
    fmt(perSocket),
    fmt(memory.bare.heap),
    fmt(perSocket / memory.bare.heap, 1),
    `≤ 40 KiB ${perSocket <= 40 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `    JavaScript heap + external after ${SOCKETS} sockets connected and subscribed minus before, each after a full collection; resident set: ${fmt(memory.sidang.rss)} / bare ${fmt(memory.bare.rss)} KiB`,
  );
  const catchUpMedian = median(catchUp.rounds);
  row(
    `(e) catch-up of ${CATCHUP} events (ms)`,
    fmt(catchUpMedian, 0),
    fmt(median(select), 1),
    fmt(catchUpMedian / median(select), 1),
    `≤ 250 ms ${catchUpMedian <= 250 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `    median of ${ROUNDS}: ${catchUp.rounds.map((r) => fmt(r, 0)).join(', ')} ms, ${catchUp.events} events in ${catchUp.pages} pages; baseline: one SELECT of ${CATCHUP} event rows over pg`,
  );
}

async function main(): Promise<void> {
  const results: Partial<Results> = {};
  console.log(`… pgbench, ${WRITERS} clients for ${SECONDS} s`);
  results.pgbench = await pgbenchInserts();
  const { server, database, close } = await benchServer({
    SOCKETS_PER_USER_MAX: String(SOCKETS),
    NODE_OPTIONS: `--import ${MEMORY_PROBE}`,
    MEMORY_PROBE_PATH: SIDANG_PROBE,
  });
  try {
    await benchSidang(server, database as TestDatabase, results);
  } catch (error) {
    console.error(`Server output (tail):\n${server.logs().slice(-4_000)}`);
    throw error;
  } finally {
    await close();
    await rm(SIDANG_PROBE, { force: true });
    await rm(BARE_PROBE, { force: true });
  }
  const sample = results.sidangFanOut?.sample;
  if (!sample) throw new Error('No event reached the clients');
  await benchBare(sample, results);
  print(results as Results);
  const fanOuts = [results.sidangFanOut, results.bareFanOut];
  if (fanOuts.some((f) => !f || f.missing > 0 || f.duplicates > 0) || results.creates?.errors || results.burst?.errors) {
    console.error('\nErrors, missing or duplicate deliveries: see above.');
    process.exitCode = 1;
  }
}

await runBench(main);
