import { afterAll, describe, expect, it } from '@jest/globals';
import type { ActionItem, ActionItemStatus, CatchUpPage, EventEnvelope } from '@sidang/shared';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import {
  type ApiResponse,
  api,
  DEMO_USERS,
  demoCommittee,
  killAllServers,
  login,
  type RunningServer,
  startServer,
} from '../support/server-process.js';

const WRITERS = 5;
/** Each writer creates an item, then patches it this many times, then starts a new one. */
const PATCHES_PER_ITEM = 4;
/** Upper bound per writer, so the test ends even if the kill never comes. */
const MAX_WRITES_PER_WRITER = 200;
/** SIGKILL once this many writes were acknowledged: far enough in to have history, mid-stream. */
const KILL_AFTER_ACKS = 60;
const KILL_AT_THE_LATEST_MS = 30_000;
const STATUSES: ActionItemStatus[] = ['in_progress', 'blocked', 'open', 'done'];

describe('Sidang durability under SIGKILL (PostgreSQL)', () => {
  let database: TestDatabase | undefined;
  const servers: RunningServer[] = [];

  afterAll(async () => {
    await Promise.allSettled(servers.map((server) => server.stop()));
    await killAllServers();
    await database?.drop();
  }, 60_000);

  it('should keep every acknowledged write and exactly one event per stored change after a SIGKILL', async () => {
    database = await createTestDatabase();
    const env = { DATABASE_URL: database.url };
    const first = await startServer({ env });
    servers.push(first);

    const [chair, secretariat] = await Promise.all([login(first.url, DEMO_USERS.chair), login(first.url, DEMO_USERS.secretariat)]);
    const committeeId = (await demoCommittee(first.url, chair.accessToken)).id;
    const runTag = `durability-${Date.now()}`;

    /** id → highest version the server acknowledged with a 2xx. */
    const acknowledged = new Map<string, number>();
    let acks = 0;
    /** 4xx/5xx answers before the kill: each writer edits only its own items, so none is expected. */
    const unexpected: string[] = [];
    let killed = false;
    /** Writers whose request died with the server (sent, never answered). */
    let cutOff = 0;

    const acknowledge = (item: ActionItem): void => {
      acks += 1;
      acknowledged.set(item.id, Math.max(acknowledged.get(item.id) ?? 0, item.version));
    };

    async function writer(index: number): Promise<void> {
      // Both roles may edit any action item: alternate them so both paths are exercised.
      const token = index % 2 === 0 ? chair.accessToken : secretariat.accessToken;
      let writes = 0;
      for (let itemNo = 0; writes < MAX_WRITES_PER_WRITER; itemNo += 1) {
        const title = `${runTag} w${index} item${itemNo}`;
        let response: ApiResponse<ActionItem>;
        try {
          writes += 1;
          response = await api<ActionItem>(first.url, token, 'POST', `/api/committees/${committeeId}/action-items`, {
            title,
            classification: 'OPEN',
          });
        } catch {
          cutOff += 1;
          return; // The server is gone: this write was never acknowledged.
        }
        if (response.status !== 201) {
          if (!killed) unexpected.push(`POST → ${response.status} ${JSON.stringify(response.body)}`);
          return;
        }
        acknowledge(response.body);
        let version = response.body.version;
        for (let patch = 1; patch <= PATCHES_PER_ITEM && writes < MAX_WRITES_PER_WRITER; patch += 1) {
          try {
            writes += 1;
            response = await api<ActionItem>(first.url, token, 'PATCH', `/api/action-items/${response.body.id}`, {
              version,
              title: `${title} rev${patch}`,
              status: STATUSES[patch % STATUSES.length],
            });
          } catch {
            cutOff += 1;
            return;
          }
          if (response.status !== 200) {
            if (!killed) unexpected.push(`PATCH → ${response.status} ${JSON.stringify(response.body)}`);
            return;
          }
          acknowledge(response.body);
          version = response.body.version;
        }
      }
    }

    const writers = Array.from({ length: WRITERS }, (_, index) => writer(index));
    const deadline = Date.now() + KILL_AT_THE_LATEST_MS;
    while (acks < KILL_AFTER_ACKS && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    killed = true;
    const killedAt = await first.kill('SIGKILL');
    expect(killedAt.signal).toBe('SIGKILL');
    await Promise.all(writers);

    expect(unexpected).toEqual([]);
    expect(acks).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

    const second = await startServer({ env });
    servers.push(second);
    const token = (await login(second.url, DEMO_USERS.chair)).accessToken;

    // 1. Every acknowledged write survived, at least at the version that was acknowledged.
    const lost: string[] = [];
    for (const [id, version] of acknowledged) {
      const stored = await api<ActionItem>(second.url, token, 'GET', `/api/action-items/${id}`);
      if (stored.status !== 200) lost.push(`${id}: GET → ${stored.status}`);
      else if (stored.body.version < version) lost.push(`${id}: acknowledged v${version}, stored v${stored.body.version}`);
    }
    expect(lost).toEqual([]);

    // 2. The event log: read it all (as the chair, who may see everything), page by page.
    const events: EventEnvelope[] = [];
    let after = 0;
    for (let page = 0; page < 1_000; page += 1) {
      const response = await api<CatchUpPage>(second.url, token, 'GET', `/api/committees/${committeeId}/events?after=${after}&limit=500`);
      expect(response.status).toBe(200);
      events.push(...response.body.events);
      if (!response.body.hasMore) break;
      expect(response.body.nextAfter).toBeGreaterThan(after);
      after = response.body.nextAfter;
    }
    const seqs = events.map((event) => event.seq);
    const outOfOrder = seqs.filter((seq, index) => index > 0 && seq <= (seqs[index - 1] ?? 0));
    expect(outOfOrder).toEqual([]);

    // 3. One event per stored change: for each of our items, versions 1..N in seq order, once each.
    const stored = (await api<ActionItem[]>(second.url, token, 'GET', `/api/committees/${committeeId}/action-items`)).body.filter((item) =>
      item.title.startsWith(runTag),
    );
    const storedById = new Map(stored.map((item) => [item.id, item]));
    for (const id of acknowledged.keys()) expect(storedById.has(id)).toBe(true);

    const itemEvents = events.filter((event) => event.type.startsWith('action-item.'));
    const mismatches: string[] = [];
    for (const item of stored) {
      const history = itemEvents.filter((event) => event.entityId === item.id);
      const versions = history.map((event) => event.version);
      const expected = Array.from({ length: item.version }, (_, index) => index + 1);
      if (JSON.stringify(versions) !== JSON.stringify(expected)) {
        mismatches.push(`${item.id} stored v${item.version}: event versions ${JSON.stringify(versions)}`);
      } else if (history[0]?.type !== 'action-item.created' || history.slice(1).some((e) => e.type !== 'action-item.updated')) {
        mismatches.push(`${item.id}: event types ${JSON.stringify(history.map((event) => event.type))}`);
      }
    }
    expect(mismatches).toEqual([]);

    // 4. No event for a change that was not stored (e.g. emitted, then rolled back by the kill).
    const phantoms = itemEvents
      .filter((event) => String((event.data as { title?: unknown } | null)?.title ?? '').startsWith(runTag))
      .filter((event) => !storedById.has(event.entityId))
      .map((event) => `${event.type} ${event.entityId} v${event.version}`);
    expect(phantoms).toEqual([]);

    const ourEvents = itemEvents.filter((event) => storedById.has(event.entityId)).length;
    // What this run covered: the kill landed mid-stream only if writes were cut off in flight.
    console.info(
      `durability: ${acks} acknowledged writes on ${acknowledged.size} items before SIGKILL, ` +
        `${cutOff} writers cut off mid-request; after restart ${stored.length} items with ${ourEvents} events`,
    );
  }, 180_000);
});
