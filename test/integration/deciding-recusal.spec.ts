import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  AgendaItem,
  Attendance,
  CommitteeSettings,
  CreateAgendaItem,
  DocumentPage,
  DocumentRecord,
  EventEnvelope,
  Interest,
  ItemQuorum,
  Meeting,
  SearchResponse,
} from '@sidang/shared';
import { io, type Socket } from 'socket.io-client';
import { onePagePdf } from '../../server/src/seed/demo-papers.js';
import { aCommitteeOf, aRunningMeeting, subscribedClient } from './support/deciding.js';
import { aDocument, anInterest, type TestUser, unique } from './support/factories.js';
import { delivered, LiveClient, TestApp } from './support/harness.js';

/** The text of every page of a PDF, as a reader sees it. */
async function pdfText(data: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data, useSystemFonts: false, isEvalSupported: false, disableFontFace: true }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n += 1) {
    const content = await (await document.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await document.destroy();
  return pages.join('\n');
}

/**
 * Those who stepped out of an agenda item over a declared interest: the meeting's quorum leaves
 * them out while that item is current (live, on every screen), and — when the committee's
 * settings say so — they get none of the item's papers on any channel.
 */
describe('stepping out of an agenda item: the quorum and the papers', () => {
  let app: TestApp;
  let committee: { id: string };
  let chair: TestUser;
  let members: TestUser[];
  let low: TestUser;

  beforeAll(async () => {
    app = await TestApp.start();
    app.checkErrorBodies = true;
    ({
      committee,
      people: { chair, low },
      members,
    } = await aCommitteeOf(
      app,
      {
        chair: { clearance: 'SECRET', role: 'chair', name: 'Chair' },
        low: { clearance: 'CONFIDENTIAL', role: 'member', name: 'Confidential member' },
      },
      { count: 3, clearance: 'SECRET' },
    ));
  });

  const sockets: Socket[] = [];

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await app?.close();
  });

  const subscribed = (user: TestUser): Promise<LiveClient> => subscribedClient(app, user, committee);

  /** A meeting in progress with the given items, every voting member marked present. */
  const runningMeeting = (...items: Array<Partial<CreateAgendaItem>>): Promise<{ meeting: Meeting; items: AgendaItem[] }> =>
    aRunningMeeting(app, chair, committee, [chair, low, ...members], items);

  const setCurrent = async (meeting: Meeting, item: AgendaItem | null) => {
    const set = await app.request<Meeting>('POST', `/api/meetings/${meeting.id}/current-item`, chair.token, {
      agendaItemId: item?.id ?? null,
    });
    expect(set.status).toBe(200);
  };

  const stepOut = (user: TestUser, item: AgendaItem, stepsOut = true): Promise<Interest> =>
    anInterest(app, user, item, { nature: unique('Pengarah syarikat'), stepsOut });

  const attendanceOf = async (user: TestUser, meeting: Meeting) =>
    (await app.request<Attendance>('GET', `/api/meetings/${meeting.id}/attendance`, user.token)).body;

  /** The newest attendance of `meeting` the socket received. */
  const lastAttendance = (screen: LiveClient, meeting: Meeting): Attendance | undefined =>
    screen.events
      .filter((e: EventEnvelope) => e.type.startsWith('attendance.') && (e.data as Attendance).meetingId === meeting.id)
      .map((e) => e.data as Attendance)
      .sort((a, b) => a.version - b.version)
      .at(-1);

  /** Waits until the socket holds the attendance of `meeting` at `version`. */
  const liveAt = (screen: LiveClient, meeting: Meeting, version: number) =>
    screen.waitFor(() => (lastAttendance(screen, meeting)?.version ?? 0) >= version);

  it('should leave out those who stepped out of the current item, live, and follow the item as it changes', async () => {
    const { meeting, items } = await runningMeeting({}, {});
    const [tender, other] = items as [AgendaItem, AgendaItem];
    const [recused, secondRecused] = members as [TestUser, TestUser];
    const screen = await subscribed(low);

    // Between items: the whole meeting, nothing counted out (5 voting members, all present).
    const between = await attendanceOf(chair, meeting);
    expect(between.currentItemQuorum).toBeNull();
    expect([between.quorum.voting, between.quorum.present]).toEqual([5, 5]);

    await setCurrent(meeting, tender);
    const onTender = await attendanceOf(chair, meeting);
    expect(onTender.version).toBe(between.version + 1);
    expect(onTender.currentItemQuorum).toMatchObject({ agendaItemId: tender.id, steppedOut: [], quorum: { voting: 5, present: 5 } });

    // A declaration on the current item moves the meeting's quorum in the same commit, live.
    await stepOut(recused, tender);
    const afterDeclaration = await attendanceOf(chair, meeting);
    expect(afterDeclaration.version).toBe(onTender.version + 1);
    expect(afterDeclaration.currentItemQuorum).toEqual({
      agendaItemId: tender.id,
      meetingId: meeting.id,
      steppedOut: [recused.id],
      quorum: { voting: 4, present: 4, required: 3, met: true, counts: 'members' },
    });
    // The whole meeting's quorum is still there, for what it is.
    expect([afterDeclaration.quorum.voting, afterDeclaration.quorum.present]).toEqual([5, 5]);
    await liveAt(screen, meeting, afterDeclaration.version);
    expect(lastAttendance(screen, meeting)?.currentItemQuorum).toEqual(afterDeclaration.currentItemQuorum);
    // One rule: the item's own quorum answers the same.
    const itemQuorum = await app.request<ItemQuorum>('GET', `/api/agenda-items/${tender.id}/quorum`, chair.token);
    expect(itemQuorum.body).toEqual(afterDeclaration.currentItemQuorum);

    // A declaration on an item that is not current leaves the meeting's quorum as it is.
    await stepOut(secondRecused, other);
    expect((await attendanceOf(chair, meeting)).version).toBe(afterDeclaration.version);

    // Another current item: its own who stepped out, live.
    await setCurrent(meeting, other);
    const onOther = await attendanceOf(chair, meeting);
    expect(onOther.currentItemQuorum).toMatchObject({ agendaItemId: other.id, steppedOut: [secondRecused.id], quorum: { voting: 4 } });
    await liveAt(screen, meeting, onOther.version);
    expect(lastAttendance(screen, meeting)?.currentItemQuorum?.steppedOut).toEqual([secondRecused.id]);

    // Both step out of the tender: 3 voting members, 3 present (2 needed).
    await setCurrent(meeting, tender);
    await stepOut(secondRecused, tender);
    const twoOut = await attendanceOf(low, meeting);
    expect(twoOut.currentItemQuorum).toMatchObject({
      steppedOut: [recused.id, secondRecused.id].sort(),
      quorum: { voting: 3, present: 3, required: 2, met: true },
    });
    // Changing one's mind (stays in the room) is a new version of the declaration: counted back in.
    await stepOut(recused, tender, false);
    expect((await attendanceOf(low, meeting)).currentItemQuorum?.steppedOut).toEqual([secondRecused.id]);

    // The meeting leaves the floor: no current item, the whole meeting again.
    await setCurrent(meeting, null);
    const after = await attendanceOf(low, meeting);
    expect(after.currentItemQuorum).toBeNull();
    await liveAt(screen, meeting, after.version);
    expect(lastAttendance(screen, meeting)?.currentItemQuorum).toBeNull();
  });

  it('should withhold the quorum of a current item above the reader (who stepped out of it) on REST, socket and catch-up', async () => {
    const marker = unique('SECRET-tender');
    const { meeting, items } = await runningMeeting({ classification: 'SECRET', title: marker });
    const [secret] = items as [AgendaItem];
    const [recused] = members as [TestUser];
    const [chairScreen, lowScreen] = await Promise.all([subscribed(chair), subscribed(low)]);
    await setCurrent(meeting, secret);
    await stepOut(recused, secret);

    // Positive control: the SECRET chair sees who stepped out of the SECRET item.
    const seen = await attendanceOf(chair, meeting);
    expect(seen.currentItemQuorum).toMatchObject({ agendaItemId: secret.id, steppedOut: [recused.id], quorum: { voting: 4 } });
    await liveAt(chairScreen, meeting, seen.version);
    expect(lastAttendance(chairScreen, meeting)?.currentItemQuorum?.steppedOut).toEqual([recused.id]);
    expect(JSON.stringify((await app.catchUp(chair.token, committee.id, 0)).events)).toContain(secret.id);

    // The CONFIDENTIAL member: the meeting's whole quorum, the item's withheld.
    await delivered(lowScreen);
    const get = await attendanceOf(low, meeting);
    expect(get.currentItemQuorum).toBeNull();
    expect([get.quorum.voting, get.quorum.present]).toEqual([5, 5]);
    const live = lastAttendance(lowScreen, meeting);
    expect(live?.version).toBe(seen.version);
    expect(live?.currentItemQuorum).toBeNull();
    const catchUp = await app.catchUp(low.token, committee.id, 0);
    const caught = catchUp.events.filter((e) => e.type.startsWith('attendance.') && (e.data as Attendance).meetingId === meeting.id);
    expect(caught.length).toBeGreaterThan(0);
    const everything = JSON.stringify({ get, socket: lowScreen.events, catchUp });
    expect(everything).not.toContain(secret.id);
    expect(everything).not.toContain(marker);
  });

  const setPapersRule = async (on: boolean) => {
    const settings = await app.request<CommitteeSettings>('GET', `/api/committees/${committee.id}/settings`, chair.token);
    const saved = await app.request<CommitteeSettings>('PATCH', `/api/committees/${committee.id}/settings`, chair.token, {
      version: settings.body.version,
      recusedWithoutPapers: on,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.recusedWithoutPapers).toBe(on);
  };

  /** Everything a reader can reach of the committee's papers, on every channel, as one string. */
  const reachable = async (user: TestUser, meeting: Meeting, item: AgendaItem, paper: DocumentRecord, marker: string) => {
    const list = await app.request<DocumentPage>('GET', `/api/committees/${committee.id}/documents?limit=500`, user.token);
    const ofItem = await app.request<DocumentRecord[]>('GET', `/api/documents?parentId=${item.id}`, user.token);
    const get = await app.request<DocumentRecord>('GET', `/api/documents/${paper.id}`, user.token);
    const versions = await app.request('GET', `/api/documents/${paper.id}/versions`, user.token);
    const content = await fetch(`${app.url}/api/documents/${paper.id}/content`, { headers: { authorization: `Bearer ${user.token}` } });
    const bytes = Buffer.from(await content.arrayBuffer()).toString('latin1');
    const pack = await fetch(`${app.url}/api/meetings/${meeting.id}/pack.pdf`, { headers: { authorization: `Bearer ${user.token}` } });
    expect(pack.status).toBe(200);
    const packText = await pdfText(new Uint8Array(await pack.arrayBuffer()));
    const search = await app.request<SearchResponse>('GET', `/api/search?${new URLSearchParams({ q: marker })}`, user.token);
    expect(search.status).toBe(200);
    const catchUp = await app.catchUp(user.token, committee.id, 0);
    const activity = await app.request('GET', `/api/committees/${committee.id}/activity`, user.token);
    const home = await app.request('GET', `/api/committees/${committee.id}/home`, user.token);
    const notifications = await app.request('GET', '/api/notifications', user.token);
    expect([list.status, activity.status, home.status, notifications.status]).toEqual([200, 200, 200, 200]);
    return {
      statuses: { get: get.status, versions: versions.status, content: content.status },
      text: JSON.stringify({ list, ofItem, get, versions, bytes, packText, search, catchUp, activity, home, notifications }),
    };
  };

  it('should withhold the papers of an item from one who stepped out of it on every channel when the committee says so', async () => {
    const { meeting, items } = await runningMeeting({}, {});
    const [tender, other] = items as [AgendaItem, AgendaItem];
    const [recused, colleague] = members as [TestUser, TestUser];
    await setPapersRule(true);
    await stepOut(recused, tender);
    const [recusedScreen, colleagueScreen] = await Promise.all([subscribed(recused), subscribed(colleague)]);

    const marker = unique('PENANDA').replace(/-/g, '');
    const inContent = unique('ISIKANDUNGAN').replace(/-/g, '');
    const paper = await aDocument(
      app,
      chair,
      committee,
      { parentId: tender.id, title: `Kertas tender ${marker}` },
      { content: onePagePdf([`Kertas tender ${marker}`, `Harga bida ${inContent}`]), name: 'tender.pdf' },
    );
    // A paper of another item stays theirs.
    const otherMarker = unique('LAIN').replace(/-/g, '');
    const otherPaper = await aDocument(app, chair, committee, { parentId: other.id, title: `Kertas lain ${otherMarker}` });

    // Positive control: the colleague gets it live, and on every channel.
    await colleagueScreen.waitForEntity(otherPaper.id, 'document.created');
    expect(colleagueScreen.events.some((e) => e.entityId === paper.id)).toBe(true);
    const seen = await reachable(colleague, meeting, tender, paper, marker);
    expect(seen.statuses).toEqual({ get: 200, versions: 200, content: 200 });
    for (const part of [marker, inContent]) expect(seen.text).toContain(part);

    // The one who stepped out: nowhere, live or otherwise; the other item's paper is there.
    await delivered(recusedScreen);
    expect(recusedScreen.events.some((e) => e.entityId === otherPaper.id)).toBe(true);
    const withheld = await reachable(recused, meeting, tender, paper, marker);
    expect(withheld.statuses).toEqual({ get: 404, versions: 404, content: 404 });
    expect(JSON.stringify(recusedScreen.events)).not.toContain(marker);
    expect(JSON.stringify(recusedScreen.events)).not.toContain(paper.id);
    for (const part of [marker, inContent, paper.id]) expect(withheld.text).not.toContain(part);
    expect(withheld.text).toContain(otherMarker);
    // Annotations go with their paper.
    const note = await app.request('POST', `/api/documents/${paper.id}/annotations`, recused.token, { page: 1, text: 'Nota' });
    const notes = await app.request('GET', `/api/documents/${paper.id}/annotations`, recused.token);
    expect([note.status, notes.status]).toEqual([404, 404]);

    // The committee's setting off: the same member gets the paper back on every channel.
    await setPapersRule(false);
    const back = await reachable(recused, meeting, tender, paper, marker);
    expect(back.statuses).toEqual({ get: 200, versions: 200, content: 200 });
    for (const part of [marker, inContent]) expect(back.text).toContain(part);
  });

  /** A projector opened by `user`: its socket asks to be served at `viewLevel` (as the projector page does). */
  const projectorOf = async (user: TestUser, viewLevel: string): Promise<LiveClient> => {
    const socket = io(app.url, { auth: { token: user.token, viewLevel }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    const client = new LiveClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    });
    expect((await client.subscribe(committee.id)).ok).toBe(true);
    return client;
  };

  /** The projector's REST reads of the papers (served at `viewLevel`, as `user`), as one string with their statuses. */
  const onProjector = async (user: TestUser, viewLevel: string, item: AgendaItem, paper: DocumentRecord) => {
    const read = async (path: string) => {
      const response = await fetch(`${app.url}${path}`, {
        headers: { authorization: `Bearer ${user.token}`, 'X-Sidang-View-Level': viewLevel },
      });
      return { status: response.status, text: await response.text() };
    };
    const get = await read(`/api/documents/${paper.id}`);
    const ofItem = await read(`/api/documents?parentId=${item.id}`);
    const list = await read(`/api/committees/${committee.id}/documents?limit=500`);
    const catchUp = await read(`/api/committees/${committee.id}/events?after=0`);
    expect([ofItem.status, list.status, catchUp.status]).toEqual([200, 200, 200]);
    return { get: get.status, text: JSON.stringify([get, ofItem, list, catchUp]) };
  };

  it("should withhold an item's papers from the projector opened by one who stepped out of it, live and on REST", async () => {
    const { items } = await runningMeeting({}, {});
    const [tender, other] = items as [AgendaItem, AgendaItem];
    const [recused, colleague] = members as [TestUser, TestUser];
    await setPapersRule(true);
    await stepOut(recused, tender);
    // Both open the room's screen at the lowest clearance in the room (the CONFIDENTIAL member's).
    const [recusedProjector, colleagueProjector] = await Promise.all([
      projectorOf(recused, 'CONFIDENTIAL'),
      projectorOf(colleague, 'CONFIDENTIAL'),
    ]);

    const marker = unique('PROJEKTOR').replace(/-/g, '');
    const paper = await aDocument(app, chair, committee, { parentId: tender.id, title: `Kertas tender ${marker}` });
    const otherMarker = unique('LAIN').replace(/-/g, '');
    const otherPaper = await aDocument(app, chair, committee, { parentId: other.id, title: `Kertas lain ${otherMarker}` });

    // Positive control: the colleague's projector shows the tender's paper, live and on REST.
    await colleagueProjector.waitForEntity(otherPaper.id, 'document.created');
    expect(JSON.stringify(colleagueProjector.events)).toContain(marker);
    const shown = await onProjector(colleague, 'CONFIDENTIAL', tender, paper);
    expect(shown.get).toBe(200);
    expect(shown.text).toContain(marker);

    // The projector of the one who stepped out: the other item's paper, never the tender's.
    await recusedProjector.waitForEntity(otherPaper.id, 'document.created');
    await delivered(recusedProjector);
    expect(JSON.stringify(recusedProjector.events)).not.toContain(marker);
    expect(recusedProjector.events.some((e) => e.entityId === paper.id)).toBe(false);
    const hidden = await onProjector(recused, 'CONFIDENTIAL', tender, paper);
    expect(hidden.get).toBe(404);
    expect(hidden.text).not.toContain(marker);
    expect(hidden.text).toContain(otherMarker);
  });
});
