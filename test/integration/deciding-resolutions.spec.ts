import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CreateResolution, Meeting, NotificationPage, Resolution } from '@sidang/shared';
import { ResolutionsScheduler } from '../../server/src/modules/deciding/resolutions.scheduler.js';
import { sql } from './support/db.js';
import { aCommitteeOf } from './support/deciding.js';
import { aMeeting, anInterest, aResolution, type TestUser, unique } from './support/factories.js';
import { type LiveClient, TestApp, until } from './support/harness.js';

const HOUR = 3600_000;

/**
 * Resolutions by circulation: the secretariat circulates, voting members answer; it closes once
 * (decided early, or at its deadline by whichever instance's clock gets there), reminds those who
 * have not answered, and is listed on the next meeting's agenda for noting. A SECRET resolution
 * reaches no CONFIDENTIAL member on any channel.
 */
describe('resolutions by circulation', () => {
  let app: TestApp;
  let committee: { id: string };
  let chair: TestUser;
  let secretariat: TestUser;
  let members: TestUser[];
  let confidential: TestUser;

  beforeAll(async () => {
    app = await TestApp.start();
    app.checkErrorBodies = true;
    ({
      committee,
      people: { chair, secretariat, confidential },
      members,
    } = await aCommitteeOf(
      app,
      {
        chair: { clearance: 'SECRET', role: 'chair', name: 'Chair' },
        secretariat: { clearance: 'SECRET', role: 'secretariat', name: 'Secretariat' },
        confidential: { clearance: 'CONFIDENTIAL', role: 'member', name: 'Confidential member' },
      },
      { count: 3, clearance: 'SECRET' },
    ));
  });

  afterAll(async () => {
    await app?.close();
  });

  const circulate = (fields: Partial<CreateResolution> = {}): Promise<Resolution> =>
    aResolution(app, secretariat, committee, {
      title: unique('Kelulusan pelantikan perunding'),
      text: 'Jawatankuasa diminta bersetuju dengan pelantikan perunding.',
      ...fields,
    });
  const answer = (user: TestUser, resolution: Resolution, body: Record<string, unknown>) =>
    app.request<Resolution & { code?: string }>('POST', `/api/resolutions/${resolution.id}/answers`, user.token, body);

  it('should be circulated by the secretariat only, closing in the future, at a level the circulator is cleared for', async () => {
    const byMember = await app.request('POST', `/api/committees/${committee.id}/resolutions`, (members[0] as TestUser).token, {
      title: 'x',
      text: 'y',
      closesAt: new Date(Date.now() + HOUR).toISOString(),
    });
    expect(byMember.status).toBe(403);
    const past = await app.request<{ issues: Array<{ field: string }> }>(
      'POST',
      `/api/committees/${committee.id}/resolutions`,
      secretariat.token,
      {
        title: 'x',
        text: 'y',
        closesAt: new Date(Date.now() - HOUR).toISOString(),
      },
    );
    expect(past.status).toBe(400);
    expect(past.body.issues.map((issue) => issue.field)).toEqual(['closesAt']);
    const resolution = await circulate();
    expect(resolution).toMatchObject({ status: 'open', rule: 'majority_of_voting_members', outcome: null, votingMembers: 5 });
  });

  it('should close as soon as a majority of the voting members agree, in the same commit, and take no answer after', async () => {
    const resolution = await circulate();
    const [a, b, c] = members as [TestUser, TestUser, TestUser];
    const bySecretariat = await answer(secretariat, resolution, { answer: 'agree' });
    expect([bySecretariat.status, bySecretariat.body.code]).toEqual([403, 'not_voting']);
    expect((await answer(a, resolution, { answer: 'object', comment: 'Kos terlalu tinggi' })).body.status).toBe('open');
    // A second answer replaces the first.
    expect((await answer(a, resolution, { answer: 'agree' })).body.tally).toEqual({ agree: 1, object: 0, abstain: 0 });
    expect((await answer(b, resolution, { answer: 'agree' })).body.status).toBe('open');
    const deciding = await answer(c, resolution, { answer: 'agree' });
    expect(deciding.body).toMatchObject({
      status: 'closed',
      outcome: 'carried',
      closedBy: 'decided',
      tally: { agree: 3, object: 0, abstain: 0 },
    });
    const late = await answer(chair, resolution, { answer: 'object' });
    expect([late.status, late.body.code]).toEqual([409, 'vote_closed']);
  });

  it('should close at once when anyone objects under the no-objection rule', async () => {
    const resolution = await circulate({ rule: 'no_objection' });
    const objected = await answer(members[0] as TestUser, resolution, { answer: 'object' });
    expect(objected.body).toMatchObject({ status: 'closed', outcome: 'not_carried', closedBy: 'decided' });
  });

  it('should close once at its deadline across two instances on a fixed clock, remind once before, and be listed on the next agenda', async () => {
    const resolution = await circulate({ closesAt: new Date(Date.now() + HOUR).toISOString() });
    expect((await answer(members[0] as TestUser, resolution, { answer: 'agree' })).status).toBe(200);
    const peer = app.store === 'postgres' ? await app.startPeer({ SEED_DEMO: 'false' }) : app;
    try {
      const schedulers = [app.app.get(ResolutionsScheduler), peer.app.get(ResolutionsScheduler)];
      // Reminders before the deadline: those who have not answered, once however many runs.
      const before = new Date(Date.parse(resolution.closesAt) - 10 * 60_000);
      await Promise.all(schedulers.map((scheduler) => scheduler.runOnce(before)));
      await Promise.all(schedulers.map((scheduler) => scheduler.runOnce(before)));
      const { dataSource } = sql(app);
      const reminders: Array<{ user_id: string }> = await dataSource.query(
        "SELECT user_id FROM notifications WHERE kind = 'resolution.reminder' AND entity_id = $1",
        [resolution.id],
      );
      const reminded = reminders.map((row) => row.user_id).sort();
      expect(reminded).toEqual([chair.id, (members[1] as TestUser).id, (members[2] as TestUser).id, confidential.id].sort());

      const watcher = await app.connect(chair.token);
      expect((await watcher.subscribe(committee.id)).ok).toBe(true);
      const after = new Date(Date.parse(resolution.closesAt) + 60_000);
      const runs = await Promise.all([...schedulers, ...schedulers].map((scheduler) => scheduler.runOnce(after)));
      const closed = await app.request<Resolution>('GET', `/api/resolutions/${resolution.id}`, chair.token);
      expect(closed.body).toMatchObject({ status: 'closed', outcome: 'not_carried', closedBy: 'deadline', closedAt: after.toISOString() });
      const closes: Array<{ n: string }> = await dataSource.query(
        "SELECT count(*) AS n FROM change_events WHERE entity_id = $1 AND verb = 'closed'",
        [resolution.id],
      );
      expect(Number(closes[0]?.n)).toBe(1);
      expect(runs.filter((run) => run.closed > 0).length).toBeLessThanOrEqual(1);
      await watcher.waitForEntity(resolution.id, 'resolution.closed');

      // "Keputusan secara edaran": the next meeting lists it for noting.
      const meeting = await aMeeting(app, chair, committee, { startsAt: '2031-06-01T09:30:00+08:00' });
      const listed = await app.request<Resolution[]>('GET', `/api/meetings/${meeting.id}/resolutions`, chair.token);
      expect(listed.body.map((r) => r.id)).toContain(resolution.id);
    } finally {
      if (peer !== app) await peer.close();
    }
  });

  it('should not count one who stepped out, nor take their answer', async () => {
    const resolution = await circulate();
    const [recused] = members as [TestUser];
    const declared = await anInterest(
      app,
      recused,
      { id: resolution.id, type: 'resolution' },
      { nature: 'Rakan kongsi perunding', stepsOut: true },
    );
    expect(declared).toMatchObject({ subjectType: 'resolution', subjectId: resolution.id, meetingId: null });
    const refused = await answer(recused, resolution, { answer: 'agree' });
    expect([refused.status, refused.body.code]).toEqual([403, 'recused']);
    const now = await app.request<Resolution>('GET', `/api/resolutions/${resolution.id}`, chair.token);
    expect(now.body.votingMembers).toBe(4);
  });

  it('should never show a SECRET resolution, its answers or comments to a CONFIDENTIAL member, on any channel', async () => {
    const marker = `MARKER-${unique('secret-resolution')}`;
    const [secretMember] = members as [TestUser];
    const sockets: Record<string, LiveClient> = {};
    for (const user of [confidential, secretMember]) {
      sockets[user.id] = await app.connect(user.token);
      expect((await sockets[user.id]?.subscribe(committee.id))?.ok).toBe(true);
    }
    const startSeq = (
      await app.request<{ latestSeq: number }>('GET', `/api/committees/${committee.id}/events?after=0&limit=1`, chair.token)
    ).body.latestSeq;
    const resolution = await circulate({ title: `${marker} tajuk`, text: `${marker} teks`, classification: 'SECRET' });
    expect((await answer(secretMember, resolution, { answer: 'object', comment: `${marker} ulasan` })).status).toBe(200);
    const noAnswer = await answer(confidential, resolution, { answer: 'agree' });
    expect(noAnswer.status).toBe(404);
    const closeSoon = new Date(Date.parse(resolution.closesAt) - 10 * 60_000);
    await app.app.get(ResolutionsScheduler).runOnce(closeSoon);

    // Positive control: the SECRET member has it live, in the list and in search.
    await sockets[secretMember.id]?.waitForEntity(resolution.id, 'resolution.tallied');
    const theirs = await app.request<Resolution[]>('GET', `/api/committees/${committee.id}/resolutions`, secretMember.token);
    expect(JSON.stringify(theirs.body)).toContain(marker);
    const found = await until(async () => {
      const result = await app.request<{ items: Array<{ id: string }> }>(
        'GET',
        `/api/search?q=${encodeURIComponent(marker)}`,
        secretMember.token,
      );
      return result.body.items.some((item) => item.id === resolution.id) || undefined;
    }, 'the SECRET member finding the resolution');
    expect(found).toBe(true);

    // The CONFIDENTIAL member: nothing, on REST, socket, catch-up, activity, search and notifications.
    await sockets[confidential.id]?.delivered();
    const seen: unknown[] = [
      (await app.request('GET', `/api/committees/${committee.id}/resolutions`, confidential.token)).body,
      (await app.request('GET', `/api/resolutions/${resolution.id}`, confidential.token)).body,
      sockets[confidential.id]?.events,
      (await app.catchUp(confidential.token, committee.id, startSeq)).events,
      (await app.request('GET', `/api/committees/${committee.id}/activity`, confidential.token)).body,
      (await app.request('GET', `/api/search?q=${encodeURIComponent(marker)}`, confidential.token)).body,
      (await app.request<NotificationPage>('GET', '/api/notifications', confidential.token)).body,
    ];
    expect((await app.request('GET', `/api/resolutions/${resolution.id}`, confidential.token)).status).toBe(404);
    for (const channel of seen) {
      expect(JSON.stringify(channel)).not.toContain(marker);
      expect(JSON.stringify(channel)).not.toContain(resolution.id);
    }
    // The SECRET member's own notifications name it (circulated): the same channel, cleared.
    const mine = await until(async () => {
      const page = await app.request<NotificationPage>('GET', '/api/notifications', secretMember.token);
      return JSON.stringify(page.body).includes(resolution.id) || undefined;
    }, 'the SECRET member told of the resolution');
    expect(mine).toBe(true);
  });

  it('should be listed for noting only at the meeting after it closed', async () => {
    const earlier = await aMeeting(app, chair, committee, { startsAt: '2026-01-05T09:30:00+08:00' });
    const listed = await app.request<Resolution[]>('GET', `/api/meetings/${(earlier as Meeting).id}/resolutions`, chair.token);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([]);
  });
});
