import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type {
  CommentThread,
  Meeting,
  Minutes,
  MinutesComment,
  MinutesRecord,
  MinutesSection,
  MinutesVersion,
  MinutesVersionSummary,
} from '@sidang/shared';
import * as Y from 'yjs';
import { connectSocket, type SidangSocket } from '../support/sockets.js';
import { sql } from './support/db.js';
import { anActionItem } from './support/factories.js';
import { type LiveClient, TestApp } from './support/harness.js';
import { DocClient, eventually, fetchPdf, type MinutesWorld, minutesWorld } from './support/minutes-docs.js';

jest.setTimeout(120_000);

/** The minutes workflow over REST: transitions, versions, comments, action lines and the PDF. */
describe('minutes workflow', () => {
  let app: TestApp;
  let world: MinutesWorld;
  let live: LiveClient;
  const sockets: SidangSocket[] = [];

  async function minutes(token = world.chair.token): Promise<Minutes> {
    return (await app.request<Minutes>('GET', `/api/meetings/${world.meeting.id}/minutes`, token)).body;
  }

  async function move(to: string, token = world.chair.token, extra: Record<string, unknown> = {}) {
    const current = await minutes();
    return app.request<MinutesRecord & { current?: MinutesRecord; code?: string }>('POST', `/api/minutes/${current.id}/transition`, token, {
      to,
      version: current.version,
      ...extra,
    });
  }

  async function write(docId: string, text: string): Promise<void> {
    const socket = await connectSocket(app.url, world.secretariat.token);
    sockets.push(socket);
    const editor = new DocClient(socket, docId);
    expect((await editor.join()).ok).toBe(true);
    await eventually(async () => (await minutes()).sections.some((s) => s.id === docId));
    editor.type(text);
    await eventually(async () => (await minutes()).sections.find((s) => s.id === docId)?.text.includes(text.trim()) === true);
    editor.leave();
  }

  beforeAll(async () => {
    app = await TestApp.start();
    world = await minutesWorld(app);
    live = await app.connect(world.member.token);
    expect((await live.subscribe(world.committee.id)).ok).toBe(true);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await app?.close();
  });

  it('should create the minutes with a section per agenda item on the first read by the chair, and 404 for others before that', async () => {
    expect(world.minutes.status).toBe('draft');
    expect(world.minutes.version).toBe(1);
    expect(world.minutes.sections.map((s) => [s.number, s.title, s.classification])).toEqual([
      ['1', 'Laporan kemajuan', 'OPEN'],
      ['2', 'Kedudukan rundingan', 'SECRET'],
    ]);
    const member = await minutes(world.member.token);
    expect(member.sections.map((s) => s.number)).toEqual(['1']);
    expect((await app.request('GET', `/api/meetings/${world.meeting.id}/minutes`, world.outsider.token)).status).toBe(404);
  });

  it('should create the minutes when a meeting starts, in the same transaction as the start, readable by members at once', async () => {
    const created = await app.request<Meeting>('POST', `/api/committees/${world.committee.id}/meetings`, world.chair.token, {
      status: 'scheduled',
      title: 'Mesyuarat Bermula',
      startsAt: '2026-04-09T09:30:00+08:00',
      venue: 'Bilik Mesyuarat MITI',
      standardAgenda: false,
    });
    expect(created.status).toBe(201);
    const meetingId = created.body.id;
    const item = await app.request<{ id: string }>('POST', `/api/meetings/${meetingId}/agenda-items`, world.chair.token, {
      title: 'Hal-hal berbangkit',
      classification: 'OPEN',
    });
    expect(item.status).toBe(201);
    const setStatus = async (status: string) => {
      const current = await app.request<Meeting>('GET', `/api/meetings/${meetingId}`, world.chair.token);
      return app.request<Meeting>('PATCH', `/api/meetings/${meetingId}`, world.chair.token, { version: current.body.version, status });
    };
    expect((await setStatus('scheduled')).status).toBe(200);
    // Scheduled, not yet started: no minutes, and a member (who never creates them) gets 404.
    expect((await app.request('GET', `/api/meetings/${meetingId}/minutes`, world.member.token)).status).toBe(404);
    const since = Number(
      (
        await sql(app).dataSource.query('SELECT coalesce(max(seq), 0) AS seq FROM change_events WHERE committee_id = $1', [
          world.committee.id,
        ])
      )[0].seq,
    );

    expect((await setStatus('in_progress')).status).toBe(200);
    const read = await app.request<Minutes>('GET', `/api/meetings/${meetingId}/minutes`, world.member.token);
    expect(read.status).toBe(200);
    expect(read.body.status).toBe('draft');
    expect(read.body.sections.map((s) => [s.number, s.title])).toEqual([['1', 'Hal-hal berbangkit']]);
    // One transaction: the start, the minutes and its section were committed together, in that order.
    const events: Array<{ entity_type: string; verb: string; xmin: string }> = await sql(app).dataSource.query(
      'SELECT entity_type, verb, xmin::text AS xmin FROM change_events WHERE committee_id = $1 AND seq > $2 ORDER BY seq',
      [world.committee.id, since],
    );
    expect(events.map((e) => `${e.entity_type}:${e.verb}`)).toEqual(['meeting:updated', 'minutes:created', 'minutes-section:created']);
    expect(new Set(events.map((e) => e.xmin)).size).toBe(1);
    // Resuming after an adjournment does not create them twice.
    expect((await setStatus('adjourned')).status).toBe(200);
    expect((await setStatus('in_progress')).status).toBe(200);
    const rows = await sql(app).dataSource.query('SELECT count(*)::int AS n FROM minutes WHERE meeting_id = $1', [meetingId]);
    expect(rows[0].n).toBe(1);
  });

  it('should move draft → circulated → draft → circulated → confirmed → published, each a live change, refusing the rest', async () => {
    await write(world.openSection, 'Jawatankuasa mengambil maklum laporan kemajuan. ');
    // Roles: members, observers and the secretariat (for publishing) are refused with 403.
    expect((await move('circulated', world.member.token)).status).toBe(403);
    expect((await move('circulated', world.observer.token)).status).toBe(403);
    expect((await move('circulated', world.outsider.token)).status).toBe(404);
    // A step the workflow does not have: 409 with the record as it stands.
    const skip = await move('published');
    expect(skip.status).toBe(409);
    expect(skip.body.current?.status).toBe('draft');
    const stale = await app.request<{ current: MinutesRecord }>('POST', `/api/minutes/${world.minutes.id}/transition`, world.chair.token, {
      to: 'circulated',
      version: 99,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.current.version).toBe(1);
    expect(
      (await app.request('POST', `/api/minutes/${world.minutes.id}/transition`, world.chair.token, { to: 'nowhere', version: 1 })).status,
    ).toBe(400);

    const circulated = await move('circulated', world.secretariat.token);
    expect(circulated.status).toBe(200);
    expect(circulated.body).toMatchObject({ status: 'circulated', version: 2 });
    await live.waitFor((events) => events.some((e) => e.type === 'minutes.updated' && e.version === 2));
    expect((await move('draft', world.secretariat.token)).body.status).toBe('draft');
    expect((await move('circulated')).body.status).toBe('circulated');
    const next = await app.request<Meeting>('POST', `/api/committees/${world.committee.id}/meetings`, world.chair.token, {
      status: 'scheduled',
      title: 'Mesyuarat Pengesahan',
      startsAt: '2026-06-11T09:30:00+08:00',
      standardAgenda: false,
    });
    const confirmed = await move('confirmed', world.secretariat.token, {
      confirmation: 'with_amendments',
      amendments: 'Perenggan 1 dipinda',
      confirmedAtMeetingId: next.body.id,
      proposedBy: world.member.id,
      secondedBy: world.secretMember.id,
    });
    expect(confirmed.body).toMatchObject({ status: 'confirmed', confirmation: 'with_amendments' });
    expect((await move('published', world.secretariat.token)).status).toBe(403);
    const published = await move('published');
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', publishedVersion: 4 });
    expect((await move('draft')).status).toBe(409);
    await live.waitFor((events) => events.some((e) => e.type === 'minutes.updated' && (e.data as MinutesRecord).status === 'published'));
    // The member's feed carries the record without any section text.
    expect(JSON.stringify(live.events.filter((e) => e.type.startsWith('minutes')))).not.toContain('Kedudukan rundingan');
  });

  it('should keep every version immutable and comparable, and refuse edits to published text', async () => {
    const list = await app.request<MinutesVersionSummary[]>('GET', `/api/minutes/${world.minutes.id}/versions`, world.member.token);
    expect(list.body.map((v) => [v.number, v.status])).toEqual([
      [1, 'circulated'],
      [2, 'circulated'],
      [3, 'confirmed'],
      [4, 'published'],
    ]);
    const first = await app.request<MinutesVersion>('GET', `/api/minutes/${world.minutes.id}/versions/4`, world.member.token);
    expect(first.body.sections.map((s) => s.number)).toEqual(['1']);
    expect(first.body.text).toContain('mengambil maklum');
    // The text cannot change any more: an editor's update is refused and the version stays as it was.
    const socket = await connectSocket(app.url, world.chair.token);
    sockets.push(socket);
    const editor = new DocClient(socket, world.openSection);
    expect(await editor.join()).toEqual({ ok: true, canEdit: false });
    await eventually(() => editor.text().includes('mengambil maklum'));
    editor.type('PINDAAN');
    await eventually(() => editor.errors.some((e) => e.code === 'read-only'));
    const section = (await minutes()).sections[0] as MinutesSection;
    expect(section.text).not.toContain('PINDAAN');
    const patch = await app.request('PATCH', `/api/minutes-sections/${section.id}`, world.chair.token, {
      version: section.version,
      actionLine: { kind: 'information' },
    });
    expect(patch.status).toBe(409);
    const again = await app.request<MinutesVersion>('GET', `/api/minutes/${world.minutes.id}/versions/4`, world.member.token);
    expect(again.body).toEqual(first.body);
    const rows: Array<{ n: string }> = await sql(app).dataSource.query('SELECT count(*) AS n FROM minutes_versions WHERE minutes_id = $1', [
      world.minutes.id,
    ]);
    expect(Number(rows[0]?.n)).toBe(4);
    expect((await app.request('GET', `/api/minutes/${world.minutes.id}/versions/9`, world.member.token)).status).toBe(404);
    expect((await app.request('GET', `/api/minutes/${world.minutes.id}/versions/x`, world.member.token)).status).toBe(404);
  });
});

describe('minutes comments, action lines and PDF', () => {
  let app: TestApp;
  let world: MinutesWorld;
  const sockets: SidangSocket[] = [];

  beforeAll(async () => {
    app = await TestApp.start();
    world = await minutesWorld(app);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await app?.close();
  });

  async function move(to: string): Promise<void> {
    const { body } = await app.request<Minutes>('GET', `/api/meetings/${world.meeting.id}/minutes`, world.chair.token);
    const result = await app.request('POST', `/api/minutes/${body.id}/transition`, world.chair.token, { to, version: body.version });
    expect(result.status).toBe(200);
  }

  it('should let members comment in threads anchored to a passage while circulated, and editors resolve them', async () => {
    await move('circulated');
    const body = { sectionId: world.openSection, body: 'Sila semak angka ini', quote: '16.1 Mt', anchor: { start: 'AQID', end: 'AQIE' } };
    const thread = await app.request<MinutesComment>('POST', `/api/minutes/${world.minutes.id}/comments`, world.member.token, body);
    expect(thread.status).toBe(201);
    expect(thread.body).toMatchObject({
      sectionId: world.openSection,
      parentId: null,
      quote: '16.1 Mt',
      resolved: false,
      classification: 'OPEN',
    });
    const reply = await app.request<MinutesComment>('POST', `/api/minutes/${world.minutes.id}/comments`, world.secretariat.token, {
      parentId: thread.body.id,
      body: 'Disemak: sumber tersirat, bukan rizab',
    });
    expect(reply.status).toBe(201);
    expect((await app.request('POST', `/api/minutes/${world.minutes.id}/comments`, world.observer.token, body)).status).toBe(403);
    // The SECRET section: not for a CONFIDENTIAL member, neither to comment on nor to read.
    const secret = await app.request('POST', `/api/minutes/${world.minutes.id}/comments`, world.member.token, {
      ...body,
      sectionId: world.secretSection,
    });
    expect(secret.status).toBe(404);
    const marker = `ULASAN-RAHSIA-${Date.now()}`;
    expect(
      (
        await app.request('POST', `/api/minutes/${world.minutes.id}/comments`, world.secretMember.token, {
          ...body,
          sectionId: world.secretSection,
          body: marker,
        })
      ).status,
    ).toBe(201);
    const threads = await app.request<CommentThread[]>('GET', `/api/minutes/${world.minutes.id}/comments`, world.member.token);
    expect(threads.body.map((t) => [t.body, t.replies.map((r) => r.body)])).toEqual([
      ['Sila semak angka ini', ['Disemak: sumber tersirat, bukan rizab']],
    ]);
    expect(JSON.stringify(threads.body)).not.toContain(marker);
    expect(
      JSON.stringify((await app.request('GET', `/api/minutes/${world.minutes.id}/comments`, world.secretMember.token)).body),
    ).toContain(marker);
    const catchUp = await app.catchUp(world.member.token, world.committee.id, 0);
    expect(JSON.stringify(catchUp.events)).not.toContain(marker);
    expect(catchUp.events.some((e) => e.type === 'minutes-comment.created')).toBe(true);

    const resolved = await app.request<MinutesComment>('PATCH', `/api/minutes-comments/${thread.body.id}`, world.chair.token, {
      version: 1,
      resolved: true,
    });
    expect(resolved.body).toMatchObject({ resolved: true, version: 2 });
    expect(
      (await app.request('PATCH', `/api/minutes-comments/${thread.body.id}`, world.chair.token, { version: 1, resolved: false })).status,
    ).toBe(409);
    expect(
      (await app.request('POST', `/api/minutes/${world.minutes.id}/comments`, world.member.token, { body: 'no section' })).status,
    ).toBe(400);
    await move('draft');
  });

  it('should set action lines linked to real action items, and refuse unknown ones', async () => {
    const action = await anActionItem(app, world.chair, world.committee, { title: 'Sediakan kertas dasar' });
    const section = (await app.request<Minutes>('GET', `/api/meetings/${world.meeting.id}/minutes`, world.chair.token)).body
      .sections[0] as MinutesSection;
    const bad = await app.request('PATCH', `/api/minutes-sections/${section.id}`, world.chair.token, {
      version: section.version,
      actionLine: { kind: 'action', agencies: ['JMG'], actionItemIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(bad.status).toBe(400);
    expect(
      (
        await app.request('PATCH', `/api/minutes-sections/${section.id}`, world.member.token, {
          version: section.version,
          actionLine: null,
        })
      ).status,
    ).toBe(403);
    const set = await app.request<MinutesSection>('PATCH', `/api/minutes-sections/${section.id}`, world.secretariat.token, {
      version: section.version,
      actionLine: { kind: 'action', agencies: ['JMG', 'NRES'], actionItemIds: [action.id] },
    });
    expect(set.status).toBe(200);
    expect(set.body.actionLine).toEqual({ kind: 'action', agencies: ['JMG', 'NRES'], actionItemIds: [action.id] });
    expect(set.body.version).toBe(section.version + 1);
  });

  it('should render the PDF in the house format, text extractable, the marking and page number on every page', async () => {
    for (const [user, status] of [
      [world.chair, 'present'],
      [world.secretariat, 'present'],
      [world.member, 'present'],
      [world.observer, 'apologies'],
    ] as const) {
      expect(
        (await app.request('PUT', `/api/meetings/${world.meeting.id}/attendance/${user.id}`, world.secretariat.token, { status })).status,
      ).toBe(200);
    }
    const socket = await connectSocket(app.url, world.secretariat.token);
    sockets.push(socket);
    const editor = new DocClient(socket, world.secretSection);
    expect((await editor.join()).ok).toBe(true);
    // Long enough for several pages.
    for (let n = 0; n < 90; n += 1) {
      const fragment = editor.doc.getXmlFragment('default');
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(`Perenggan ${n}: kedudukan rundingan bahan mentah dan nadir bumi.`)]);
      fragment.push([paragraph]);
    }
    await eventually(async () => {
      const text =
        (await app.request<Minutes>('GET', `/api/meetings/${world.meeting.id}/minutes`, world.chair.token)).body.sections[1]?.text ?? '';
      return text.includes('Perenggan 89');
    });
    const response = await fetchPdf(app.url, world.minutes.id, world.chair.token);
    expect(response.status).toBe(200);
    expect(response.type).toContain('application/pdf');
    const { pages } = response;
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, index) => {
      expect(page.match(/RAHSIA/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
      expect(page).toContain(`Halaman ${index + 1} / ${pages.length}`);
    });
    const all = pages.join(' ');
    // Attendance blocks: present with the chair first, apologies, secretariat.
    const order = [
      'HADIR',
      'Pengerusi Ujian (MITI) - Pengerusi',
      'Ahli Sulit (JMG)',
      'TIDAK HADIR DENGAN MAAF',
      'Pemerhati (MIDA)',
      'URUS SETIA',
      'Urus Setia Ujian (MITI)',
      '1. LAPORAN KEMAJUAN',
    ].map((text) => all.indexOf(text));
    expect(order.every((at, n) => at >= 0 && (n === 0 || at > (order[n - 1] as number)))).toBe(true);
    expect(all).toContain('1. LAPORAN KEMAJUAN');
    expect(all).toContain('Tindakan: JMG, NRES');
    expect(all).toContain('Perenggan 89');
    // The CONFIDENTIAL member's copy is marked with the highest level it shows.
    const memberPages = (await fetchPdf(app.url, world.minutes.id, world.member.token)).pages;
    expect(memberPages.join(' ')).not.toContain('RAHSIA');
    expect(memberPages.join(' ')).not.toContain('Perenggan');
    for (const page of memberPages) expect(page).toContain('TERBUKA');
  });
  it('should take comments out of catch-up and activity for readers below a meeting raised after they were written', async () => {
    const marker = `ULASAN-${Date.now()}`;
    await move('circulated');
    const posted = await app.request('POST', `/api/minutes/${world.minutes.id}/comments`, world.member.token, {
      sectionId: world.openSection,
      body: marker,
      quote: '16.1 Mt',
      anchor: { start: 'AQID', end: 'AQIE' },
    });
    expect(posted.status).toBe(201);
    const before = await app.catchUp(world.member.token, world.committee.id, 0);
    expect(JSON.stringify(before.events)).toContain(marker);

    // The comment → its section → the agenda item → the meeting: three governing records up.
    const meeting = await app.request<Meeting>('GET', `/api/meetings/${world.meeting.id}`, world.chair.token);
    const raised = await app.request('PATCH', `/api/meetings/${world.meeting.id}`, world.chair.token, {
      version: meeting.body.version,
      classification: 'SECRET',
    });
    expect(raised.status).toBe(200);
    const after = await app.catchUp(world.member.token, world.committee.id, 0);
    expect(JSON.stringify(after.events)).not.toContain(marker);
    const activity = await app.request('GET', `/api/committees/${world.committee.id}/activity`, world.member.token);
    expect(activity.status).toBe(200);
    expect(JSON.stringify(activity.body)).not.toContain(marker);
    // Positive control: a SECRET member still reads it.
    expect(JSON.stringify((await app.catchUp(world.secretMember.token, world.committee.id, 0)).events)).toContain(marker);
  });
});
