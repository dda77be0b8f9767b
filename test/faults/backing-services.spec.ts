import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Cluster, type ClusterNode, report, startCluster, waitFor } from '../cluster/cluster.js';
import { committeeOf, createItem, inOrderOnce, keepWriting, type Person, readLog, signIn } from '../cluster/people.js';
import { openReader, type Reader, seqs } from '../cluster/reader.js';
import { DEMO_USERS, login } from '../support/server-process.js';

/** The relay's safety-net sweep in these instances: long enough to tell it from a Redis signal. */
const SWEEP_MS = 3_000;
/** A Redis signal reaches another node's screen well inside this; the sweep alone rarely does. */
const SIGNAL_MS = 1_000;

/**
 * Three instances behind nginx on a private Redis and a private PostgreSQL cluster, which the
 * tests stop and start again under them. The instances themselves are never restarted.
 */
describe('three nodes behind nginx: Redis and PostgreSQL go away and come back', () => {
  let cluster: Cluster;
  let chair: Person;
  let committeeId: string;
  let keys: string[];
  const readers: Reader[] = [];

  beforeAll(async () => {
    cluster = await startCluster({ postgres: 'private', env: { RELAY_SWEEP_MS: String(SWEEP_MS) } });
    chair = await signIn(cluster.url, 'chair');
    committeeId = await committeeOf(cluster.url, chair);
    keys = await cluster.keysByNode();
    for (const [node, key] of keys.entries()) {
      readers.push(openReader({ name: `chair on node ${node}`, url: cluster.url, token: chair.token, committeeId, affinity: key }));
    }
    await Promise.all(readers.map((reader) => reader.live()));
  }, 180_000);

  afterAll(async () => {
    for (const reader of readers) reader.stop();
    await cluster?.close();
  });

  /** Writes through node 0 and resolves with how long each other node's reader took to apply it. */
  const writeAndTime = async (title: string): Promise<{ seq: number; ms: number[] }> => {
    const written = await createItem(cluster.url, chair, committeeId, { title }, keys[0]);
    expect(written.status).toBe(201);
    const answeredAt = Date.now();
    const seq = (await readLog(cluster.url, chair, committeeId)).find((event) => event.entityId === written.body.id)?.seq as number;
    const others = readers.slice(1);
    await Promise.all(others.map((reader) => reader.reached(seq, SWEEP_MS * 3)));
    return { seq, ms: others.map((reader) => (reader.appliedAt.get(seq) as number) - answeredAt) };
  };

  const expectWhole = async (baseline: number): Promise<void> => {
    const log = seqs(await readLog(cluster.url, chair, committeeId, baseline));
    for (const reader of readers) {
      await reader.reached(log.at(-1) as number, SWEEP_MS * 3);
      const applied = seqs(reader.applied.filter((event) => event.seq > baseline));
      expect({ reader: reader.name, inOrderOnce: inOrderOnce(applied), applied }).toEqual({
        reader: reader.name,
        inOrderOnce: true,
        applied: log,
      });
    }
  };

  it('should fall back to the relay sweep while Redis is down, keep writes reaching every node, and go back to Redis signals by itself', async () => {
    const baseline = (await readLog(cluster.url, chair, committeeId)).at(-1)?.seq ?? 0;
    // Healthy: another node's screen has a write within a Redis signal.
    const healthy = await writeAndTime('Before Redis stops');
    expect(Math.max(...healthy.ms)).toBeLessThan(SIGNAL_MS);

    await cluster.redis.stop();
    const stoppedAt = Date.now();
    // Writes and sign-ins go on without Redis, on every node.
    for (const [node, key] of keys.entries()) {
      const started = Date.now();
      const written = await createItem(cluster.url, chair, committeeId, { title: `While Redis is down, node ${node}` }, key);
      expect(written.status).toBe(201);
      expect(Date.now() - started).toBeLessThan(5_000);
    }
    const signedIn = await login(cluster.url, DEMO_USERS.member);
    expect(signedIn.accessToken).toBeTruthy();
    // The other nodes learn of them from the sweep: every screen has every write within it.
    const degraded = await writeAndTime('While Redis is down, timed');
    report(`Redis down: another node's screen had a write after ${degraded.ms.join(' and ')} ms (sweep every ${SWEEP_MS} ms)`);
    expect(Math.max(...degraded.ms)).toBeLessThan(SWEEP_MS * 2 + 1_000);
    await expectWhole(baseline);

    await cluster.redis.start();
    const restartedAt = Date.now();
    // Back by itself: no instance restarted, each resubscribes and signals again.
    await waitFor(
      'a Redis signal to carry a write to the other nodes again',
      async () => Math.max(...(await writeAndTime('After Redis returns, probe')).ms) < SIGNAL_MS,
      30_000,
    );
    report(`Redis back: signals carried writes again ${((Date.now() - restartedAt) / 1000).toFixed(1)} s after it returned`);
    // Not a lucky sweep: several writes in a row each arrive within a signal.
    for (let i = 0; i < 3; i += 1) {
      const timed = await writeAndTime(`After Redis returns ${i}`);
      expect(Math.max(...timed.ms)).toBeLessThan(SIGNAL_MS);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await expectWhole(baseline);
    // The sockets never depended on Redis: no screen dropped.
    for (const reader of readers) expect(reader.states.filter((entry) => entry.at > stoppedAt).map((entry) => entry.state)).toEqual([]);
    for (const node of cluster.nodes) expect(node.server.process.exitCode).toBeNull();
  });

  it('should answer not ready while PostgreSQL is down and ready again when it returns, with no restart and no acknowledged write lost', async () => {
    const postgres = cluster.postgres;
    if (!postgres) throw new Error('the cluster has no private PostgreSQL');
    const baseline = (await readLog(cluster.url, chair, committeeId)).at(-1)?.seq ?? 0;
    const pids = cluster.nodes.map((node) => node.server.process.pid);
    const readiness = '/api/health/ready';

    const acked: string[] = [];
    for (const [node, key] of keys.entries()) {
      for (let i = 0; i < 2; i += 1) {
        const written = await createItem(cluster.url, chair, committeeId, { title: `Before PostgreSQL stops, node ${node}/${i}` }, key);
        expect(written.status).toBe(201);
        acked.push(written.body.id);
      }
    }

    // A writer goes on through the crash: what it was told was written must survive it.
    const writer = keepWriting(cluster.url, chair, committeeId, keys, 'Through the PostgreSQL restart');
    await new Promise((resolve) => setTimeout(resolve, 500));
    // As in a crash: every PostgreSQL process ends at once; the next start recovers from the WAL.
    await postgres.crash();
    const crashedAt = Date.now();
    for (const node of cluster.nodes) {
      await waitFor(`node ${node.index} to answer not ready`, async () => (await status(node, readiness)) === 503, 15_000);
    }
    report(`PostgreSQL down: every node answered ${readiness} 503 within ${((Date.now() - crashedAt) / 1000).toFixed(1)} s`);
    // A write while it is down is refused, never acknowledged, and answered rather than left hanging.
    const refused = await createItem(cluster.url, chair, committeeId, { title: 'While PostgreSQL is down' }, keys[1]);
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ statusCode: 503, code: 'busy' });
    // A screen whose connection drops while the database is down tries to reconnect: its token
    // cannot be checked now, which must not sign the person out.
    const blip = readers[1] as Reader;
    const blipAt = Date.now();
    blip.socket.io.engine.close();
    await waitFor(
      'the dropped screen to try again',
      () => blip.states.some((entry) => entry.at >= blipAt && entry.state === 'offline'),
      5_000,
    );
    // Down long enough for every pooled connection, relay sweep and session check to fail.
    await new Promise((resolve) => setTimeout(resolve, SWEEP_MS));

    await postgres.start();
    const restartedAt = Date.now();
    for (const node of cluster.nodes) {
      await waitFor(`node ${node.index} to answer ready`, async () => (await status(node, readiness)) === 200, 30_000);
    }
    report(`PostgreSQL back: every node answered ${readiness} 200 ${((Date.now() - restartedAt) / 1000).toFixed(1)} s after it started`);
    // The same processes: nothing restarted them.
    expect(cluster.nodes.map((node) => node.server.process.pid)).toEqual(pids);
    for (const node of cluster.nodes) expect(node.server.process.exitCode).toBeNull();

    for (const [node, key] of keys.entries()) {
      const written = await createItem(cluster.url, chair, committeeId, { title: `After PostgreSQL returns, node ${node}` }, key);
      expect(written.status).toBe(201);
      acked.push(written.body.id);
    }
    const through = await writer.stop();
    report(
      `PostgreSQL restart: the writer had ${through.acked.length} writes acknowledged, ${through.failed.length} refused (${[...new Set(through.failed.map((f) => f.status))].join(', ')})`,
    );
    // Refused while it was down, with 503, never a 500; acknowledged on both sides of the outage.
    expect(through.failed.length).toBeGreaterThan(0);
    expect(through.failed.filter((failure) => failure.status !== 503)).toEqual([]);
    expect(through.acked.filter((item) => Date.parse(item.createdAt) < crashedAt).length).toBeGreaterThan(0);
    expect(through.acked.filter((item) => Date.parse(item.createdAt) > restartedAt).length).toBeGreaterThan(0);
    acked.push(...through.acked.map((item) => item.id));
    // Every acknowledged write, before, through and after, is in the log once; the refused one is not.
    const log = await readLog(cluster.url, chair, committeeId, baseline);
    const created = log.filter((event) => event.type === 'action-item.created');
    expect(created.map((event) => event.entityId).sort()).toEqual([...acked].sort());
    expect(JSON.stringify(log)).not.toContain('While PostgreSQL is down');
    // The screen that dropped during the outage came back by itself and was never signed out.
    const back = await waitFor('the dropped screen to be live again', () => blip.liveAgainAfter(blipAt), 15_000);
    report(
      `PostgreSQL restart: a screen that dropped during the outage was live again ${((back.at - restartedAt) / 1000).toFixed(1)} s after it returned`,
    );
    expect(readers.map((reader) => reader.signedOut)).toEqual(readers.map(() => false));
    await expectWhole(baseline);
  });
});

async function status(node: ClusterNode, path: string): Promise<number> {
  const response = await fetch(`${node.url}${path}`, { signal: AbortSignal.timeout(5_000) });
  await response.arrayBuffer();
  return response.status;
}
