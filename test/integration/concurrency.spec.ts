import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ActionItem, EventEnvelope } from '@sidang/shared';
import { sql } from './support/db.js';
import { aCommittee, aMembership, aUser, type TestUser, unique } from './support/factories.js';
import { type LiveClient, TestApp } from './support/harness.js';

const WRITES = 30;

/** Concurrent writers on whichever store the run uses (TEST_STORE): PostgreSQL or embedded. */
describe('concurrent writes', () => {
  let app: TestApp;
  let committee: { id: string };
  let chair: TestUser;
  let readers: TestUser[];

  beforeAll(async () => {
    app = await TestApp.start({ SEED_DEMO: 'false' });
    committee = await aCommittee(app);
    chair = await aUser(app, { clearance: 'SECRET' });
    await aMembership(app, committee, chair, 'chair');
    readers = [await aUser(app, { clearance: 'CONFIDENTIAL' }), await aUser(app, { clearance: 'OPEN' })];
    for (const reader of readers) await aMembership(app, committee, reader, 'member');
  });

  afterAll(async () => {
    await app?.close();
  });

  it(`should answer ${WRITES} concurrent creates by the chair with 201 each, one event each, delivered once in seq order`, async () => {
    const subscribers: LiveClient[] = [];
    let head = 0;
    for (const user of [chair, ...readers]) {
      const client = await app.connect(user.token);
      const ack = await client.subscribe(committee.id);
      if (!ack.ok) throw new Error(ack.error);
      head = ack.seq;
      subscribers.push(client);
    }
    const batch = unique('Concurrent');

    const results = await Promise.all(
      Array.from({ length: WRITES }, (_, i) =>
        app.request<ActionItem>('POST', `/api/committees/${committee.id}/action-items`, chair.token, {
          title: `${batch} #${i}`,
          classification: 'OPEN',
        }),
      ),
    );

    expect(results.map((r) => r.status)).toEqual(Array(WRITES).fill(201));
    const ids = results.map((r) => r.body.id);
    expect(new Set(ids).size).toBe(WRITES);
    expect(results.map((r) => r.body.title).sort()).toEqual(Array.from({ length: WRITES }, (_, i) => `${batch} #${i}`).sort());

    // Exactly one event per record in the log, with seqs that follow the head without a gap.
    const stored: Array<{ entity_id: string; seq: string; verb: string }> = await sql(app).dataSource.query(
      'SELECT entity_id, seq, verb FROM change_events WHERE committee_id = $1 AND seq > $2 ORDER BY seq',
      [committee.id, head],
    );
    expect(stored.map((row) => row.entity_id).sort()).toEqual([...ids].sort());
    expect(stored.map((row) => Number(row.seq))).toEqual(Array.from({ length: WRITES }, (_, i) => head + i + 1));
    expect(new Set(stored.map((row) => row.verb))).toEqual(new Set(['created']));

    // Every subscriber, whatever its clearance, gets each of them exactly once, in seq order.
    const wanted = new Set(ids);
    for (const subscriber of subscribers) {
      const ours = () => subscriber.events.filter((e: EventEnvelope) => wanted.has(e.entityId));
      await subscriber.waitFor(() => ours().length >= WRITES, 15_000);
      await subscriber.delivered();
      expect(
        ours()
          .map((e) => e.entityId)
          .sort(),
      ).toEqual([...ids].sort());
      const seqs = subscriber.events.map((e) => e.seq);
      expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
      expect(ours().map((e) => e.type)).toEqual(Array(WRITES).fill('action-item.created'));
    }

    // Catch-up in small pages gives the same 30, once each.
    const { events: caughtUp } = await app.catchUp(readers[1]?.token as string, committee.id, head, 7);
    expect(caughtUp.map((e) => e.entityId).sort()).toEqual([...ids].sort());
    for (const subscriber of subscribers) subscriber.disconnect();
  });

  it('should answer reads and writes of several users at once without a wrong status', async () => {
    const item = await app.createItem(chair.token, committee.id, { title: unique('Contended'), classification: 'OPEN' });
    const calls = [
      ...Array.from({ length: 10 }, () => ({
        token: chair.token,
        method: 'GET',
        path: `/api/committees/${committee.id}/action-items`,
        ok: 200,
      })),
      ...readers.flatMap((reader) =>
        Array.from({ length: 5 }, () => ({ token: reader.token, method: 'GET', path: `/api/action-items/${item.id}`, ok: 200 })),
      ),
      ...Array.from({ length: 5 }, () => ({
        token: chair.token,
        method: 'GET',
        path: `/api/committees/${committee.id}/events?after=0&limit=5`,
        ok: 200,
      })),
      ...Array.from({ length: 10 }, (_, i) => ({
        token: chair.token,
        method: 'POST',
        path: `/api/action-items/${item.id}/updates`,
        body: { body: `Progress ${i}` },
        ok: 201,
      })),
    ];
    const results = await Promise.all(
      calls.map((call) => app.request(call.method, call.path, call.token, 'body' in call ? call.body : undefined)),
    );
    expect(results.map((r, i) => [calls[i]?.method, calls[i]?.path, r.status])).toEqual(
      calls.map((call) => [call.method, call.path, call.ok]),
    );
    const thread = await app.request<unknown[]>('GET', `/api/action-items/${item.id}/updates`, readers[1]?.token);
    expect(thread.body).toHaveLength(10);
  });
});

