import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AdminUser, Meeting, PresenceAck, PresenceUpdate } from '@sidang/shared';
import { aCommittee, aMembership, aUser, unique } from './support/factories.js';
import { type LiveClient, type Session, TestApp, until } from './support/harness.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function join(client: LiveClient, meetingId: string): Promise<PresenceAck> {
  return client.socket.timeout(5_000).emitWithAck('presence:join', { meetingId });
}

/** The presence lists a socket is told, newest last. */
function told(client: LiveClient): PresenceUpdate[] {
  const updates: PresenceUpdate[] = [];
  client.socket.on('presence', (update: PresenceUpdate) => updates.push(update));
  return updates;
}

/** Whether a list for `meetingId` with `userId` on it is among `updates`. */
const listed = (updates: PresenceUpdate[], meetingId: string, userId: string) =>
  updates.some((update) => update.meetingId === meetingId && update.present.some((p) => p.userId === userId));

describe('presence on a meeting page, across two instances', () => {
  let first: TestApp;
  let second: TestApp;
  let chair: Session;
  let member: Session;
  let observer: Session;
  let secretariat: Session;
  let meeting: Meeting;
  let secretMeeting: Meeting;

  beforeAll(async () => {
    first = await TestApp.start({ REDIS_URL });
    second = await first.startPeer({ SEED_DEMO: 'false' });
    [chair, member, observer, secretariat] = await Promise.all([
      first.login('chair'),
      first.login('member'),
      first.login('observer'),
      first.login('secretariat'),
    ]);
    const committeeId = (await first.committees(chair.token)).main.id;
    const create = async (classification: string) =>
      (
        await first.request<Meeting>('POST', `/api/committees/${committeeId}/meetings`, chair.token, {
          status: 'scheduled',
          title: 'Presence',
          startsAt: '2033-01-10T09:30:00+08:00',
          classification,
        })
      ).body;
    meeting = await create('OPEN');
    secretMeeting = await create('SECRET');
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('should show who joins on either instance and drop one who disconnects within 5 s', async () => {
    const chairSocket = await first.connect(chair.token);
    const memberSocket = await second.connect(member.token);
    const chairSees = told(chairSocket);
    expect(await join(chairSocket, meeting.id)).toEqual({ ok: true, present: [{ userId: chair.user.id, name: chair.user.name }] });
    const ack = await join(memberSocket, meeting.id.toUpperCase());
    expect(ack.ok && ack.present.map((p) => p.userId).sort()).toEqual([chair.user.id, member.user.id].sort());
    await until(() => chairSees.at(-1)?.present.length === 2, 'the member on the chair’s list');

    memberSocket.disconnect();
    const began = Date.now();
    await until(() => chairSees.at(-1)?.present.length === 1, 'the member off the chair’s list');
    expect(Date.now() - began).toBeLessThan(5_000);
    expect(chairSees.at(-1)?.present).toEqual([{ userId: chair.user.id, name: chair.user.name }]);
  });

  it('should refuse a meeting the user may not see, and never tell them who is on it', async () => {
    const observerSocket = await second.connect(observer.token);
    const observerSees = told(observerSocket);
    expect(await join(observerSocket, secretMeeting.id)).toEqual({ ok: false, error: expect.any(String), requestId: expect.any(String) });
    // Positive control on the observer's instance: a viewer there who may see the meeting is told
    // when the chair joins it (each instance tells its viewers of a meeting in one emit to its room).
    const watcher = await second.connect(secretariat.token);
    const watcherSees = told(watcher);
    expect((await join(watcher, secretMeeting.id)).ok).toBe(true);
    const chairSocket = await first.connect(chair.token);
    const ack = await join(chairSocket, secretMeeting.id);
    expect(ack.ok).toBe(true);
    await until(() => listed(watcherSees, secretMeeting.id, chair.user.id), 'the chair on the list of a viewer beside the observer');
    await observerSocket.delivered();
    expect(observerSees.filter((update) => update.meetingId === secretMeeting.id)).toEqual([]);
    expect(await join(observerSocket, '00000000-0000-4000-8000-000000000000')).toEqual({
      ok: false,
      error: expect.any(String),
      requestId: expect.any(String),
    });
  });

  it('should drop a viewer at once when the meeting is raised above them, tell everyone, and refuse them from then on', async () => {
    const committeeId = (await first.committees(chair.token)).main.id;
    const created = await first.request<Meeting>('POST', `/api/committees/${committeeId}/meetings`, chair.token, {
      status: 'scheduled',
      title: 'Raised while watched',
      startsAt: '2033-01-11T09:30:00+08:00',
      classification: 'RESTRICTED',
    });
    const raisedMeeting = created.body;
    const chairSocket = await first.connect(chair.token);
    const memberSocket = await second.connect(member.token);
    const secretariatSocket = await first.connect(secretariat.token);
    expect((await memberSocket.subscribe(committeeId)).ok).toBe(true);
    const chairSees = told(chairSocket);
    const memberSees = told(memberSocket);
    expect((await join(chairSocket, raisedMeeting.id)).ok).toBe(true);
    expect((await join(memberSocket, raisedMeeting.id)).ok).toBe(true);
    await until(() => chairSees.at(-1)?.present.length === 2, 'the member on the chair’s list');

    const raised = await first.request('PATCH', `/api/meetings/${raisedMeeting.id}`, chair.token, {
      version: raisedMeeting.version,
      classification: 'SECRET',
    });
    expect(raised.status).toBe(200);
    // Everyone left on the page is told the list without the member.
    await until(
      () =>
        chairSees
          .at(-1)
          ?.present.map((p) => p.userId)
          .join() === chair.user.id,
      'the chair’s list without the member',
    );
    const toldMemberBefore = memberSees.length;
    // From then on the member is refused, and learns nothing of who is on it.
    expect(await join(memberSocket, raisedMeeting.id)).toEqual({ ok: false, error: expect.any(String), requestId: expect.any(String) });
    // Positive control on the member's instance: a viewer there is told when the secretariat joins.
    const watcher = await second.connect(chair.token);
    const watcherSees = told(watcher);
    expect((await join(watcher, raisedMeeting.id)).ok).toBe(true);
    expect((await join(secretariatSocket, raisedMeeting.id)).ok).toBe(true);
    await until(() => chairSees.at(-1)?.present.length === 2, 'the secretariat on the chair’s list');
    await until(
      () => listed(watcherSees, raisedMeeting.id, secretariat.user.id),
      'the secretariat on the list of a viewer beside the member',
    );
    await memberSocket.delivered();
    const leaked = memberSees.slice(toldMemberBefore).filter((update) => update.meetingId === raisedMeeting.id);
    expect(leaked).toEqual([]);
    expect(JSON.stringify(memberSees.slice(toldMemberBefore))).not.toContain(secretariat.user.id);
  });

  it('should drop a viewer whose clearance is lowered below the meeting, or who leaves the committee', async () => {
    const committee = await aCommittee(first);
    const owner = await aUser(first, { clearance: 'SECRET', name: unique('Owner') });
    const lowered = await aUser(first, { clearance: 'CONFIDENTIAL', name: unique('Lowered') });
    const leaving = await aUser(first, { clearance: 'CONFIDENTIAL', name: unique('Leaving') });
    const admin = await aUser(first, { isAdmin: true });
    await aMembership(first, committee, owner, 'chair');
    await aMembership(first, committee, lowered);
    await aMembership(first, committee, leaving);
    const created = await first.request<Meeting>('POST', `/api/committees/${committee.id}/meetings`, owner.token, {
      status: 'scheduled',
      title: 'Confidential session',
      startsAt: '2033-01-12T09:30:00+08:00',
      classification: 'CONFIDENTIAL',
      standardAgenda: false,
    });
    const ownerSocket = await first.connect(owner.token);
    const loweredSocket = await second.connect(lowered.token);
    const leavingSocket = await first.connect(leaving.token);
    for (const socket of [loweredSocket, leavingSocket]) expect((await socket.subscribe(committee.id)).ok).toBe(true);
    const ownerSees = told(ownerSocket);
    for (const socket of [ownerSocket, loweredSocket, leavingSocket]) expect((await join(socket, created.body.id)).ok).toBe(true);
    await until(() => ownerSees.at(-1)?.present.length === 3, 'three on the owner’s list');

    const users = await first.request<AdminUser[]>('GET', '/api/admin/users', admin.token);
    const row = users.body.find((user) => user.id === lowered.id) as AdminUser;
    const patched = await first.request('PATCH', `/api/admin/users/${lowered.id}`, admin.token, {
      version: row.version,
      clearance: 'RESTRICTED',
    });
    expect(patched.status).toBe(200);
    await until(
      () => ownerSees.at(-1)?.present.length === 2 && !ownerSees.at(-1)?.present.some((p) => p.userId === lowered.id),
      'the lowered viewer off the owner’s list',
    );
    expect(await join(loweredSocket, created.body.id)).toEqual({ ok: false, error: expect.any(String), requestId: expect.any(String) });

    const removed = await first.request('DELETE', `/api/committees/${committee.id}/members/${leaving.id}`, admin.token);
    expect(removed.status).toBe(204);
    await until(
      () =>
        ownerSees
          .at(-1)
          ?.present.map((p) => p.userId)
          .join() === owner.id,
      'the owner alone on the list',
    );
    expect(await join(leavingSocket, created.body.id)).toEqual({ ok: false, error: expect.any(String), requestId: expect.any(String) });
  });
});
