import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ActivityPage, AgendaItem, Attendance, EventEnvelope, Meeting, ProjectorView } from '@sidang/shared';
import { io, type Socket } from 'socket.io-client';
import { sql } from './support/db.js';
import { aCommittee, aMembership, aUser, type TestUser, unique } from './support/factories.js';
import { type HttpResult, LiveClient, TestApp } from './support/harness.js';

const VIEW_LEVEL = 'X-Sidang-View-Level';

/**
 * The live pointer: a meeting's current agenda item is withheld, as `null` with
 * `currentItemRestricted`, from every reader below the item, on every channel; and a screen
 * that others read (the projector) can be served below its user's clearance.
 */
describe('the current item and the projector, need-to-know', () => {
  let app: TestApp;
  let committee: { id: string };
  let chair: TestUser;
  let secretariat: TestUser;
  let member: TestUser;
  let observer: TestUser;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    app = await TestApp.start();
    committee = await aCommittee(app);
    [chair, secretariat, member, observer] = await Promise.all([
      aUser(app, { clearance: 'SECRET', name: 'Chair' }),
      aUser(app, { clearance: 'CONFIDENTIAL', name: 'Secretariat' }),
      aUser(app, { clearance: 'CONFIDENTIAL', name: 'Member' }),
      aUser(app, { clearance: 'OPEN', name: 'Observer' }),
    ]);
    await aMembership(app, committee, chair, 'chair');
    await aMembership(app, committee, secretariat, 'secretariat');
    await aMembership(app, committee, member, 'member');
    await aMembership(app, committee, observer, 'observer');
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await app.close();
  });

  /** A request with extra headers (the harness sends only the bearer token). */
  const requestWith = async <T>(method: string, path: string, token: string, headers: Record<string, string>): Promise<HttpResult<T>> => {
    const response = await fetch(`${app.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...headers } });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };

  /** A socket whose handshake asks to be served at `viewLevel`. */
  const connectAt = (token: string, viewLevel: string): Promise<{ client: LiveClient; socket: Socket }> => {
    const socket = io(app.url, { auth: { token, viewLevel }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    const client = new LiveClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve({ client, socket }));
      socket.once('connect_error', (error) => reject(error));
    });
  };

  const subscribed = async (user: TestUser): Promise<LiveClient> => {
    const client = await app.connect(user.token);
    expect((await client.subscribe(committee.id)).ok).toBe(true);
    return client;
  };

  const item = async (meetingId: string, fields: Record<string, unknown>): Promise<AgendaItem> => {
    const result = await app.request<AgendaItem>('POST', `/api/meetings/${meetingId}/agenda-items`, chair.token, fields);
    expect(result.status).toBe(201);
    return result.body;
  };

  /** An OPEN meeting in progress with an OPEN item and a SECRET one whose title is a marker. */
  const runningMeeting = async () => {
    const marker = `MARKER-${unique('secret-item')}`;
    const created = await app.request<Meeting>('POST', `/api/committees/${committee.id}/meetings`, chair.token, {
      status: 'scheduled',
      title: unique('Meeting'),
      startsAt: '2031-07-01T09:30:00+08:00',
      standardAgenda: false,
    });
    expect(created.status).toBe(201);
    const meeting = created.body;
    const open = await item(meeting.id, { title: unique('Open item') });
    const secret = await item(meeting.id, { title: marker, classification: 'SECRET' });
    let version = meeting.version;
    for (const status of ['scheduled', 'in_progress']) {
      const moved = await app.request<Meeting>('PATCH', `/api/meetings/${meeting.id}`, chair.token, { version, status });
      expect(moved.status).toBe(200);
      version = moved.body.version;
    }
    return { meeting, open, secret, marker };
  };

  const setCurrent = (user: TestUser, meetingId: string, agendaItemId: string | null) =>
    app.request<Meeting>('POST', `/api/meetings/${meetingId}/current-item`, user.token, { agendaItemId });

  const withheld = (meeting: Meeting | undefined) => ({
    currentAgendaItemId: meeting?.currentAgendaItemId,
    currentItemStartedAt: meeting?.currentItemStartedAt,
    currentItemRestricted: meeting?.currentItemRestricted,
  });
  const WITHHELD = { currentAgendaItemId: null, currentItemStartedAt: null, currentItemRestricted: true };

  const lastOf = (events: readonly EventEnvelope[], meetingId: string, type: string): Meeting | undefined =>
    events.filter((e) => e.entityId === meetingId && e.type === type).at(-1)?.data as Meeting | undefined;

  it('should withhold a SECRET current item from the CONFIDENTIAL member and the OPEN observer on every channel', async () => {
    const [chairScreen, memberScreen, observerScreen] = await Promise.all([subscribed(chair), subscribed(member), subscribed(observer)]);
    const { meeting, secret, marker } = await runningMeeting();

    const set = await setCurrent(chair, meeting.id, secret.id);
    expect(set.status).toBe(200);
    expect(set.body.currentAgendaItemId).toBe(secret.id);

    const changed = (screen: LiveClient) =>
      screen.waitFor((events) => events.some((e) => e.entityId === meeting.id && e.type === 'meeting.current-item-changed'));
    await Promise.all([changed(chairScreen), changed(memberScreen), changed(observerScreen)]);

    // Positive control: the SECRET chair sees the pointer on every channel.
    const chairGet = await app.request<Meeting>('GET', `/api/meetings/${meeting.id}`, chair.token);
    expect(chairGet.body.currentAgendaItemId).toBe(secret.id);
    expect(chairGet.body.currentItemStartedAt).not.toBeNull();
    expect(chairGet.body.currentItemRestricted).toBe(false);
    expect(lastOf(chairScreen.events, meeting.id, 'meeting.current-item-changed')?.currentAgendaItemId).toBe(secret.id);
    expect(JSON.stringify((await app.catchUp(chair.token, committee.id, 0)).events)).toContain(secret.id);
    expect(JSON.stringify(chairScreen.events)).toContain(marker);

    for (const [reader, screen] of [
      [member, memberScreen],
      [observer, observerScreen],
    ] as const) {
      const get = await app.request<Meeting>('GET', `/api/meetings/${meeting.id}`, reader.token);
      const list = await app.request<Meeting[]>('GET', `/api/committees/${committee.id}/meetings`, reader.token);
      const catchUp = await app.catchUp(reader.token, committee.id, 0);
      const activity = await app.request('GET', `/api/committees/${committee.id}/activity`, reader.token);
      const meetingActivity = await app.request('GET', `/api/committees/${committee.id}/activity?entityId=${meeting.id}`, reader.token);
      expect(get.status).toBe(200);
      expect(activity.status).toBe(200);
      expect(meetingActivity.status).toBe(200);
      expect(withheld(get.body)).toEqual(WITHHELD);
      expect(withheld(list.body.find((m) => m.id === meeting.id))).toEqual(WITHHELD);
      expect(withheld(lastOf(screen.events, meeting.id, 'meeting.current-item-changed'))).toEqual(WITHHELD);
      expect(withheld(lastOf(catchUp.events, meeting.id, 'meeting.current-item-changed'))).toEqual(WITHHELD);
      const everything = JSON.stringify({ get, list, socket: screen.events, catchUp, activity, meetingActivity });
      expect(everything).not.toContain(secret.id);
      expect(everything).not.toContain(marker);
    }
  });

  it('should re-record the meeting when the current item is raised, lowered or removed', async () => {
    const memberScreen = await subscribed(member);
    const { meeting, open, secret } = await runningMeeting();
    expect((await setCurrent(chair, meeting.id, open.id)).status).toBe(200);
    // Positive control: an item the member may see is current for them too.
    const seen = await app.request<Meeting>('GET', `/api/meetings/${meeting.id}`, member.token);
    expect(seen.body.currentAgendaItemId).toBe(open.id);
    expect(seen.body.currentItemRestricted).toBe(false);

    const raised = await app.request<AgendaItem>('PATCH', `/api/agenda-items/${open.id}`, chair.token, {
      version: open.version,
      classification: 'SECRET',
    });
    expect(raised.status).toBe(200);
    const events = await memberScreen.waitFor((received) =>
      received.some((e) => e.entityId === meeting.id && e.type === 'meeting.updated' && (e.data as Meeting).currentItemRestricted === true),
    );
    expect(withheld(lastOf(events, meeting.id, 'meeting.updated'))).toEqual(WITHHELD);
    expect(withheld((await app.request<Meeting>('GET', `/api/meetings/${meeting.id}`, member.token)).body)).toEqual(WITHHELD);
    const afterRaise = (await app.catchUp(member.token, committee.id, 0)).events.filter((e) => e.entityId === meeting.id).at(-1);
    expect(withheld(afterRaise?.data as Meeting)).toEqual(WITHHELD);

    // The SECRET item made current, then lowered to OPEN: the member sees it from then on.
    expect((await setCurrent(chair, meeting.id, secret.id)).status).toBe(200);
    const lowered = await app.request<AgendaItem>('PATCH', `/api/agenda-items/${secret.id}`, chair.token, {
      version: secret.version,
      classification: 'OPEN',
    });
    expect(lowered.status).toBe(200);
    await memberScreen.waitFor((received) =>
      received.some((e) => e.entityId === meeting.id && (e.data as Meeting).currentAgendaItemId === secret.id),
    );
    expect((await app.request<Meeting>('GET', `/api/meetings/${meeting.id}`, member.token)).body.currentAgendaItemId).toBe(secret.id);

    // Removing the current item is a change of the meeting on every screen.
    const before = (await app.request<Meeting>('GET', `/api/meetings/${meeting.id}`, chair.token)).body;
    const removed = await app.request('DELETE', `/api/agenda-items/${secret.id}?version=${lowered.body.version}`, chair.token);
    expect(removed.status).toBe(204);
    await memberScreen.waitFor((received) =>
      received.some((e) => e.entityId === meeting.id && e.type === 'meeting.current-item-changed' && e.version === before.version + 1),
    );
    const after = (await app.request<Meeting>('GET', `/api/meetings/${meeting.id}`, member.token)).body;
    expect(after.currentAgendaItemId).toBeNull();
    expect(after.currentItemRestricted).toBe(false);
    expect(after.version).toBe(before.version + 1);
  });

  it('should let only a setter cleared for the item make it current', async () => {
    const { meeting, open, secret, marker } = await runningMeeting();
    const refused = await setCurrent(secretariat, meeting.id, secret.id);
    expect(refused.status).toBe(404);
    expect(JSON.stringify(refused.body)).not.toContain(marker);
    // The same answer as for an item that does not exist.
    const missing = await setCurrent(secretariat, meeting.id, '00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    // Every answer has its own request id; apart from it, the two are the same.
    expect({ ...(missing.body as object), requestId: undefined }).toEqual({ ...(refused.body as object), requestId: undefined });
    expect((await app.request<Meeting>('GET', `/api/meetings/${meeting.id}`, chair.token)).body.currentAgendaItemId).toBeNull();
    // Positive control: the same secretariat sets an item they may see.
    const allowed = await setCurrent(secretariat, meeting.id, open.id);
    expect(allowed.status).toBe(200);
    expect(allowed.body.currentAgendaItemId).toBe(open.id);
  });

  it('should serve the chair at a lower view level on REST and socket, and never above their clearance', async () => {
    const { meeting, open, secret, marker } = await runningMeeting();
    expect((await setCurrent(chair, meeting.id, secret.id)).status).toBe(200);
    const atOpen = { [VIEW_LEVEL]: 'OPEN' };

    // REST at OPEN: the pointer withheld, the SECRET item absent.
    const get = await requestWith<Meeting>('GET', `/api/meetings/${meeting.id}`, chair.token, atOpen);
    const agenda = await requestWith<AgendaItem[]>('GET', `/api/meetings/${meeting.id}/agenda-items`, chair.token, atOpen);
    const direct = await requestWith('GET', `/api/agenda-items/${secret.id}`, chair.token, atOpen);
    expect(withheld(get.body)).toEqual(WITHHELD);
    expect(agenda.body.map((entry) => entry.id)).toEqual([open.id]);
    expect(direct.status).toBe(404);
    expect(JSON.stringify({ get, agenda, direct })).not.toContain(marker);
    expect(JSON.stringify({ get, agenda, direct })).not.toContain(secret.id);
    // Positive control: the same chair without the header.
    const full = await app.request<AgendaItem[]>('GET', `/api/meetings/${meeting.id}/agenda-items`, chair.token);
    expect(full.body.map((entry) => entry.id)).toEqual([open.id, secret.id]);

    // Socket at OPEN: no SECRET change arrives; the same change reaches the chair's own socket.
    const { client: projector } = await connectAt(chair.token, 'OPEN');
    expect((await projector.subscribe(committee.id)).ok).toBe(true);
    const chairScreen = await subscribed(chair);
    const renamed = `MARKER-${unique('renamed')}`;
    expect(
      (await app.request('PATCH', `/api/agenda-items/${secret.id}`, chair.token, { version: secret.version, title: renamed })).status,
    ).toBe(200);
    expect(
      (await app.request('PATCH', `/api/agenda-items/${open.id}`, chair.token, { version: open.version, title: 'Renamed' })).status,
    ).toBe(200);
    expect((await setCurrent(chair, meeting.id, null)).status).toBe(200);
    expect((await setCurrent(chair, meeting.id, secret.id)).status).toBe(200);
    await chairScreen.waitFor((events) => JSON.stringify(events).includes(renamed));
    await projector.waitFor((events) => events.some((e) => e.entityId === open.id && (e.data as AgendaItem).title === 'Renamed'));
    const pointer = await projector.waitFor((events) =>
      events.some((e) => e.type === 'meeting.current-item-changed' && (e.data as Meeting).currentItemRestricted === true),
    );
    await projector.delivered();
    expect(withheld(lastOf(pointer, meeting.id, 'meeting.current-item-changed'))).toEqual(WITHHELD);
    expect(JSON.stringify(projector.events)).not.toContain(renamed);
    expect(JSON.stringify(projector.events)).not.toContain(secret.id);
    expect(JSON.stringify(chairScreen.events)).toContain(secret.id);

    // Above one's own clearance, or not a level: refused, naming the field.
    const above = await requestWith<{ code: string; issues: Array<{ field: string; code: string }> }>(
      'GET',
      `/api/meetings/${meeting.id}`,
      member.token,
      { [VIEW_LEVEL]: 'SECRET' },
    );
    expect(above.status).toBe(400);
    expect(above.body.code).toBe('above_clearance');
    expect(above.body.issues).toEqual([expect.objectContaining({ field: VIEW_LEVEL, code: 'above_clearance' })]);
    const bogus = await requestWith<{ issues: Array<{ field: string; code: string }> }>(
      'GET',
      `/api/meetings/${meeting.id}`,
      member.token,
      {
        [VIEW_LEVEL]: 'TOP',
      },
    );
    expect(bogus.status).toBe(400);
    expect(bogus.body.issues).toEqual([expect.objectContaining({ field: VIEW_LEVEL, code: 'invalid_value' })]);
    // Positive control: the member at their own level.
    expect((await requestWith('GET', `/api/meetings/${meeting.id}`, member.token, { [VIEW_LEVEL]: 'CONFIDENTIAL' })).status).toBe(200);
    await expect(connectAt(member.token, 'SECRET')).rejects.toThrow(/viewLevel/);
  });

  it('should open the projector at the lowest clearance of those in the room', async () => {
    const { meeting } = await runningMeeting();
    const view = (user: TestUser) => app.request<ProjectorView>('GET', `/api/meetings/${meeting.id}/projector`, user.token);
    // Nobody marked yet: every member may be in the room, the OPEN observer too.
    expect((await view(chair)).body).toEqual({ meetingId: meeting.id, defaultViewLevel: 'OPEN', basis: 'members' });
    for (const user of [chair, member]) {
      const marked = await app.request('PUT', `/api/meetings/${meeting.id}/attendance/${user.id}`, chair.token, { status: 'present' });
      expect(marked.status).toBe(200);
    }
    expect((await view(chair)).body).toEqual({ meetingId: meeting.id, defaultViewLevel: 'CONFIDENTIAL', basis: 'in-room' });
    // Never above the one who opens it.
    expect((await view(observer)).body.defaultViewLevel).toBe('OPEN');
    const guest = await aUser(app, { clearance: 'RESTRICTED' });
    expect(
      (await app.request('PUT', `/api/meetings/${meeting.id}/attendance/${guest.id}`, chair.token, { status: 'in_attendance' })).status,
    ).toBe(200);
    expect((await view(chair)).body.defaultViewLevel).toBe('RESTRICTED');
    expect(
      (await app.request('PUT', `/api/meetings/${meeting.id}/attendance/${observer.id}`, chair.token, { status: 'present' })).status,
    ).toBe(200);
    expect((await view(chair)).body.defaultViewLevel).toBe('OPEN');
  });

  it('should move the quorum with the current item live without anyone recording the attendance', async () => {
    const screen = await subscribed(member);
    const { meeting, open, secret } = await runningMeeting();
    const attendanceOf = async () => (await app.request<Attendance>('GET', `/api/meetings/${meeting.id}/attendance`, chair.token)).body;
    const before = await attendanceOf();
    const { dataSource } = sql(app);
    const [{ last }] = await dataSource.query('SELECT COALESCE(max(seq), 0)::int AS last FROM audit_entries WHERE committee_id = $1', [
      committee.id,
    ]);

    for (const item of [open.id, secret.id, open.id, null]) expect((await setCurrent(chair, meeting.id, item)).status).toBe(200);

    // The quorum still follows the item, live (a new version of the attendance each time).
    const after = await attendanceOf();
    expect(after.version).toBe(before.version + 4);
    await screen.waitFor((events) =>
      events.some((e) => e.type.startsWith('attendance.') && e.entityId === before.id && e.version === after.version),
    );
    // One act, one line: the meeting's change of its current item; none saying the attendance was recorded.
    const history = await app.request<ActivityPage>('GET', `/api/committees/${committee.id}/activity?entityId=${meeting.id}`, chair.token);
    expect(history.status).toBe(200);
    const moves = history.body.items.filter((entry) => entry.seq > last);
    expect(moves.map((entry) => `${entry.entityType}.${entry.verb}`)).toEqual(Array(4).fill('meeting.current-item-changed'));
    const feed = await app.request<ActivityPage>('GET', `/api/committees/${committee.id}/activity`, chair.token);
    expect(feed.body.items.filter((entry) => entry.seq > last && entry.entityType === 'attendance')).toEqual([]);
    // The audit trail says what happened: the attendance followed the meeting's item; nobody recorded it.
    const audit: Array<{ entity_type: string; verb: string }> = await dataSource.query(
      'SELECT entity_type, verb FROM audit_entries WHERE committee_id = $1 AND seq > $2 ORDER BY seq',
      [committee.id, last],
    );
    expect(audit.filter((row) => row.entity_type === 'attendance').map((row) => row.verb)).toEqual(Array(4).fill('current-item-changed'));
  });
});
