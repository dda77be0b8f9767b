/**
 * Many sockets across three nodes behind nginx (issue 19, point 5, last sentence). PostgreSQL and
 * Redis, as the fault tests run them (test/cluster/).
 *
 *   npm run bench:cluster        (builds, then this; not part of npm test or CI)
 *
 * Starts three instances of the built server on one database and a private Redis, nginx in front
 * (its `worker_connections` raised: each socket is two of its connections), and opens
 * BENCH_SOCKETS (10000) subscribed socket.io clients through nginx in BENCH_POOLS (8) client
 * processes of their own (socket-clients.ts), each socket with an affinity key of its own so that
 * nginx spreads them over the nodes. Then BENCH_CHANGES (20) changes, one at a time, each written
 * through nginx to whichever node it lands on and relayed by every node to its own sockets. It
 * prints the p50/p99 from each request to each client's receipt, missing and duplicate
 * deliveries, and each node's sockets and memory (JavaScript heap + external after a full
 * collection, and resident set) before and after the sockets connected.
 */
import { rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ActionItem } from '@sidang/shared';
import { type Cluster, startCluster } from '../cluster/cluster.js';
import { api } from '../support/server-process.js';
import {
  closePools,
  demoWorld,
  epochNow,
  fanOut,
  fmt,
  MEMORY_PROBE,
  machineLine,
  memoryKiB,
  openPools,
  type Pool,
  percentile,
  runBench,
  sleep,
} from './bench-kit.js';

const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 10_000);
const POOLS = Number(process.env.BENCH_POOLS ?? 8);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 20);
const NODES = 3;
const PROBE = join(os.tmpdir(), `sidang-bench-cluster-memory-${process.pid}-{pid}.json`);
const probeOf = (pid: number | undefined) => PROBE.replace('{pid}', String(pid));

/** Live sockets on one node, from its /metrics (asked on loopback, as an operator's scraper would). */
async function socketsOn(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^sidang_socket_connections (\d+)/m.exec(text)?.[1] ?? Number.NaN);
}

async function memoryOfNodes(cluster: Cluster): Promise<Array<{ rss: number; heap: number }>> {
  const memory = [];
  for (const node of cluster.nodes) memory.push(await memoryKiB(node.server.process, probeOf(node.server.process.pid)));
  return memory;
}

async function main(): Promise<void> {
  console.log(`… three nodes behind nginx, ${SOCKETS} sockets in ${POOLS} client processes`);
  const cluster = await startCluster({
    nodes: NODES,
    env: {
      SOCKETS_PER_USER_MAX: String(Math.min(10_000, SOCKETS)),
      NODE_OPTIONS: `--import ${MEMORY_PROBE}`,
      MEMORY_PROBE_PATH: PROBE,
    },
    nginxWorkerConnections: SOCKETS + 1_024,
  });
  let pools: Pool[] = [];
  try {
    const world = await demoWorld(cluster.url);
    const item = await world.create(1, 'Cluster bench item');
    if (item.status !== 201) throw new Error(`Could not create the bench item: ${item.status}`);
    let version = item.body.version;
    await sleep(1_000);
    const before = await memoryOfNodes(cluster);
    const connectStarted = performance.now();
    pools = await openPools({
      url: cluster.url,
      committeeId: world.committeeId,
      tokens: world.tokens,
      bare: false,
      sockets: SOCKETS,
      pools: POOLS,
      affinity: 'b',
    });
    const connectMs = performance.now() - connectStarted;
    await sleep(2_000);
    const perNode = await Promise.all(cluster.nodes.map((node) => socketsOn(node.url)));
    const after = await memoryOfNodes(cluster);
    console.log(`… fan-out of ${CHANGES} changes`);
    const result = await fanOut(
      pools,
      CHANGES,
      async () => {
        const sentAt = epochNow();
        const patched = await api<ActionItem>(cluster.url, world.writers[1], 'PATCH', `/api/action-items/${item.body.id}`, {
          version,
          title: `Cluster bench item ${version + 1}`,
        });
        if (patched.status !== 200) throw new Error(`PATCH answered ${patched.status}`);
        version = patched.body.version;
        return { key: `${item.body.id}@${version}`, sentAt };
      },
      () => `${item.body.id}@${version + 1}`,
      60_000,
    );

    console.log('');
    console.log(`Cluster: ${NODES} nodes behind nginx, ${machineLine()}`);
    console.log(`${SOCKETS} sockets connected and subscribed through nginx in ${fmt(connectMs / 1000)} s`);
    console.log(
      `fan-out of ${CHANGES} changes to every socket: p50 ${fmt(percentile(result.perClient, 50))} / p99 ${fmt(
        percentile(result.perClient, 99),
      )} / max ${fmt(percentile(result.perClient, 100))} ms from the request; missing ${result.missing}, duplicates ${result.duplicates}`,
    );
    let heapTotal = 0;
    let socketsTotal = 0;
    for (const [index, node] of cluster.nodes.entries()) {
      const sockets = perNode[index] ?? Number.NaN;
      const heap = (after[index]?.heap ?? Number.NaN) - (before[index]?.heap ?? Number.NaN);
      const rss = (after[index]?.rss ?? Number.NaN) - (before[index]?.rss ?? Number.NaN);
      heapTotal += heap;
      socketsTotal += sockets;
      console.log(
        `node ${index} (port ${node.port}): ${sockets} sockets; heap + external ${fmt((after[index]?.heap ?? Number.NaN) / 1024)} MiB (+${fmt(
          heap / 1024,
        )} MiB, ${fmt(heap / sockets)} KiB per socket); resident ${fmt((after[index]?.rss ?? Number.NaN) / 1024)} MiB (+${fmt(rss / 1024)} MiB)`,
      );
    }
    console.log(`all nodes: ${socketsTotal} sockets, ${fmt(heapTotal / socketsTotal)} KiB of heap + external per socket`);
    if (result.missing > 0 || result.duplicates > 0) {
      console.error('\nMissing or duplicate deliveries: see above.');
      process.exitCode = 1;
    }
  } catch (error) {
    console.error(`Node output (tail):\n${cluster.logs().slice(-6_000)}`);
    throw error;
  } finally {
    closePools(pools);
    await cluster.close();
    for (const node of cluster.nodes) await rm(probeOf(node.server.process.pid), { force: true });
  }
}

await runBench(main);