describe('a database that stays busy', () => {
  const ACQUIRE_TIMEOUT_MS = 500;
  let app: TestApp;
  let committee: { id: string };
  let chair: TestUser;

  beforeAll(async () => {
    app = await TestApp.start({ SEED_DEMO: 'false', DB_ACQUIRE_TIMEOUT_MS: String(ACQUIRE_TIMEOUT_MS) });
    committee = await aCommittee(app);
    chair = await aUser(app, { clearance: 'SECRET' });
    await aMembership(app, committee, chair, 'chair');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('should answer 503 within the acquire bound while every connection is taken, and serve again once one is free', async () => {
    const { dataSource } = sql(app);
    const poolSize = (dataSource.options.extra as { max: number }).max;
    if (app.store === 'embedded') expect(poolSize).toBe(1);
    // Take every connection of the app's pool, as long transactions would.
    const holders = Array.from({ length: poolSize }, () => dataSource.createQueryRunner());
    await Promise.all(holders.map((runner) => runner.connect()));
    try {
      const startedAt = Date.now();
      const [read, write] = await Promise.all([
        app.request<{ statusCode: number; message: string }>('GET', `/api/committees/${committee.id}/action-items`, chair.token),
        app.request<{ statusCode: number; message: string }>('POST', `/api/committees/${committee.id}/action-items`, chair.token, {
          title: 'Written while the database is busy',
        }),
      ]);
      const waited = Date.now() - startedAt;
      for (const busy of [read, write]) {
        expect(busy).toEqual({
          status: 503,
          body: expect.objectContaining({ statusCode: 503, code: 'busy', message: expect.stringMatching(/database is busy/) }),
        });
      }
      expect(waited).toBeGreaterThanOrEqual(ACQUIRE_TIMEOUT_MS - 50);
      expect(waited).toBeLessThan(ACQUIRE_TIMEOUT_MS + 5_000);
    } finally {
      await Promise.all(holders.map((runner) => runner.release()));
    }

    // Nothing was half-written, and the app answers normally again.
    const list = await app.request<ActionItem[]>('GET', `/api/committees/${committee.id}/action-items`, chair.token);
    expect(list.status).toBe(200);
    expect(list.body.map((item) => item.title)).not.toContain('Written while the database is busy');
    const created = await app.request<ActionItem>('POST', `/api/committees/${committee.id}/action-items`, chair.token, {
      title: 'Written once the database is free',
    });
    expect(created.status).toBe(201);
  });
});
