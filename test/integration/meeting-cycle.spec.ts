import { describe, expect, it } from '@jest/globals';
import type { AgendaItem, Attendance, CommitteeSettings, Guest, Invitation, Meeting, MinutesRecord } from '@sidang/shared';
import { demoSuite } from './support/demo-suite.js';
import { type LiveClient, type Session, until } from './support/harness.js';

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
    // Confirmed at a later meeting, proposed and seconded by two who vote.
    const confirming = await createMeeting({ title: 'Confirming', startsAt: '2031-08-03T09:30:00+08:00' });
    await move('confirmed', {
      confirmation: 'without_amendment',
      confirmedAtMeetingId: confirming.id,
      proposedBy: demo.member.user.id,
      secondedBy: demo.chair.user.id,
    });
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

describe('meeting cycle: drafts seen by the chair and the secretariat only, numbers given at scheduling in date order', () => {
  const demo = demoSuite(['chair', 'secretariat', 'member', 'observer', 'admin']);

  const meetingOf = (session: Session, id: string) => demo.app.request<Meeting>('GET', `/api/meetings/${id}`, session.token);
  const subscribed = async (session: Session): Promise<LiveClient> => {
    const client = await demo.app.connect(session.token);
    expect((await client.subscribe(demo.committeeId)).ok).toBe(true);
    return client;
  };
  /** Everything a reader can reach about the committee, as one text: REST lists and records, catch-up, activity, search. */
  const reachable = async (session: Session, meetingId: string, itemId: string, marker: string): Promise<string> => {
    const paths = [
      `/api/committees/${demo.committeeId}/meetings`,
      `/api/meetings/${meetingId}`,
      `/api/meetings/${meetingId}/agenda-items`,
      `/api/agenda-items/${itemId}`,
      `/api/meetings/${meetingId}/attendance`,
      `/api/meetings/${meetingId}/ics`,
      `/api/committees/${demo.committeeId}/events?after=0&limit=1000`,
      `/api/committees/${demo.committeeId}/activity?limit=100`,
      `/api/search?q=${encodeURIComponent(marker)}`,
      `/api/committees/${demo.committeeId}/home`,
      '/api/notifications',
    ];
    const answers = await Promise.all(paths.map((path) => demo.app.request('GET', path, session.token)));
    // Each answer under its path's place in the list (the search path itself names the marker).
    return answers.map((answer, index) => `${index} ${answer.status} ${JSON.stringify(answer.body)}`).join('\n');
  };
  const step = async (id: string, patch: Record<string, unknown>, session: Session = demo.chair) => {
    const current = (await meetingOf(demo.chair, id)).body;
    return demo.app.request<Meeting>('PATCH', `/api/meetings/${id}`, session.token, { version: current.version, ...patch });
  };

  it('should keep a draft meeting and its agenda from members, observers and non-members on every channel until it is scheduled', async () => {
    const marker = `DRAFTMARK${Date.now()}`;
    const gone = `GONEMARK${Date.now()}`;
    const member = await subscribed(demo.member);
    const observer = await subscribed(demo.observer);
    const chair = await subscribed(demo.chair);
    const secretariat = await subscribed(demo.secretariat);
    try {
      const created = await demo.app.request<Meeting>('POST', `/api/committees/${demo.committeeId}/meetings`, demo.secretariat.token, {
        title: `Draft meeting ${marker}`,
        startsAt: '2032-05-05T09:30:00+08:00',
        standardAgenda: false,
      });
      expect(created.status).toBe(201);
      const meeting = created.body;
      expect(meeting).toMatchObject({ status: 'draft', number: null });
      const item = await demo.app.request<AgendaItem>('POST', `/api/meetings/${meeting.id}/agenda-items`, demo.secretariat.token, {
        title: `Paper ${marker}`,
      });
      expect(item.status).toBe(201);
      // An item added and removed while a draft: never seen by members, not even after publication.
      const removed = await demo.app.request<AgendaItem>('POST', `/api/meetings/${meeting.id}/agenda-items`, demo.secretariat.token, {
        title: `Withdrawn ${gone}`,
      });
      expect(
        (await demo.app.request('DELETE', `/api/agenda-items/${removed.body.id}?version=${removed.body.version}`, demo.secretariat.token))
          .status,
      ).toBe(204);
      await demo.app.request('POST', `/api/meetings/${meeting.id}/guests`, demo.secretariat.token, { name: `Guest ${marker}` });

      // Positive control: the chair's and the secretariat's sockets get the draft's changes live.
      await chair.waitForEntity(removed.body.id, 'agenda-item.deleted');
      await secretariat.waitForEntity(item.body.id, 'agenda-item.created');
      await Promise.all([member.delivered(), observer.delivered()]);
      for (const socket of [member, observer]) {
        expect(JSON.stringify(socket.events)).not.toContain(marker);
        expect(JSON.stringify(socket.events)).not.toContain(gone);
        expect(socket.events.some((event) => event.entityId === meeting.id)).toBe(false);
      }
      // REST, catch-up, activity, search, home, notifications: nothing of it for the others; 404 for the records.
      for (const session of [demo.member, demo.observer, demo.admin]) {
        const text = await reachable(session, meeting.id, item.body.id, marker);
        expect(text).not.toContain(marker);
        expect(text).not.toContain(gone);
        expect(text).not.toContain(meeting.id);
        expect((await meetingOf(session, meeting.id)).status).toBe(404);
      }
      const presence = await member.socket.timeout(5_000).emitWithAck('presence:join', { meetingId: meeting.id });
      expect(presence.ok).toBe(false);
      // The chair and the secretariat see all of it.
      for (const session of [demo.chair, demo.secretariat]) {
        const text = await reachable(session, meeting.id, item.body.id, marker);
        expect(text).toContain(`Paper ${marker}`);
        expect(
          (await demo.app.request<{ items: unknown[] }>('GET', `/api/search?q=${marker}`, session.token)).body.items.length,
        ).toBeGreaterThan(0);
        expect((await meetingOf(session, meeting.id)).status).toBe(200);
        const catchUp = await demo.app.request('GET', `/api/committees/${demo.committeeId}/events?after=0&limit=1000`, session.token);
        expect(JSON.stringify(catchUp.body)).toContain(`Paper ${marker}`);
      }
      expect((await chair.socket.timeout(5_000).emitWithAck('presence:join', { meetingId: meeting.id })).ok).toBe(true);

      // Scheduling publishes it, numbered: the member gets it live and on every channel, but nothing logged while it was a draft.
      const scheduled = await step(meeting.id, { status: 'scheduled' });
      expect(scheduled.status).toBe(200);
      expect(scheduled.body.number).toMatch(/^Bil\. \d+\/2032$/);
      const published = await member.waitForEntity(meeting.id, 'meeting.updated');
      expect(published.data).toMatchObject({ status: 'scheduled', title: `Draft meeting ${marker}` });
      expect((await meetingOf(demo.member, meeting.id)).status).toBe(200);
      const agenda = await demo.app.request<AgendaItem[]>('GET', `/api/meetings/${meeting.id}/agenda-items`, demo.member.token);
      expect(agenda.body.map((entry) => entry.title)).toEqual([`Paper ${marker}`]);
      expect(
        (await demo.app.request<Attendance>('GET', `/api/meetings/${meeting.id}/attendance`, demo.member.token)).body.guests,
      ).toHaveLength(1);
      const search = await demo.app.request<{ items: Array<{ id: string }> }>('GET', `/api/search?q=${marker}`, demo.member.token);
      expect(search.body.items.map((found) => found.id)).toContain(item.body.id);
      const after = await reachable(demo.member, meeting.id, item.body.id, gone);
      expect(after).not.toContain(gone);
      const catchUp = await demo.app.request<{ events: Array<{ entityId: string; type: string }> }>(
        'GET',
        `/api/committees/${demo.committeeId}/events?after=0&limit=1000`,
        demo.member.token,
      );
      expect(catchUp.body.events.filter((event) => event.entityId === removed.body.id)).toEqual([]);
      expect(catchUp.body.events.some((event) => event.entityId === meeting.id && event.type === 'meeting.updated')).toBe(true);
      // Published for good: it does not go back to draft.
      expect((await step(meeting.id, { status: 'draft' })).status).toBe(400);
    } finally {
      for (const socket of [member, observer, chair, secretariat]) socket.disconnect();
    }
  });

  it("should number at scheduling in date order within the year, keep held meetings' numbers, and let the secretariat correct a number", async () => {
    const create = async (title: string, startsAt: string, status: 'draft' | 'scheduled') => {
      const result = await demo.app.request<Meeting>('POST', `/api/committees/${demo.committeeId}/meetings`, demo.secretariat.token, {
        title,
        startsAt,
        status,
        standardAgenda: false,
      });
      expect(result.status).toBe(201);
      return result.body;
    };
    const numbers = async (...meetings: Meeting[]) =>
      Promise.all(meetings.map(async (meeting) => (await meetingOf(demo.member, meeting.id)).body.number ?? null));
    const june = await create('June', '2033-06-01T09:30:00+08:00', 'scheduled');
    expect(june.number).toBe('Bil. 1/2033');
    const march = await create('March', '2033-03-01T09:30:00+08:00', 'scheduled');
    expect(march.number).toBe('Bil. 1/2033');
    expect(await numbers(march, june)).toEqual(['Bil. 1/2033', 'Bil. 2/2033']);
    const april = await create('April', '2033-04-01T09:30:00+08:00', 'draft');
    expect(april.number).toBeNull();
    expect((await step(april.id, { number: 5 }, demo.secretariat)).status).toBe(400);
    expect((await step(april.id, { status: 'scheduled' }, demo.secretariat)).body.number).toBe('Bil. 2/2033');
    expect(await numbers(march, april, june)).toEqual(['Bil. 1/2033', 'Bil. 2/2033', 'Bil. 3/2033']);
    // March is held: a meeting scheduled later for an earlier date does not move its number.
    expect((await step(march.id, { status: 'in_progress' })).status).toBe(200);
    const february = await create('February', '2033-02-01T09:30:00+08:00', 'scheduled');
    expect(february.number).toBe('Bil. 4/2033');
    expect(await numbers(march, april, june)).toEqual(['Bil. 1/2033', 'Bil. 2/2033', 'Bil. 3/2033']);
    // The secretariat corrects a number: another meeting's is refused.
    const taken = await step(february.id, { number: 2 }, demo.secretariat);
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'number_taken', issues: [expect.objectContaining({ field: 'number' })] });
    expect((await step(february.id, { number: 9 }, demo.member)).status).toBe(403);
    expect((await step(february.id, { number: 0 }, demo.secretariat)).status).toBe(400);
    const corrected = await step(february.id, { number: 9 }, demo.secretariat);
    expect(corrected.status).toBe(200);
    expect(corrected.body.number).toBe('Bil. 9/2033');
  });
});

