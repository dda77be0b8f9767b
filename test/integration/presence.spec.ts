import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Meeting, PresenceAck, PresenceUpdate } from '@sidang/shared';
import { type LiveClient, type Session, TestApp } from './support/harness.js';

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

async function until(check: () => boolean, ms = 5_000): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

describe('presence on a meeting page, across two instances', () => {
  let first: TestApp;
  let second: TestApp;
  let chair: Session;
  let member: Session;
  let observer: Session;
  let meeting: Meeting;
  let secretMeeting: Meeting;

  beforeAll(async () => {
    first = await TestApp.start({ REDIS_URL });
    second = await first.startPeer({ SEED_DEMO: 'false' });
    [chair, member, observer] = await Promise.all([first.login('chair'), first.login('member'), first.login('observer')]);
    const committeeId = (await first.committees(chair.token)).main.id;
    const create = async (classification: string) =>
      (
        await first.request<Meeting>('POST', `/api/committees/${committeeId}/meetings`, chair.token, {
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
    await until(() => chairSees.at(-1)?.present.length === 2);

    memberSocket.disconnect();
    const took = await until(() => chairSees.at(-1)?.present.length === 1);
    expect(took).toBeLessThan(5_000);
    expect(chairSees.at(-1)?.present).toEqual([{ userId: chair.user.id, name: chair.user.name }]);
  });

  it('should refuse a meeting the user may not see, and never tell them who is on it', async () => {
    const observerSocket = await second.connect(observer.token);
    const observerSees = told(observerSocket);
    expect(await join(observerSocket, secretMeeting.id)).toEqual({ ok: false, error: expect.any(String) });
    const chairSocket = await first.connect(chair.token);
    // Positive control: the chair may, and is told.
    const ack = await join(chairSocket, secretMeeting.id);
    expect(ack.ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(observerSees.filter((update) => update.meetingId === secretMeeting.id)).toEqual([]);
    expect(await join(observerSocket, '00000000-0000-4000-8000-000000000000')).toEqual({ ok: false, error: expect.any(String) });
  });
});
