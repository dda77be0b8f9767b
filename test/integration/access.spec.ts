import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ActionItem, CLASSIFICATIONS, type Classification, type EventEnvelope } from '@sidang/shared';
import { type DemoUser, type LiveClient, type Session, settle, TestApp } from './support/harness.js';

/** One user per clearance level, all members of the demo committee. */
const READERS: Array<[DemoUser, Classification]> = [
  ['chair', 'SECRET'],
  ['member', 'CONFIDENTIAL'],
  ['nres', 'RESTRICTED'],
  ['observer', 'OPEN'],
];

describe('need-to-know on every channel', () => {
  let app: TestApp;
  const sessions = new Map<DemoUser, Session>();
  const live = new Map<DemoUser, LiveClient>();
  let committeeId: string;
  let workingGroupId: string;
  let startSeq: number;
  const items = new Map<Classification, ActionItem>();

  beforeAll(async () => {
    app = await TestApp.start();
    for (const [user] of READERS) sessions.set(user, await app.login(user));
    const chair = sessions.get('chair') as Session;
    const committees = await app.committees(chair.token);
    committeeId = committees.main.id;
    workingGroupId = committees.workingGroup?.id as string;
    for (const [user] of READERS) {
      const client = await app.connect(sessions.get(user)?.token);
      const ack = await client.subscribe(committeeId);
      if (!ack.ok) throw new Error(ack.error);
      startSeq = ack.seq;
      live.set(user, client);
    }
    for (const classification of CLASSIFICATIONS) {
      items.set(
        classification,
        await app.createItem(chair.token, committeeId, { title: `Paper marked ${classification}`, classification }),
      );
    }
    await (live.get('chair') as LiveClient).waitFor((events) => events.length >= 4);
    await settle();
  });

  afterAll(async () => {
    await app.close();
  });

  const token = (user: DemoUser) => (sessions.get(user) as Session).token;
  const cleared = (clearance: Classification) => CLASSIFICATIONS.slice(0, CLASSIFICATIONS.indexOf(clearance) + 1);
  const idsOf = (classifications: Classification[]) => classifications.map((c) => items.get(c)?.id).sort();

  it.each(READERS)('should list for %s (%s) only what the clearance allows', async (user, clearance) => {
    const { status, body } = await app.request<ActionItem[]>('GET', `/api/committees/${committeeId}/action-items`, token(user));
    expect(status).toBe(200);
    const seen = body
      .filter((item) => item.title.startsWith('Paper marked'))
      .map((item) => item.id)
      .sort();
    expect(seen).toEqual(idsOf(cleared(clearance)));
    expect(body.every((item) => cleared(clearance).includes(item.classification))).toBe(true);
  });

  it.each(READERS)('should answer GET by id for %s (%s) with 404 above the clearance', async (user, clearance) => {
    for (const classification of CLASSIFICATIONS) {
      const { status } = await app.request('GET', `/api/action-items/${items.get(classification)?.id}`, token(user));
      expect([classification, status]).toEqual([classification, cleared(clearance).includes(classification) ? 200 : 404]);
    }
  });

  it.each(READERS)('should deliver over the socket to %s (%s) only cleared events', async (user, clearance) => {
    const received = (live.get(user) as LiveClient).events.filter((e) => e.seq > startSeq);
    expect(received.map((e) => e.entityId).sort()).toEqual(idsOf(cleared(clearance)));
    expect(received.every((e) => cleared(clearance).includes((e.data as ActionItem).classification))).toBe(true);
  });

  it.each(READERS)('should serve %s (%s) catch-up filtered the same way', async (user, clearance) => {
    const { events } = await app.catchUp(token(user), committeeId, startSeq);
    expect(events.map((e) => e.entityId).sort()).toEqual(idsOf(cleared(clearance)));
    const { events: everything } = await app.catchUp(token(user), committeeId, 0);
    expect(everything.every((e) => cleared(clearance).includes((e.data as ActionItem).classification))).toBe(true);
  });

  it('should tell readers below a raised classification to drop the record, and nothing more', async () => {
    const open = items.get('OPEN') as ActionItem;
    const mark = Math.max(...[...live.values()].flatMap((c) => c.events.map((e) => e.seq)));
    const raised = await app.request<ActionItem>('PATCH', `/api/action-items/${open.id}`, token('chair'), {
      version: open.version,
      classification: 'CONFIDENTIAL',
      title: 'Now confidential title',
    });
    expect(raised.status).toBe(200);
    const after = (user: DemoUser) => (live.get(user) as LiveClient).events.filter((e) => e.seq > mark);
    await (live.get('observer') as LiveClient).waitFor(() => after('observer').length === 1);
    await (live.get('member') as LiveClient).waitFor(() => after('member').length === 1);
    await settle();

    for (const user of ['observer', 'nres'] as const) {
      expect(after(user)).toEqual([expect.objectContaining({ type: 'action-item.hidden', entityId: open.id, data: { id: open.id } })]);
      expect(JSON.stringify(after(user))).not.toContain('Now confidential');
      const { events } = await app.catchUp(token(user), committeeId, 0);
      const ofItem = events.filter((e) => e.entityId === open.id);
      expect(ofItem.map((e) => e.type)).toEqual(['action-item.hidden']);
    }
    for (const user of ['chair', 'member'] as const) {
      expect(after(user)).toEqual([
        expect.objectContaining({ type: 'action-item.updated', data: expect.objectContaining({ title: 'Now confidential title' }) }),
      ]);
    }
  });

  it('should show a lowered record in full to readers newly cleared for it, live and on catch-up', async () => {
    const secret = await app.createItem(token('chair'), committeeId, { title: 'Declassified later', classification: 'SECRET' });
    const mark = Math.max(...[...live.values()].flatMap((c) => c.events.map((e) => e.seq)));
    const lowered = await app.request<ActionItem>('PATCH', `/api/action-items/${secret.id}`, token('chair'), {
      version: secret.version,
      classification: 'OPEN',
    });
    expect(lowered.status).toBe(200);
    const observer = live.get('observer') as LiveClient;
    await observer.waitFor((events) => events.some((e) => e.seq > mark && e.entityId === secret.id));
    expect(observer.events.filter((e) => e.seq > mark)).toEqual([
      expect.objectContaining({
        type: 'action-item.updated',
        data: expect.objectContaining({ title: 'Declassified later', classification: 'OPEN' }),
      }),
    ]);
    const { events } = await app.catchUp(token('observer'), committeeId, 0);
    expect(events.filter((e) => e.entityId === secret.id).map((e) => [e.type, e.version])).toEqual([['action-item.updated', 2]]);
    expect((await app.request('GET', `/api/action-items/${secret.id}`, token('observer'))).status).toBe(200);
  });

  it('should keep progress updates of a secret item from readers below it', async () => {
    const secret = items.get('SECRET') as ActionItem;
    const mark = Math.max(...[...live.values()].flatMap((c) => c.events.map((e) => e.seq)));
    const posted = await app.request('POST', `/api/action-items/${secret.id}/updates`, token('chair'), { body: 'Round 4 fallback agreed' });
    expect(posted.status).toBe(201);
    await (live.get('chair') as LiveClient).waitFor((events) => events.some((e) => e.seq > mark));
    await settle();
    for (const user of ['member', 'nres', 'observer'] as const) {
      expect((live.get(user) as LiveClient).events.filter((e) => e.seq > mark)).toEqual([]);
      const thread = await app.request('GET', `/api/action-items/${secret.id}/updates`, token(user));
      expect(thread.status).toBe(404);
      const { events } = await app.catchUp(token(user), committeeId, mark);
      expect(events).toEqual([]);
    }
  });

  describe('a non-member', () => {
    it('should get 404 for the committee, its items, its members and its events', async () => {
      const chairItems = await app.request<ActionItem[]>('GET', `/api/committees/${workingGroupId}/action-items`, token('chair'));
      const wgItem = chairItems.body[0] as ActionItem;
      for (const path of [
        `/api/committees/${workingGroupId}`,
        `/api/committees/${workingGroupId}/members`,
        `/api/committees/${workingGroupId}/action-items`,
        `/api/committees/${workingGroupId}/events?after=0`,
        `/api/action-items/${wgItem.id}`,
        `/api/action-items/${wgItem.id}/updates`,
      ]) {
        const { status } = await app.request('GET', path, token('member'));
        expect([path, status]).toEqual([path, 404]);
      }
      const write = await app.request('PATCH', `/api/action-items/${wgItem.id}`, token('member'), { version: 1, status: 'done' });
      expect(write.status).toBe(404);
    });

    it('should be refused a socket subscription and receive none of its events', async () => {
      const outsider = await app.connect(token('member'));
      expect(await outsider.subscribe(workingGroupId)).toEqual({ ok: false, error: expect.any(String), code: 'not-member' });
      await app.createItem(token('chair'), workingGroupId, { title: 'Working group only' });
      await settle();
      expect(outsider.events.filter((e: EventEnvelope) => e.committeeId === workingGroupId)).toEqual([]);
      const { body } = await app.request<unknown[]>('GET', '/api/committees', token('member'));
      expect(body.map((c) => (c as { code: string }).code)).toEqual(['JTK-REE']);
    });
  });

  describe('a bad token', () => {
    it.each([
      ['missing', undefined],
      ['garbage', 'not-a-token'],
      ['forged', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4IiwiZXhwIjo0MTAyNDQ0ODAwfQ.c2lnbmF0dXJl'],
    ])('should be refused on REST and socket when %s', async (_, bad) => {
      for (const path of ['/api/committees', `/api/committees/${committeeId}/action-items`, `/api/committees/${committeeId}/events`]) {
        expect((await app.request('GET', path, bad)).status).toBe(401);
      }
      await expect(app.connect(bad)).rejects.toThrow(/unauthorized/);
    });
  });
});