describe('meeting cycle: invitations and answers', () => {
  const demo = demoSuite(['chair', 'secretariat', 'member', 'observer']);

  it("should invite the members when a meeting is scheduled, take each one's own answer live, and let the secretariat remind those who have not answered", async () => {
    const created = await demo.app.request<Meeting>('POST', `/api/committees/${demo.committeeId}/meetings`, demo.secretariat.token, {
      title: 'Invited',
      startsAt: '2034-02-02T09:30:00+08:00',
      standardAgenda: false,
    });
    const meeting = created.body;
    const invitationsOf = (session: Session) =>
      demo.app.request<Invitation[]>('GET', `/api/meetings/${meeting.id}/invitations`, session.token);
    // A draft invites nobody, and takes no answer.
    expect((await invitationsOf(demo.chair)).body).toEqual([]);
    expect((await demo.app.request('PUT', `/api/meetings/${meeting.id}/rsvp`, demo.chair.token, { response: 'accepted' })).status).toBe(
      400,
    );
    const scheduled = await demo.app.request<Meeting>('PATCH', `/api/meetings/${meeting.id}`, demo.chair.token, {
      version: meeting.version,
      status: 'scheduled',
    });
    expect(scheduled.status).toBe(200);
    const invited = (await invitationsOf(demo.member)).body;
    for (const session of [demo.chair, demo.secretariat, demo.member, demo.observer]) {
      expect(invited.find((invitation) => invitation.userId === session.user.id)).toMatchObject({ response: null, respondedAt: null });
    }

    const live = await demo.app.connect(demo.observer.token);
    try {
      expect((await live.subscribe(demo.committeeId)).ok).toBe(true);
      const answer = await demo.app.request<Invitation>('PUT', `/api/meetings/${meeting.id}/rsvp`, demo.member.token, {
        response: 'tentative',
        note: 'Flight lands at 09:00',
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ userId: demo.member.user.id, response: 'tentative', note: 'Flight lands at 09:00' });
      const isAnswer = (e: { type: string; data: unknown }) =>
        e.type === 'attendance.updated' && (e.data as Attendance).meetingId === meeting.id;
      const event = (await live.waitFor((events) => events.some(isAnswer))).find(isAnswer) as { data: unknown };
      const seen = (event.data as Attendance).invitations.find((invitation) => invitation.userId === demo.member.user.id);
      expect(seen).toMatchObject({ response: 'tentative' });
      // The note reaches the chair and the secretariat (and its author), never another member, on any channel.
      expect(JSON.stringify(live.events)).not.toContain('Flight lands');
      const observerView = (await invitationsOf(demo.observer)).body.find((invitation) => invitation.userId === demo.member.user.id);
      expect(observerView).toMatchObject({ response: 'tentative' });
      expect(observerView?.note).toBeUndefined();
      const catchUp = await demo.app.request('GET', `/api/committees/${demo.committeeId}/events?after=0&limit=1000`, demo.observer.token);
      expect(JSON.stringify(catchUp.body)).not.toContain('Flight lands');
      for (const session of [demo.secretariat, demo.chair, demo.member]) {
        const mine = (await invitationsOf(session)).body.find((invitation) => invitation.userId === demo.member.user.id);
        expect(mine?.note).toBe('Flight lands at 09:00');
      }
      // The home's next meeting carries the caller's own answer.
      const home = await demo.app.request<{ nextMeeting: { id: string; rsvp: string | null } | null }>(
        'GET',
        `/api/committees/${demo.committeeId}/home`,
        demo.member.token,
      );
      expect(home.status).toBe(200);
      // Bad input names the field.
      const bad = await demo.app.request<{ issues: Array<{ field: string }> }>(
        'PUT',
        `/api/meetings/${meeting.id}/rsvp`,
        demo.member.token,
        {
          response: 'maybe',
        },
      );
      expect(bad.status).toBe(400);
      expect(bad.body.issues[0]?.field).toBe('response');

      // A reminder: only the chair or the secretariat; a notification to each who has not answered.
      expect((await demo.app.request('POST', `/api/meetings/${meeting.id}/invitations/remind`, demo.member.token)).status).toBe(403);
      const reminded = await demo.app.request<Attendance>('POST', `/api/meetings/${meeting.id}/invitations/remind`, demo.secretariat.token);
      expect(reminded.status).toBe(200);
      expect(reminded.body.remindedAt).not.toBeNull();
      const kindsOf = async (session: Session) =>
        (
          await demo.app.request<{ items: Array<{ kind: string; entityId: string }> }>('GET', '/api/notifications', session.token)
        ).body.items
          .filter((item) => item.kind === 'meeting.reminder')
          .map((item) => item.kind);
      await until(async () => (await kindsOf(demo.observer)).length === 1 || undefined, 'the observer reminded');
      expect(await kindsOf(demo.member)).toEqual([]);
      expect(await kindsOf(demo.secretariat)).toEqual([]);
    } finally {
      live.disconnect();
    }
  });
});

