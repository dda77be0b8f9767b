import { describe, expect, it } from '@jest/globals';
import type { Attendance, CommitteeSettings, Guest, Meeting, MinutesRecord } from '@sidang/shared';
import { demoSuite } from './support/demo-suite.js';

describe('meeting cycle: quorum, guests and frozen attendance', () => {
  const demo = demoSuite(['chair', 'secretariat', 'member', 'observer']);

  const createMeeting = async (body: Record<string, unknown>): Promise<Meeting> => {
    const result = await demo.app.request<Meeting>('POST', `/api/committees/${demo.committeeId}/meetings`, demo.chair.token, {
      standardAgenda: false,
      status: 'scheduled',
      ...body,
    });
    expect(result.status).toBe(201);
    return result.body;
  };
  const attendance = async (meetingId: string, token = demo.chair.token) =>
    (await demo.app.request<Attendance>('GET', `/api/meetings/${meetingId}/attendance`, token)).body;
  const mark = (meetingId: string, userId: string, status: string, token = demo.secretariat.token) =>
    demo.app.request<Attendance>('PUT', `/api/meetings/${meetingId}/attendance/${userId}`, token, { status });
  const settings = async () =>
    (await demo.app.request<CommitteeSettings>('GET', `/api/committees/${demo.committeeId}/settings`, demo.chair.token)).body;
  const setSettings = async (patch: Record<string, unknown>) => {
    const current = await settings();
    return demo.app.request<CommitteeSettings>('PATCH', `/api/committees/${demo.committeeId}/settings`, demo.chair.token, {
      version: current.version,
      ...patch,
    });
  };

  it('should count voting members only: the secretariat, observers and guests leave the quorum unless the committee says the secretariat votes', async () => {
    const meeting = await createMeeting({ title: 'Quorum', startsAt: '2031-07-01T09:30:00+08:00' });
    const first = await attendance(meeting.id);
    const roleCount = (role: string) => first.attendees.filter((person) => person.role === role).length;
    const members = roleCount('chair') + roleCount('member');
    expect(roleCount('secretariat')).toBeGreaterThan(0);
    expect(first.quorum).toEqual({ required: Math.floor(members / 2) + 1, present: 0, met: false, voting: members, counts: 'members' });

    // The secretariat and the observer present, and a guest: none of them counts.
    expect((await mark(meeting.id, demo.secretariat.user.id, 'present')).status).toBe(200);
    expect((await mark(meeting.id, demo.observer.user.id, 'present')).status).toBe(200);
    const guest = await demo.app.request<Guest>('POST', `/api/meetings/${meeting.id}/guests`, demo.secretariat.token, {
      name: 'Dr Siti Presenter',
      agency: 'MINT',
      role: 'Presenter',
    });
    expect(guest.status).toBe(201);
    let now = await attendance(meeting.id);
    expect(now.quorum.present).toBe(0);
    expect(now.quorum.voting).toBe(members);
    // The chair and the member present: two voting members.
    await mark(meeting.id, demo.chair.user.id, 'present');
    await mark(meeting.id, demo.member.user.id, 'present');
    now = await attendance(meeting.id);
    expect(now.quorum.present).toBe(2);

    // The committee says its secretariat votes: counted from now on, live.
    const live = await demo.app.connect(demo.member.token);
    try {
      expect((await live.subscribe(demo.committeeId)).ok).toBe(true);
      const changed = await setSettings({ secretariatVotes: true });
      expect(changed.status).toBe(200);
      expect(changed.body.secretariatVotes).toBe(true);
      const voting = members + roleCount('secretariat');
      const events = await live.waitFor((received) =>
        received.some((envelope) => envelope.type === 'attendance.updated' && (envelope.data as Attendance).meetingId === meeting.id),
      );
      const event = events.find(
        (envelope) => envelope.type === 'attendance.updated' && (envelope.data as Attendance).meetingId === meeting.id,
      );
      expect((event as { data: Attendance }).data.quorum).toMatchObject({ present: 3, voting, counts: 'members-and-secretariat' });
      expect((await attendance(meeting.id)).quorum).toEqual({
        required: Math.floor(voting / 2) + 1,
        present: 3,
        met: 3 >= Math.floor(voting / 2) + 1,
        voting,
        counts: 'members-and-secretariat',
      });
    } finally {
      live.disconnect();
      await setSettings({ secretariatVotes: false });
    }
    // A settings change naming nothing is refused.
    const nothing = await setSettings({});
    expect(nothing.status).toBe(400);
    expect((nothing.body as unknown as { code: string }).code).toBe('nothing_to_change');
  });

  it('should add and remove guests who are not members (chair, secretariat), naming a bad field and refusing others', async () => {
    const meeting = await createMeeting({ title: 'Guests', startsAt: '2031-07-02T09:30:00+08:00' });
    const path = `/api/meetings/${meeting.id}/guests`;
    const added = await demo.app.request<Guest>('POST', path, demo.chair.token, {
      name: 'Encik Officer',
      agency: 'LKM',
      role: 'Agency officer',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ meetingId: meeting.id, name: 'Encik Officer', agency: 'LKM', role: 'Agency officer' });
    const listed = await attendance(meeting.id, demo.member.token);
    expect(listed.guests).toEqual([added.body]);
    // Not counted anywhere among the members.
    expect(listed.attendees.some((person) => person.name === 'Encik Officer')).toBe(false);

    expect((await demo.app.request('POST', path, demo.member.token, { name: 'Someone' })).status).toBe(403);
    expect((await demo.app.request('POST', path, demo.observer.token, { name: 'Someone' })).status).toBe(403);
    const empty = await demo.app.request<{ issues: Array<{ field: string }> }>('POST', path, demo.chair.token, { name: ' ' });
    expect(empty.status).toBe(400);
    expect(empty.body.issues[0]?.field).toBe('name');
    const unknown = await demo.app.request<{ issues: Array<{ field: string; code: string }> }>('POST', path, demo.chair.token, {
      name: 'X',
      rank: 'Dato',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues[0]).toMatchObject({ field: 'rank', code: 'unknown_field' });

    // Removing: the member may not; the secretariat may; a second time it is gone.
    expect((await demo.app.request('DELETE', `${path}/${added.body.id}`, demo.member.token)).status).toBe(403);
    expect((await demo.app.request('DELETE', `${path}/${added.body.id}`, demo.secretariat.token)).status).toBe(204);
    expect((await demo.app.request('DELETE', `${path}/${added.body.id}`, demo.secretariat.token)).status).toBe(404);
    expect((await attendance(meeting.id)).guests).toEqual([]);
  });

  it('should freeze attendance, guests and marks once the minutes are published (409 attendance_frozen)', async () => {
    const meeting = await createMeeting({ title: 'Frozen', startsAt: '2031-07-03T09:30:00+08:00' });
    const guest = (
      await demo.app.request<Guest>('POST', `/api/meetings/${meeting.id}/guests`, demo.chair.token, {
        name: 'Puan Pembentang',
        agency: 'MIDA',
      })
    ).body;
    const step = async (status: string) => {
      const current = await demo.app.request<Meeting>('GET', `/api/meetings/${meeting.id}`, demo.chair.token);
      const moved = await demo.app.request<Meeting>('PATCH', `/api/meetings/${meeting.id}`, demo.chair.token, {
        version: current.body.version,
        status,
      });
      expect(moved.status).toBe(200);
    };
    await step('in_progress');
    await step('closed');
    const minutes = (await demo.app.request<MinutesRecord>('GET', `/api/meetings/${meeting.id}/minutes`, demo.chair.token)).body;
    const move = async (to: string, body: Record<string, unknown> = {}) => {
      const current = (await demo.app.request<MinutesRecord>('GET', `/api/meetings/${meeting.id}/minutes`, demo.chair.token)).body;
      const moved = await demo.app.request<MinutesRecord>('POST', `/api/minutes/${minutes.id}/transition`, demo.chair.token, {
        to,
        version: current.version,
        ...body,
      });
      expect(moved.status).toBe(200);
    };
    // Before publication attendance still changes.
    expect((await mark(meeting.id, demo.member.user.id, 'present')).status).toBe(200);
    await move('circulated');
    await move('confirmed', { confirmation: 'without_amendment' });
    expect((await mark(meeting.id, demo.member.user.id, 'apologies')).status).toBe(200);
    await move('published');

    const frozen = await attendance(meeting.id);
    expect(frozen.frozen).toBe(true);
    const refusals = [
      await mark(meeting.id, demo.member.user.id, 'present'),
      await mark(meeting.id, demo.member.user.id, 'present', demo.member.token),
      await demo.app.request('POST', `/api/meetings/${meeting.id}/guests`, demo.chair.token, { name: 'Late guest' }),
      await demo.app.request('DELETE', `/api/meetings/${meeting.id}/guests/${guest.id}`, demo.chair.token),
    ];
    for (const refusal of refusals) {
      expect(refusal.status).toBe(409);
      expect((refusal.body as { code: string }).code).toBe('attendance_frozen');
    }
    const after = await attendance(meeting.id);
    expect(after.version).toBe(frozen.version);
    expect(after.attendees.find((person) => person.userId === demo.member.user.id)?.status).toBe('apologies');
    expect(after.guests.map((g) => g.name)).toEqual(['Puan Pembentang']);
  });
});
