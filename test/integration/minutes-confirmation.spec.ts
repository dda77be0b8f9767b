import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  type ActivityPage,
  type ApiIssue,
  type CommentThread,
  describeChange,
  type Meeting,
  type Minutes,
  type MinutesComment,
  type MinutesRecord,
} from '@sidang/shared';
import { aUser } from './support/factories.js';
import { TestApp } from './support/harness.js';
import { fetchPdf, type MinutesWorld, minutesWorld } from './support/minutes-docs.js';

jest.setTimeout(120_000);

interface Refusal {
  code: string;
  issues?: ApiIssue[];
  current?: MinutesRecord;
}

/**
 * Issue 17, point 5: confirmation records the confirming meeting, the proposer and the seconder
 * and the amendments (400 naming each bad field); the confirmed PDF says where they were
 * confirmed and carries the chair's signature block; minutes are not circulated while their
 * meeting is in progress; open comment threads are listed before confirming.
 */
describe('minutes confirmation', () => {
  let app: TestApp;
  let world: MinutesWorld;
  let later: Meeting;
  let earlier: Meeting;

  const newMeeting = async (title: string, startsAt: string, committeeId = world.committee.id, token = world.chair.token) => {
    const created = await app.request<Meeting>('POST', `/api/committees/${committeeId}/meetings`, token, {
      status: 'scheduled',
      title,
      startsAt,
      venue: 'Bilik Mesyuarat MITI',
      standardAgenda: false,
    });
    expect(created.status).toBe(201);
    return created.body;
  };
  const setStatus = async (meetingId: string, status: string) => {
    const current = await app.request<Meeting>('GET', `/api/meetings/${meetingId}`, world.chair.token);
    const result = await app.request<Meeting>('PATCH', `/api/meetings/${meetingId}`, world.chair.token, {
      version: current.body.version,
      status,
    });
    expect(result.status).toBe(200);
  };
  const minutesOf = async (meetingId = world.meeting.id) =>
    (await app.request<Minutes>('GET', `/api/meetings/${meetingId}/minutes`, world.chair.token)).body;
  const move = async (to: string, extra: Record<string, unknown> = {}, meetingId = world.meeting.id) => {
    const current = await minutesOf(meetingId);
    return app.request<MinutesRecord & Refusal>('POST', `/api/minutes/${current.id}/transition`, world.secretariat.token, {
      to,
      version: current.version,
      ...extra,
    });
  };
  const fields = (issues: ApiIssue[] | undefined) => (issues ?? []).map((issue) => issue.field).sort();

  beforeAll(async () => {
    app = await TestApp.start();
    world = await minutesWorld(app);
    later = await newMeeting('Mesyuarat Pengesahan', '2026-06-11T09:30:00+08:00');
    earlier = await newMeeting('Mesyuarat Terdahulu', '2026-01-08T09:30:00+08:00');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('should refuse to circulate minutes while their meeting is in progress (409 meeting_in_progress), and allow it once it ends', async () => {
    const meeting = await newMeeting('Mesyuarat Berlangsung', '2026-05-07T09:30:00+08:00');
    await setStatus(meeting.id, 'scheduled');
    await setStatus(meeting.id, 'in_progress');
    const refused = await move('circulated', {}, meeting.id);
    expect([refused.status, refused.body.code, refused.body.current?.status]).toEqual([409, 'meeting_in_progress', 'draft']);
    expect((await minutesOf(meeting.id)).status).toBe('draft');
    await setStatus(meeting.id, 'closed');
    const circulated = await move('circulated', {}, meeting.id);
    expect([circulated.status, circulated.body.status]).toEqual([200, 'circulated']);
  });

  it('should list the open comment threads (resolved=false) and refuse an unknown query key', async () => {
    const thread = await app.request<MinutesComment>('POST', `/api/minutes/${world.minutes.id}/comments`, world.member.token, {
      sectionId: world.openSection,
      body: 'Sila betulkan nama agensi',
    });
    const done = await app.request<MinutesComment>('POST', `/api/minutes/${world.minutes.id}/comments`, world.member.token, {
      sectionId: world.openSection,
      body: 'Ejaan telah dibetulkan',
    });
    await app.request('PATCH', `/api/minutes-comments/${done.body.id}`, world.chair.token, { version: 1, resolved: true });
    const open = await app.request<CommentThread[]>('GET', `/api/minutes/${world.minutes.id}/comments?resolved=false`, world.chair.token);
    expect(open.body.map((t) => t.id)).toEqual([thread.body.id]);
    const all = await app.request<CommentThread[]>('GET', `/api/minutes/${world.minutes.id}/comments`, world.chair.token);
    expect(all.body).toHaveLength(2);
    const unknown = await app.request<Refusal>('GET', `/api/minutes/${world.minutes.id}/comments?open=1`, world.chair.token);
    expect([unknown.status, unknown.body.code]).toEqual([400, 'unknown_query_key']);
  });

  it('should refuse a confirmation without its fields, naming each one, and each wrong value by its field', async () => {
    expect((await move('circulated')).status).toBe(200);
    const bare = await move('confirmed');
    expect(bare.status).toBe(400);
    expect(fields(bare.body.issues)).toEqual(['confirmedAtMeetingId', 'proposedBy', 'secondedBy']);

    const stranger = await aUser(app, { name: 'Bukan Ahli' });
    const wrong = await move('confirmed', {
      confirmedAtMeetingId: earlier.id,
      proposedBy: world.observer.id,
      secondedBy: stranger.id,
      confirmation: 'with_amendments',
    });
    expect(wrong.status).toBe(400);
    expect(fields(wrong.body.issues)).toEqual(['amendments', 'confirmedAtMeetingId', 'proposedBy', 'secondedBy']);

    const same = await move('confirmed', {
      confirmedAtMeetingId: world.meeting.id,
      proposedBy: world.member.id,
      secondedBy: world.member.id,
      confirmation: 'without_amendment',
      amendments: 'Sesuatu',
    });
    expect(same.status).toBe(400);
    expect(fields(same.body.issues)).toEqual(['amendments', 'confirmedAtMeetingId', 'secondedBy']);

    // A meeting that is not one of this committee's (none with that id).
    const foreign = await move('confirmed', {
      confirmedAtMeetingId: '00000000-0000-4000-8000-000000000001',
      proposedBy: world.member.id,
      secondedBy: world.secretMember.id,
    });
    expect(fields(foreign.body.issues)).toEqual(['confirmedAtMeetingId']);
    // The fields of a confirmation belong to no other step.
    const back = await move('draft', { proposedBy: world.member.id });
    expect([back.status, fields(back.body.issues)]).toEqual([400, ['proposedBy']]);
    expect((await minutesOf()).status).toBe('circulated');
  });

  it('should store the confirmation in the wire shape and the activity, and print it with the chair signature block', async () => {
    const confirmed = await move('confirmed', {
      confirmedAtMeetingId: later.id,
      proposedBy: world.member.id,
      secondedBy: world.secretMember.id,
      amendments: 'Perenggan 1 dipinda: nama agensi dibetulkan',
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      status: 'confirmed',
      confirmation: 'with_amendments',
      confirmedAtMeetingId: later.id,
      proposedBy: world.member.id,
      secondedBy: world.secretMember.id,
      amendments: 'Perenggan 1 dipinda: nama agensi dibetulkan',
    });
    const read = await app.request<Minutes>('GET', `/api/meetings/${world.meeting.id}/minutes`, world.member.token);
    expect(read.body).toMatchObject({ proposedBy: world.member.id, secondedBy: world.secretMember.id, confirmedAtMeetingId: later.id });

    const activity = await app.request<ActivityPage>(
      'GET',
      `/api/committees/${world.committee.id}/activity?entityId=${world.minutes.id}`,
      world.member.token,
    );
    const entry = activity.body.items.find((item) => item.changes.some((change) => change.field === 'proposedBy'));
    expect(entry).toBeDefined();
    const sentence = describeChange(entry as never, 'ms');
    expect(sentence.sentence).toContain('mengesahkan');
    const said = sentence.changes.map((field) => field.text).join(' | ');
    expect(said).toContain('Dicadangkan oleh');
    expect(said).toContain('Ahli Sulit');
    expect(said).toContain('Disokong oleh');
    expect(said).toContain('Ahli Rahsia');

    const pdf = (await fetchPdf(app.url, world.minutes.id, world.member.token)).pages.join(' ');
    // Its number as it stands now: meetings scheduled since for earlier dates come before it.
    const now = (await app.request<Meeting>('GET', `/api/meetings/${later.id}`, world.chair.token)).body;
    const number = (now.number ?? '').replace(/^Bil\. /, '');
    expect(pdf).toContain(`Disahkan pada Mesyuarat Bil. ${number}`);
    expect(pdf).toContain('Dicadangkan oleh: Ahli Sulit');
    expect(pdf).toContain('Disokong oleh: Ahli Rahsia');
    expect(pdf).toContain('Pindaan: Perenggan 1 dipinda: nama agensi dibetulkan');
    expect(pdf).toContain('(Pengerusi Ujian) Pengerusi Tarikh: 11 Jun 2026');
  });
});
