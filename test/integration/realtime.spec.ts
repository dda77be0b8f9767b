import { describe, expect, it } from '@jest/globals';
import type { ActionItem, EventEnvelope } from '@sidang/shared';
import { sql } from './support/db.js';
import { demoSuite } from './support/demo-suite.js';

describe('realtime change pipeline', () => {
  const demo = demoSuite(['chair', 'secretariat', 'member']);

  it('should deliver a change to another subscribed user without reload', async () => {
    const watcher = await demo.app.connect(demo.member.token);
    const ack = await watcher.subscribe(demo.committeeId);
    expect(ack).toEqual({ ok: true, seq: expect.any(Number) });

    const created = await demo.app.createItem(demo.chair.token, demo.committeeId, { title: 'Circulate the draft minutes of Bil. 3/2025' });

    const [event] = await watcher.waitFor((events) => events.some((e) => e.entityId === created.id));
    expect(event).toMatchObject({
      committeeId: demo.committeeId,
      type: 'action-item.created',
      entityId: created.id,
      version: 1,
      actorId: demo.chair.user.id,
      data: { id: created.id, title: 'Circulate the draft minutes of Bil. 3/2025', classification: 'OPEN' },
    });
    expect(event?.seq).toBeGreaterThan(ack.ok ? ack.seq : 0);
    watcher.disconnect();
  });

  it('should refuse a stale version with 409 and the current record', async () => {
    const item = await demo.app.createItem(demo.chair.token, demo.committeeId, { title: 'Update the TRL register' });
    const first = await demo.app.request<ActionItem>('PATCH', `/api/action-items/${item.id}`, demo.chair.token, {
      version: 1,
      status: 'in_progress',
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);

    const stale = await demo.app.request<{ statusCode: number; message: string; current: ActionItem }>(
      'PATCH',
      `/api/action-items/${item.id}`,
      demo.secretariat.token,
      { version: 1, title: 'Overwrite blindly' },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/version/);
    expect(stale.body.current).toMatchObject({ id: item.id, version: 2, status: 'in_progress', title: 'Update the TRL register' });

    const stored = await demo.app.request<ActionItem>('GET', `/api/action-items/${item.id}`, demo.chair.token);
    expect(stored.body).toMatchObject({ version: 2, title: 'Update the TRL register' });
  });

  it('should give every subscriber each of 30 parallel writes exactly once, in increasing seq', async () => {
    const subscribers = await Promise.all([
      demo.app.connect(demo.chair.token),
      demo.app.connect(demo.secretariat.token),
      demo.app.connect(demo.member.token),
    ]);
    await Promise.all(subscribers.map((s) => s.subscribe(demo.committeeId)));
    const existing: ActionItem[] = [];
    for (let i = 0; i < 20; i++)
      existing.push(await demo.app.createItem(demo.secretariat.token, demo.committeeId, { title: `Existing item ${i}` }));
    const before = new Set(subscribers[0]?.events.map((e) => e.seq));

    // 30 writes at once from two writers: 10 creates and 20 edits of different items.
    const writers = [demo.chair.token, demo.secretariat.token];
    const results = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) =>
        demo.app.request<ActionItem>('POST', `/api/committees/${demo.committeeId}/action-items`, writers[i % 2], {
          title: `Parallel item ${i}`,
        }),
      ),
      ...existing.map((item, i) =>
        demo.app.request<ActionItem>('PATCH', `/api/action-items/${item.id}`, writers[i % 2], { version: 1, priority: 'high' }),
      ),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([...Array(20).fill(200), ...Array(10).fill(201)]);
    const written = new Set(results.map((r) => `${r.body.id}@${r.body.version}`));

    for (const subscriber of subscribers) {
      const fresh = () => subscriber.events.filter((e) => !before.has(e.seq) && written.has(`${e.entityId}@${e.version}`));
      await subscriber.waitFor(() => fresh().length >= 30);
      await subscriber.delivered();
      const seqs = fresh().map((e) => e.seq);
      expect(seqs).toHaveLength(30);
      expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
      const all = subscriber.events.map((e) => e.seq);
      expect(all).toEqual([...new Set(all)].sort((a, b) => a - b));
    }
    for (const subscriber of subscribers) subscriber.disconnect();
  });

  it('should let a client that missed 20 changes catch up on all of them once, in order', async () => {
    const client = await demo.app.connect(demo.member.token);
    const ack = await client.subscribe(demo.committeeId);
    if (!ack.ok) throw new Error(ack.error);
    const item = await demo.app.createItem(demo.chair.token, demo.committeeId, { title: 'Item edited while offline' });
    await client.waitFor((events) => events.some((e) => e.entityId === item.id));
    const lastSeen = Math.max(...client.events.map((e) => e.seq));
    client.disconnect();

    let version = item.version;
    for (let i = 0; i < 20; i++) {
      const result = await demo.app.request<ActionItem>('PATCH', `/api/action-items/${item.id}`, demo.chair.token, {
        version,
        description: `Revision ${i + 1}`,
      });
      version = result.body.version;
    }

    // Reconnect in the order the client's sync engine uses: subscribe first (live from here),
    // then catch up from lastSeen, in pages of 6 (20 missed events: four requests).
    const back = await demo.app.connect(demo.member.token);
    const again = await back.subscribe(demo.committeeId);
    if (!again.ok) throw new Error(again.error);
    const { events: missed, pages } = await demo.app.catchUp(demo.member.token, demo.committeeId, lastSeen, 6);
    expect(pages).toBeGreaterThanOrEqual(4);
    const applied = new Map<number, EventEnvelope>();
    for (const event of [...missed, ...back.events]) applied.set(event.seq, event);
    const ofItem = [...applied.values()].filter((e) => e.entityId === item.id).sort((a, b) => a.seq - b.seq);

    expect(ofItem).toHaveLength(20);
    expect(ofItem.map((e) => e.version)).toEqual(Array.from({ length: 20 }, (_, i) => item.version + i + 1));
    expect(ofItem.at(-1)?.data).toMatchObject({ description: 'Revision 20', version: 21 });
    expect(missed.map((e) => e.seq)).toEqual([...new Set(missed.map((e) => e.seq))].sort((a, b) => a - b));
    expect(again.seq).toBeGreaterThanOrEqual(Math.max(...missed.map((e) => e.seq)));
    back.disconnect();
  });

  it('should page catch-up without losing or repeating events', async () => {
    const { events: all, pages: one } = await demo.app.catchUp(demo.chair.token, demo.committeeId, 0, 500);
    const { events: paged, pages } = await demo.app.catchUp(demo.chair.token, demo.committeeId, 0, 7);
    expect(paged.map((e) => e.seq)).toEqual(all.map((e) => e.seq));
    expect(all.length).toBeGreaterThan(14);
    expect(one).toBe(1);
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(all.length / 7));
  });

  it('should write exactly one event and one audit row per change', async () => {
    const item = await demo.app.createItem(demo.chair.token, demo.committeeId, { title: 'Audited item' });
    await demo.app.request('PATCH', `/api/action-items/${item.id}`, demo.chair.token, { version: 1, title: 'Audited item (renamed)' });
    await demo.app.request('PATCH', `/api/action-items/${item.id}`, demo.chair.token, { version: 1, title: 'Refused: stale' });
    const deleted = await demo.app.request('DELETE', `/api/action-items/${item.id}?version=2`, demo.chair.token);
    expect(deleted.status).toBe(204);

    const { dataSource } = sql(demo.app);
    const events = await dataSource.query('SELECT verb, version FROM change_events WHERE entity_id = $1 ORDER BY seq', [item.id]);
    const audits = await dataSource.query('SELECT verb, before, after FROM audit_entries WHERE entity_id = $1 ORDER BY seq', [item.id]);
    expect(events).toEqual([
      { verb: 'created', version: 1 },
      { verb: 'updated', version: 2 },
      { verb: 'deleted', version: 3 },
    ]);
    expect(audits.map((a: { verb: string }) => a.verb)).toEqual(['created', 'updated', 'deleted']);
    expect(audits[1]).toMatchObject({ before: { title: 'Audited item' }, after: { title: 'Audited item (renamed)' } });

    const gone = await demo.app.request('GET', `/api/action-items/${item.id}`, demo.chair.token);
    expect(gone.status).toBe(404);
    const kept = await dataSource.query('SELECT deleted_at FROM action_items WHERE id = $1', [item.id]);
    expect(kept[0].deleted_at).not.toBeNull();
  });
});
