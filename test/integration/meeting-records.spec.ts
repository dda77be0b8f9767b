import { describe, expect, it } from '@jest/globals';
import type {
  ActionItem,
  AgendaItem,
  Attendance,
  Classification,
  CommitteeSettings,
  Decision,
  MatterArising,
  Meeting,
} from '@sidang/shared';
import ICAL from 'ical.js';
import { demoSuite } from './support/demo-suite.js';
import { aCommittee, aMembership, aUser, startMeeting, type TestUser, unique } from './support/factories.js';
import type { LiveClient, Session } from './support/harness.js';

const LEVELS: Classification[] = ['OPEN', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET'];

describe('attendance, quorum, decisions and matters arising', () => {
  const demo = demoSuite(['chair', 'secretariat', 'member', 'observer']);

  const meeting = async (startsAt: string): Promise<{ meeting: Meeting; items: AgendaItem[] }> => {
    const created = await demo.app.request<Meeting>('POST', `/api/committees/${demo.committeeId}/meetings`, demo.chair.token, {
      status: 'scheduled',
      title: 'Mesyuarat',
      startsAt,
    });
    expect(created.status).toBe(201);
    const items = await demo.app.request<AgendaItem[]>('GET', `/api/meetings/${created.body.id}/agenda-items`, demo.chair.token);
    return { meeting: created.body, items: items.body };
  };
  const subscribed = async (session: Session): Promise<LiveClient> => {
    const client = await demo.app.connect(session.token);
    expect((await client.subscribe(demo.committeeId)).ok).toBe(true);
    return client;
  };

  it('should keep attendance and quorum live: more than half of the voting members present', async () => {
    const { meeting: m } = await meeting('2032-02-01T09:30:00+08:00');
    const screen = await subscribed(demo.observer);
    const initial = (await demo.app.request<Attendance>('GET', `/api/meetings/${m.id}/attendance`, demo.observer.token)).body;
    // The demo committee: the chair and four members vote; the secretariat and the observer do not.
    expect(initial.quorum).toEqual({ required: 3, present: 0, met: false, voting: 5, counts: 'members' });
    expect(initial.attendees.every((attendee) => attendee.status === 'absent')).toBe(true);

    // Three who vote and the secretariat, who does not.
    const voters = [
      ...initial.attendees.filter((attendee) => attendee.role === 'chair' || attendee.role === 'member').slice(0, 3),
      ...initial.attendees.filter((attendee) => attendee.role === 'secretariat').slice(0, 1),
    ];
    for (const voter of voters) {
      const marked = await demo.app.request<Attendance>('PUT', `/api/meetings/${m.id}/attendance/${voter.userId}`, demo.secretariat.token, {
        status: 'present',
      });
      expect(marked.status).toBe(200);
    }
    const events = await screen.waitFor((received) => received.filter((e) => e.type === 'attendance.updated').length === 4);
    const last = events.filter((e) => e.type === 'attendance.updated').at(-1)?.data as Attendance;
    // The secretariat marked present is not counted.
    const counted = voters.filter((voter) => voter.role === 'chair' || voter.role === 'member').length;
    expect(voters.some((voter) => voter.role === 'secretariat')).toBe(true);
    expect(last.quorum).toEqual({ required: 3, present: counted, met: counted >= 3, voting: 5, counts: 'members' });
    expect(events.filter((e) => e.type === 'attendance.updated').map((e) => e.version)).toEqual([2, 3, 4, 5]);

    // A member marks themself; not someone else; an observer not even themself.
    const own = await demo.app.request('PUT', `/api/meetings/${m.id}/attendance/${demo.member.user.id}`, demo.member.token, {
      status: 'apologies',
    });
    expect(own.status).toBe(200);
    const other = await demo.app.request('PUT', `/api/meetings/${m.id}/attendance/${demo.chair.user.id}`, demo.member.token, {
      status: 'absent',
    });
    expect(other.status).toBe(403);
    expect(
      (
        await demo.app.request('PUT', `/api/meetings/${m.id}/attendance/${demo.observer.user.id}`, demo.observer.token, {
          status: 'present',
        })
      ).status,
    ).toBe(403);
    const bad = await demo.app.request<{ message: string }>(
      'PUT',
      `/api/meetings/${m.id}/attendance/${demo.member.user.id}`,
      demo.chair.token,
      {
        status: 'asleep',
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^status:/);
  });

  it('should keep a decision on a SECRET item from a CONFIDENTIAL reader, and find decisions by their words', async () => {
    const { meeting: m, items } = await meeting('2032-03-01T09:30:00+08:00');
    await startMeeting(demo.app, demo.chair, m);
    const secretItem = await demo.app.request<AgendaItem>('POST', `/api/meetings/${m.id}/agenda-items`, demo.chair.token, {
      title: 'Negotiating mandate',
      classification: 'SECRET',
    });
    const marker = `MANDATE-${Math.random().toString(36).slice(2)}`;
    const memberScreen = await subscribed(demo.member);
    const secret = await demo.app.request<Decision>('POST', `/api/agenda-items/${secretItem.body.id}/decisions`, demo.chair.token, {
      text: `Agreed the red line ${marker}`,
    });
    expect(secret.status).toBe(201);
    expect(secret.body.classification).toBe('SECRET');
    const open = await demo.app.request<Decision>('POST', `/api/agenda-items/${items[3]?.id}/decisions`, demo.secretariat.token, {
      text: 'Bersetuju menubuhkan kumpulan kerja pemisahan Dy/Tb',
    });
    expect(open.status).toBe(201);
    await memberScreen.waitFor((events) => events.some((e) => e.entityId === open.body.id));

    const memberSees = {
      register: (await demo.app.request<Decision[]>('GET', `/api/committees/${demo.committeeId}/decisions`, demo.member.token)).body,
      socket: memberScreen.events,
      catchUp: await demo.app.catchUp(demo.member.token, demo.committeeId, 0),
    };
    expect(JSON.stringify(memberSees)).not.toContain(marker);
    expect(memberSees.register.map((decision) => decision.id)).toContain(open.body.id);
    const chairRegister = (
      await demo.app.request<Decision[]>('GET', `/api/committees/${demo.committeeId}/decisions?q=red line`, demo.chair.token)
    ).body;
    expect(chairRegister.map((decision) => decision.id)).toEqual([secret.body.id]);
    const found = (
      await demo.app.request<Decision[]>('GET', `/api/committees/${demo.committeeId}/decisions?q=kumpulan kerja`, demo.member.token)
    ).body;
    expect(found.map((decision) => decision.id)).toEqual([open.body.id]);
    expect((await demo.app.request('POST', `/api/agenda-items/${items[3]?.id}/decisions`, demo.member.token, { text: 'x' })).status).toBe(
      403,
    );
  });

  it('should bring back under matters arising every action still open from earlier meetings, with its latest update', async () => {
    const first = await meeting('2032-04-01T09:30:00+08:00');
    const next = await meeting('2032-05-01T09:30:00+08:00');
    const raise = async (title: string, status?: string) => {
      const item = await demo.app.createItem(demo.chair.token, demo.committeeId, {
        title,
        meetingId: first.meeting.id,
        agendaItemId: first.items[3]?.id,
        ...(status ? { status } : {}),
      });
      return item;
    };
    const open = await raise('Open from meeting one');
    const done = await raise('Done already', 'done');
    const cancelled = await raise('Cancelled', 'cancelled');
    await demo.app.request('POST', `/api/action-items/${open.id}/updates`, demo.member.token, { body: 'First draft circulated' });
    await demo.app.request('POST', `/api/action-items/${open.id}/updates`, demo.member.token, { body: 'Comments received from JMG' });

    const arising = (
      await demo.app.request<MatterArising[]>('GET', `/api/meetings/${next.meeting.id}/matters-arising`, demo.observer.token)
    ).body;
    const ids = arising.map((matter) => matter.item.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(done.id);
    expect(ids).not.toContain(cancelled.id);
    expect(arising.find((matter) => matter.item.id === open.id)?.latestUpdate?.body).toBe('Comments received from JMG');
    expect(arising.find((matter) => matter.item.id === open.id)?.item).toMatchObject({ meetingId: first.meeting.id });
    // Not its own meeting's matters arising.
    const own = (await demo.app.request<MatterArising[]>('GET', `/api/meetings/${first.meeting.id}/matters-arising`, demo.observer.token))
      .body;
    expect(own.map((matter) => matter.item.id)).not.toContain(open.id);

    const wrongOrigin = await demo.app.request<{ message: string }>(
      'POST',
      `/api/committees/${demo.committeeId}/action-items`,
      demo.chair.token,
      {
        title: 'x',
        meetingId: first.meeting.id,
        agendaItemId: next.items[0]?.id,
      },
    );
    expect(wrongOrigin.status).toBe(400);
    expect(wrongOrigin.body.message).toMatch(/^agendaItemId:/);
    const check = await demo.app.request<ActionItem>('GET', `/api/action-items/${open.id}`, demo.chair.token);
    expect(check.body.agendaItemId).toBe(first.items[3]?.id);
  });

  it('should give a meeting as an iCalendar file in Kuala Lumpur time, parsed back with a real parser', async () => {
    const { meeting: m } = await meeting('2032-06-15T09:30:00+08:00');
    const response = await fetch(`${demo.app.url}/api/meetings/${m.id}/ics`, {
      headers: { authorization: `Bearer ${demo.observer.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await response.text();
    expect(text).toContain('TZID=Asia/Kuala_Lumpur');
    const calendar = new ICAL.Component(ICAL.parse(text));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const vevent = calendar.getFirstSubcomponent('vevent') as ICAL.Component;
    const event = new ICAL.Event(vevent);
    // 09:30 on the wall clock in Kuala Lumpur, which is 01:30 UTC.
    expect([event.startDate.hour, event.startDate.minute]).toEqual([9, 30]);
    expect(vevent.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Asia/Kuala_Lumpur');
    expect(event.startDate.toJSDate().toISOString()).toBe('2032-06-15T01:30:00.000Z');
    expect(event.summary).toContain(m.number);
    // Not for a reader who may not see the meeting.
    const secret = await demo.app.request<Meeting>('POST', `/api/committees/${demo.committeeId}/meetings`, demo.chair.token, {
      status: 'scheduled',
      title: 'Secret session',
      startsAt: '2032-06-16T09:30:00+08:00',
      classification: 'SECRET',
    });
    const refused = await fetch(`${demo.app.url}/api/meetings/${secret.body.id}/ics`, {
      headers: { authorization: `Bearer ${demo.member.token}` },
    });
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain('Secret session');
    const allowed = await fetch(`${demo.app.url}/api/meetings/${secret.body.id}/ics`, {
      headers: { authorization: `Bearer ${demo.chair.token}` },
    });
    expect(await allowed.text()).toContain('[RAHSIA]');
  });

  it('should never return, for any q, a decision the reader may not see: four clearances and a non-member', async () => {
    const committee = await aCommittee(demo.app);
    const owner = await aUser(demo.app, { clearance: 'SECRET' });
    await aMembership(demo.app, committee, owner, 'secretariat');
    const readers = new Map<Classification, TestUser>();
    for (const level of LEVELS) {
      const reader = await aUser(demo.app, { clearance: level });
      await aMembership(demo.app, committee, reader);
      readers.set(level, reader);
    }
    const outsider = await aUser(demo.app, { clearance: 'SECRET' });
    const created = await demo.app.request<Meeting>('POST', `/api/committees/${committee.id}/meetings`, owner.token, {
      status: 'scheduled',
      title: 'Register',
      startsAt: '2032-08-01T09:30:00+08:00',
      standardAgenda: false,
    });
    await startMeeting(demo.app, owner, created.body);
    const item = await demo.app.request<AgendaItem>('POST', `/api/meetings/${created.body.id}/agenda-items`, owner.token, {
      title: 'Item',
    });
    const stem = unique('regmarker');
    for (const level of LEVELS) {
      const recorded = await demo.app.request('POST', `/api/agenda-items/${item.body.id}/decisions`, owner.token, {
        text: `${stem} ${level} decided`,
        classification: level,
      });
      expect(recorded.status).toBe(201);
    }
    // A decision on an OPEN text governed by a SECRET item, and one in a SECRET meeting.
    const secretItem = await demo.app.request<AgendaItem>('POST', `/api/meetings/${created.body.id}/agenda-items`, owner.token, {
      title: 'Secret item',
      classification: 'SECRET',
    });
    await demo.app.request('POST', `/api/agenda-items/${secretItem.body.id}/decisions`, owner.token, { text: `${stem} under-secret-item` });
    const secretMeeting = await demo.app.request<Meeting>('POST', `/api/committees/${committee.id}/meetings`, owner.token, {
      status: 'scheduled',
      title: 'Secret meeting',
      startsAt: '2032-08-02T09:30:00+08:00',
      classification: 'SECRET',
      standardAgenda: false,
    });
    await startMeeting(demo.app, owner, secretMeeting.body);
    const itemOfSecret = await demo.app.request<AgendaItem>('POST', `/api/meetings/${secretMeeting.body.id}/agenda-items`, owner.token, {
      title: 'Item',
    });
    await demo.app.request('POST', `/api/agenda-items/${itemOfSecret.body.id}/decisions`, owner.token, {
      text: `${stem} in-secret-meeting`,
    });

    for (const [rank, level] of LEVELS.entries()) {
      const reader = readers.get(level) as TestUser;
      for (const q of [stem, `${stem} SECRET`, 'decided', '']) {
        const found = await demo.app.request<Decision[]>(
          'GET',
          `/api/committees/${committee.id}/decisions?q=${encodeURIComponent(q)}`,
          reader.token,
        );
        expect(found.status).toBe(200);
        for (const decision of found.body) expect(LEVELS.indexOf(decision.classification)).toBeLessThanOrEqual(rank);
        const text = JSON.stringify(found.body);
        expect([level, q, text.includes('under-secret-item') || text.includes('in-secret-meeting')]).toEqual([
          level,
          q,
          level === 'SECRET' && q !== 'decided' && q !== `${stem} SECRET`,
        ]);
      }
      const all = await demo.app.request<Decision[]>('GET', `/api/committees/${committee.id}/decisions?q=${stem}`, reader.token);
      expect(
        all.body
          .filter((decision) => decision.text.endsWith('decided'))
          .map((decision) => decision.classification)
          .sort(),
      ).toEqual(LEVELS.slice(0, rank + 1).sort());
    }
    const refused = await demo.app.request('GET', `/api/committees/${committee.id}/decisions?q=${stem}`, outsider.token);
    expect(refused.status).toBe(404);
    expect(JSON.stringify(refused.body)).not.toContain(stem);
  });

  it("should follow the committee's quorum rule, set live and audited by the chair, secretariat or an administrator", async () => {
    const { meeting: m } = await meeting('2032-07-01T09:30:00+08:00');
    const screen = await subscribed(demo.observer);
    const settings = await demo.app.request<CommitteeSettings>('GET', `/api/committees/${demo.committeeId}/settings`, demo.observer.token);
    expect(settings.status).toBe(200);
    expect(settings.body.quorumRule).toEqual({ kind: 'majority' });
    const initial = (await demo.app.request<Attendance>('GET', `/api/meetings/${m.id}/attendance`, demo.observer.token)).body;
    expect(initial.quorum.required).toBe(3);

    // A member may not set it; nonsense is refused naming the field; a stale version gets 409.
    const byMember = await demo.app.request('PATCH', `/api/committees/${demo.committeeId}/settings`, demo.member.token, {
      version: settings.body.version,
      quorumRule: { kind: 'count', count: 2 },
    });
    expect(byMember.status).toBe(403);
    const invalid = await demo.app.request<{ message: string }>('PATCH', `/api/committees/${demo.committeeId}/settings`, demo.chair.token, {
      version: settings.body.version,
      quorumRule: { kind: 'count', count: 0 },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toMatch(/quorumRule/);
    const unknownKind = await demo.app.request('PATCH', `/api/committees/${demo.committeeId}/settings`, demo.chair.token, {
      version: settings.body.version,
      quorumRule: { kind: 'two-thirds' },
    });
    expect(unknownKind.status).toBe(400);

    const set = await demo.app.request<CommitteeSettings>('PATCH', `/api/committees/${demo.committeeId}/settings`, demo.secretariat.token, {
      version: settings.body.version,
      quorumRule: { kind: 'count', count: 2 },
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ quorumRule: { kind: 'count', count: 2 }, version: settings.body.version + 1 });
    const stale = await demo.app.request<{ current: CommitteeSettings }>(
      'PATCH',
      `/api/committees/${demo.committeeId}/settings`,
      demo.chair.token,
      {
        version: settings.body.version,
        quorumRule: { kind: 'majority' },
      },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.current.quorumRule).toEqual({ kind: 'count', count: 2 });

    // Every screen is told the rule and the meeting's new quorum; the attendance read agrees.
    const events = await screen.waitFor(
      (received) =>
        received.some((e) => e.type === 'committee-settings.updated') &&
        received.some((e) => e.type === 'attendance.updated' && (e.data as Attendance).meetingId === m.id),
    );
    const live = events.find((e) => e.type === 'attendance.updated' && (e.data as Attendance).meetingId === m.id)?.data as Attendance;
    expect(live.quorum).toEqual({ required: 2, present: 0, met: false, voting: 5, counts: 'members' });
    const voters = initial.attendees.filter((attendee) => attendee.role === 'chair' || attendee.role === 'member').slice(0, 2);
    let marked: Attendance | undefined;
    for (const voter of voters) {
      marked = (
        await demo.app.request<Attendance>('PUT', `/api/meetings/${m.id}/attendance/${voter.userId}`, demo.secretariat.token, {
          status: 'present',
        })
      ).body;
    }
    expect(marked?.quorum).toEqual({ required: 2, present: 2, met: true, voting: 5, counts: 'members' });
    // The change is in the committee's activity (the audit), with who made it.
    const activity = await demo.app.request<{ items: Array<{ entityType: string; actorId: string }> }>(
      'GET',
      `/api/committees/${demo.committeeId}/activity`,
      demo.chair.token,
    );
    expect(activity.status).toBe(200);
    expect(
      activity.body.items.some((entry) => entry.entityType === 'committee-settings' && entry.actorId === demo.secretariat.user.id),
    ).toBe(true);

    // An administrator (no role in the committee) sets it back.
    const admin = await demo.app.login('admin');
    const back = await demo.app.request<CommitteeSettings>('PATCH', `/api/committees/${demo.committeeId}/settings`, admin.token, {
      version: set.body.version,
      quorumRule: { kind: 'majority' },
    });
    expect(back.status).toBe(200);
    expect((await demo.app.request<Attendance>('GET', `/api/meetings/${m.id}/attendance`, demo.observer.token)).body.quorum).toEqual({
      required: 3,
      present: 2,
      met: false,
      voting: 5,
      counts: 'members',
    });
  });
});