describe('meeting cycle: decisions from the start of the meeting', () => {
  const demo = demoSuite(['chair', 'secretariat', 'member']);

  it('should refuse a decision on a draft or scheduled meeting (409 meeting_not_started, naming status) and record one once it has started', async () => {
    const created = await demo.app.request<Meeting>('POST', `/api/committees/${demo.committeeId}/meetings`, demo.secretariat.token, {
      title: 'Not yet started',
      startsAt: '2035-03-03T09:30:00+08:00',
      standardAgenda: false,
    });
    expect(created.status).toBe(201);
    const meeting = created.body;
    const item = (
      await demo.app.request<AgendaItem>('POST', `/api/meetings/${meeting.id}/agenda-items`, demo.secretariat.token, { title: 'Item' })
    ).body;
    const marker = `EARLYDECISION${Date.now()}`;
    const decide = (session: Session, text: string) =>
      demo.app.request<{ code: string; issues?: Array<{ field: string; code: string }> }>(
        'POST',
        `/api/agenda-items/${item.id}/decisions`,
        session.token,
        { text },
      );
    const step = async (status: string) => {
      const current = (await demo.app.request<Meeting>('GET', `/api/meetings/${meeting.id}`, demo.chair.token)).body;
      const moved = await demo.app.request<Meeting>('PATCH', `/api/meetings/${meeting.id}`, demo.chair.token, {
        version: current.version,
        status,
      });
      expect(moved.status).toBe(200);
    };

    for (const status of ['draft', 'scheduled']) {
      if (status === 'scheduled') await step('scheduled');
      for (const session of [demo.chair, demo.secretariat]) {
        const refused = await decide(session, `${marker} ${status}`);
        expect([refused.status, refused.body.code]).toEqual([409, 'meeting_not_started']);
        expect(refused.body.issues).toEqual([expect.objectContaining({ field: 'status', code: 'invalid_state' })]);
      }
    }
    // Nothing was written: no decision on the item, no event, no activity.
    expect((await demo.app.request('GET', `/api/agenda-items/${item.id}/decisions`, demo.chair.token)).body).toEqual([]);
    const trail = await Promise.all([
      demo.app.request('GET', `/api/committees/${demo.committeeId}/events?after=0&limit=1000`, demo.chair.token),
      demo.app.request('GET', `/api/committees/${demo.committeeId}/activity?limit=100`, demo.chair.token),
    ]);
    expect(JSON.stringify(trail.map((answer) => answer.body))).not.toContain(marker);
    // A member is refused as before, by role.
    expect((await decide(demo.member, 'x')).status).toBe(403);

    // Started: in progress, adjourned and closed all take decisions.
    const recorded: string[] = [];
    for (const status of ['in_progress', 'adjourned', 'closed']) {
      await step(status);
      const accepted = await decide(demo.chair, `${marker} ${status}`);
      expect(accepted.status).toBe(201);
      recorded.push(`${marker} ${status}`);
    }
    const decisions = await demo.app.request<Array<{ text: string }>>('GET', `/api/agenda-items/${item.id}/decisions`, demo.member.token);
    expect(decisions.body.map((decision) => decision.text)).toEqual(recorded);
  });
});
