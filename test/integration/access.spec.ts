import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ActionItem, CLASSIFICATIONS, type Classification, type EventEnvelope, type Role } from '@sidang/shared';
import { aCommittee, aMembership, anActionItem, aUser, type TestUser, unique } from './support/factories.js';
import { delivered, type LiveClient, TestApp } from './support/harness.js';

/** One reader per clearance level, all in the committee; the SECRET one chairs it. */
const READERS: Array<[Classification, Role]> = [
  ['SECRET', 'chair'],
  ['CONFIDENTIAL', 'member'],
  ['RESTRICTED', 'member'],
  ['OPEN', 'observer'],
];

/** Small catch-up pages, so that paging is part of every catch-up assertion. */
const PAGE = 2;

const cleared = (clearance: Classification) => CLASSIFICATIONS.slice(0, CLASSIFICATIONS.indexOf(clearance) + 1);

/**
 * Need-to-know on every channel, in a world built for this file: a committee with a reader at
 * each clearance, a SECRET-cleared user who is not a member, and one record per level carrying
 * a unique marker string. A reader must meet the marker of every level up to their clearance
 * (the positive control) and of no level above it, on REST, socket and catch-up alike.
 */
describe('need-to-know on every channel', () => {
  let app: TestApp;
  let committee: { id: string };
  /** A committee the non-member does belong to, so they are an ordinary signed-in user. */
  let elsewhere: { id: string };
  const readers = new Map<Classification, TestUser>();
  let nonMember: TestUser;
  const live = new Map<Classification, LiveClient>();
  let startSeq: number;
  const items = new Map<Classification, ActionItem>();
  const markers = new Map<Classification, string>();

  const reader = (clearance: Classification) => readers.get(clearance) as TestUser;
  const chair = () => reader('SECRET');
  const marker = (classification: Classification) => markers.get(classification) as string;
  const idsOf = (classifications: Classification[]) => classifications.map((c) => items.get(c)?.id).sort();
  /** The markers among `text`, in level order. */
  const markersIn = (text: string) => CLASSIFICATIONS.filter((c) => text.includes(marker(c)));

  beforeAll(async () => {
    app = await TestApp.start({ SEED_DEMO: 'false' });
    committee = await aCommittee(app);
    elsewhere = await aCommittee(app);
    for (const [clearance, role] of READERS) {
      const user = await aUser(app, { clearance });
      await aMembership(app, committee, user, role);
      readers.set(clearance, user);
    }
    nonMember = await aUser(app, { clearance: 'SECRET' });
    await aMembership(app, elsewhere, nonMember, 'member');

    for (const [clearance] of READERS) {
      const client = await app.connect(reader(clearance).token);
      const ack = await client.subscribe(committee.id);
      if (!ack.ok) throw new Error(ack.error);
      startSeq = ack.seq;
      live.set(clearance, client);
    }
    for (const classification of CLASSIFICATIONS) {
      const mark = unique(`MARKER-${classification}`);
      markers.set(classification, mark);
      items.set(classification, await anActionItem(app, chair(), committee, { title: `Paper ${mark}`, description: mark, classification }));
    }
    for (const [clearance] of READERS) {
      const client = live.get(clearance) as LiveClient;
      await client.waitFor((events) => events.filter((e) => e.seq > startSeq).length >= cleared(clearance).length);
    }
    // The SECRET reader has every record: the relay emitted each to every room; nothing more is on its way.
    await delivered(...live.values());
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each(READERS)('should list for the %s reader every marker up to that level and none above', async (clearance) => {
    const { status, body } = await app.request<ActionItem[]>(
      'GET',
      `/api/committees/${committee.id}/action-items`,
      reader(clearance).token,
    );
    expect(status).toBe(200);
    expect(body.map((item) => item.id).sort()).toEqual(idsOf(cleared(clearance)));
    expect(markersIn(JSON.stringify(body))).toEqual(cleared(clearance));
    // Positive control: the chair's list carries the markers this reader must not meet.
    const chairs = await app.request('GET', `/api/committees/${committee.id}/action-items`, chair().token);
    expect(markersIn(JSON.stringify(chairs.body))).toEqual([...CLASSIFICATIONS]);
  });

  it.each(READERS)(
    'should answer GET by id for the %s reader with 404 above the level, saying nothing of the record',
    async (clearance) => {
      for (const classification of CLASSIFICATIONS) {
        const id = items.get(classification)?.id;
        const mine = await app.request('GET', `/api/action-items/${id}`, reader(clearance).token);
        const visible = cleared(clearance).includes(classification);
        expect([classification, mine.status]).toEqual([classification, visible ? 200 : 404]);
        expect(JSON.stringify(mine.body).includes(marker(classification))).toBe(visible);
        for (const path of [`/api/action-items/${id}`, `/api/action-items/${id}/updates`]) {
          expect((await app.request('GET', path, chair().token)).status).toBe(200);
        }
        expect((await app.request('GET', `/api/action-items/${id}/updates`, reader(clearance).token)).status).toBe(visible ? 200 : 404);
      }
    },
  );

  it.each(READERS)('should deliver over the socket to the %s reader every marker up to that level and none above', async (clearance) => {
    const received = (live.get(clearance) as LiveClient).events.filter((e) => e.seq > startSeq);
    expect(received.map((e) => e.entityId).sort()).toEqual(idsOf(cleared(clearance)));
    expect(markersIn(JSON.stringify(received))).toEqual(cleared(clearance));
    // Positive control: the chair's socket had every marker.
    expect(markersIn(JSON.stringify((live.get('SECRET') as LiveClient).events))).toEqual([...CLASSIFICATIONS]);
  });

  it.each(READERS)('should page catch-up for the %s reader filtered the same way', async (clearance) => {
    const mine = await app.catchUp(reader(clearance).token, committee.id, startSeq, PAGE);
    expect(mine.events.map((e) => e.entityId).sort()).toEqual(idsOf(cleared(clearance)));
    expect(markersIn(JSON.stringify(mine.events))).toEqual(cleared(clearance));
    const fromZero = await app.catchUp(reader(clearance).token, committee.id, 0, PAGE);
    expect(markersIn(JSON.stringify(fromZero.events))).toEqual(cleared(clearance));
    // Positive control: the chair pages through every marker.
    const chairs = await app.catchUp(chair().token, committee.id, 0, PAGE);
    expect(chairs.pages).toBeGreaterThan(1);
    expect(markersIn(JSON.stringify(chairs.events))).toEqual([...CLASSIFICATIONS]);
  });

  it('should tell readers below a raised classification to drop the record, and nothing more', async () => {
    const open = items.get('OPEN') as ActionItem;
    const raisedMarker = unique('MARKER-RAISED');
    const mark = Math.max(...[...live.values()].flatMap((c) => c.events.map((e) => e.seq)));
    const raised = await app.request<ActionItem>('PATCH', `/api/action-items/${open.id}`, chair().token, {
      version: open.version,
      classification: 'CONFIDENTIAL',
      title: `Now confidential ${raisedMarker}`,
    });
    expect(raised.status).toBe(200);
    const after = (clearance: Classification) => (live.get(clearance) as LiveClient).events.filter((e) => e.seq > mark);
    for (const [clearance] of READERS) await (live.get(clearance) as LiveClient).waitFor(() => after(clearance).length === 1);
    await delivered(...live.values());

    for (const clearance of ['OPEN', 'RESTRICTED'] as const) {
      expect(after(clearance)).toEqual([expect.objectContaining({ type: 'action-item.hidden', entityId: open.id, data: { id: open.id } })]);
      expect(JSON.stringify(after(clearance))).not.toContain(raisedMarker);
      const { events } = await app.catchUp(reader(clearance).token, committee.id, 0, PAGE);
      expect(events.filter((e) => e.entityId === open.id).map((e) => e.type)).toEqual(['action-item.hidden']);
      expect(JSON.stringify(events)).not.toContain(raisedMarker);
    }
    for (const clearance of ['SECRET', 'CONFIDENTIAL'] as const) {
      expect(after(clearance)).toEqual([
        expect.objectContaining({
          type: 'action-item.updated',
          data: expect.objectContaining({ title: `Now confidential ${raisedMarker}` }),
        }),
      ]);
      const { events } = await app.catchUp(reader(clearance).token, committee.id, mark, PAGE);
      expect(JSON.stringify(events)).toContain(raisedMarker);
    }
  });

  it('should show a lowered record in full to readers newly cleared for it, live and on catch-up', async () => {
    const secret = await anActionItem(app, chair(), committee, { title: 'Declassified later', classification: 'SECRET' });
    const mark = Math.max(...[...live.values()].flatMap((c) => c.events.map((e) => e.seq)));
    const lowered = await app.request<ActionItem>('PATCH', `/api/action-items/${secret.id}`, chair().token, {
      version: secret.version,
      classification: 'OPEN',
    });
    expect(lowered.status).toBe(200);
    const observer = live.get('OPEN') as LiveClient;
    await observer.waitFor((events) => events.some((e) => e.seq > mark && e.entityId === secret.id));
    expect(observer.events.filter((e) => e.seq > mark)).toEqual([
      expect.objectContaining({
        type: 'action-item.updated',
        data: expect.objectContaining({ title: 'Declassified later', classification: 'OPEN' }),
      }),
    ]);
    const { events } = await app.catchUp(reader('OPEN').token, committee.id, 0, PAGE);
    expect(events.filter((e) => e.entityId === secret.id).map((e) => [e.type, e.version])).toEqual([['action-item.updated', 2]]);
    expect((await app.request('GET', `/api/action-items/${secret.id}`, reader('OPEN').token)).status).toBe(200);
  });

  it('should keep progress updates of a secret item from readers below it', async () => {
    const secret = items.get('SECRET') as ActionItem;
    const updateMarker = unique('MARKER-UPDATE');
    const mark = Math.max(...[...live.values()].flatMap((c) => c.events.map((e) => e.seq)));
    const posted = await app.request('POST', `/api/action-items/${secret.id}/updates`, chair().token, { body: `Fallback ${updateMarker}` });
    expect(posted.status).toBe(201);
    // Positive control: the SECRET reader gets it live, in the thread and on catch-up.
    const chairLive = live.get('SECRET') as LiveClient;
    await chairLive.waitFor((events) => events.some((e) => e.seq > mark && JSON.stringify(e).includes(updateMarker)));
    expect(JSON.stringify((await app.request('GET', `/api/action-items/${secret.id}/updates`, chair().token)).body)).toContain(
      updateMarker,
    );
    expect(JSON.stringify((await app.catchUp(chair().token, committee.id, mark, PAGE)).events)).toContain(updateMarker);
    await delivered(...live.values());
    for (const clearance of ['CONFIDENTIAL', 'RESTRICTED', 'OPEN'] as const) {
      expect((live.get(clearance) as LiveClient).events.filter((e) => e.seq > mark)).toEqual([]);
      const thread = await app.request('GET', `/api/action-items/${secret.id}/updates`, reader(clearance).token);
      expect(thread.status).toBe(404);
      expect(JSON.stringify(thread.body)).not.toContain(updateMarker);
      const { events } = await app.catchUp(reader(clearance).token, committee.id, mark, PAGE);
      expect(events).toEqual([]);
    }
  });

  describe('a non-member cleared for everything', () => {
    it('should get 404 for the committee, its items, its members and its events, where a member gets 200', async () => {
      const item = items.get('SECRET') as ActionItem;
      for (const path of [
        `/api/committees/${committee.id}`,
        `/api/committees/${committee.id}/members`,
        `/api/committees/${committee.id}/action-items`,
        `/api/committees/${committee.id}/events?after=0&limit=${PAGE}`,
        `/api/action-items/${item.id}`,
        `/api/action-items/${item.id}/updates`,
      ]) {
        const outsider = await app.request('GET', path, nonMember.token);
        expect([path, outsider.status]).toEqual([path, 404]);
        expect(markersIn(JSON.stringify(outsider.body))).toEqual([]);
        // Positive control: the route exists and answers a member.
        expect([path, (await app.request('GET', path, chair().token)).status]).toEqual([path, 200]);
      }
      const write = await app.request('PATCH', `/api/action-items/${item.id}`, nonMember.token, { version: item.version, status: 'done' });
      expect(write.status).toBe(404);
      const { body } = await app.request<Array<{ id: string }>>('GET', '/api/committees', nonMember.token);
      expect(body.map((c) => c.id)).toEqual([elsewhere.id]);
    });

    it('should be refused a socket subscription and receive none of its events, where a member receives them', async () => {
      const outsider = await app.connect(nonMember.token);
      expect(await outsider.subscribe(committee.id)).toEqual({
        ok: false,
        error: expect.any(String),
        code: 'not-member',
        requestId: expect.any(String),
      });
      const member = await app.connect(reader('OPEN').token);
      expect((await member.subscribe(committee.id)).ok).toBe(true);
      const outsiderMarker = unique('MARKER-OUTSIDER');
      const created = await anActionItem(app, chair(), committee, { title: `Members only ${outsiderMarker}` });
      await member.waitFor((events) => events.some((e) => e.entityId === created.id));
      expect(JSON.stringify(member.events)).toContain(outsiderMarker);
      await outsider.delivered();
      expect(outsider.events.filter((e: EventEnvelope) => e.committeeId === committee.id)).toEqual([]);
      expect(JSON.stringify(outsider.events)).not.toContain(outsiderMarker);
      outsider.disconnect();
      member.disconnect();
    });
  });

  describe('a bad token', () => {
    it.each([
      ['missing', undefined],
      ['garbage', 'not-a-token'],
      ['forged', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4IiwiZXhwIjo0MTAyNDQ0ODAwfQ.c2lnbmF0dXJl'],
    ])('should be refused on REST and socket when %s, where a valid one is served', async (_, bad) => {
      for (const path of ['/api/committees', `/api/committees/${committee.id}/action-items`, `/api/committees/${committee.id}/events`]) {
        expect((await app.request('GET', path, bad)).status).toBe(401);
        expect((await app.request('GET', path, chair().token)).status).toBe(200);
      }
      await expect(app.connect(bad)).rejects.toThrow(/unauthorized/);
      const valid = await app.connect(chair().token);
      expect((await valid.subscribe(committee.id)).ok).toBe(true);
      valid.disconnect();
    });
  });
});
