import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  type ApiError,
  type Classification,
  type CommitteeHome,
  MEETING_TIME_ZONE,
  type Meeting,
  type MinutesRecord,
  type MyHome,
  type NotificationPage,
} from '@sidang/shared';
import { todayIn } from '../../server/src/common/today.js';
import { sql } from './support/db.js';
import {
  aCommittee,
  aDocument,
  aMeeting,
  aMembership,
  aNegotiation,
  anActionItem,
  anAgendaItem,
  anRndMilestone,
  anRndProject,
  aProgressUpdate,
  aUser,
  type TestUser,
  unique,
} from './support/factories.js';
import { TestApp, until } from './support/harness.js';

const LEVELS: Classification[] = ['OPEN', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET'];

function inDays(days: number): string {
  const date = new Date(`${todayIn(MEETING_TIME_ZONE)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

describe('home: what needs me now, need-to-know', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });

  afterAll(async () => {
    await app.close();
  });

  const home = async (user: { token: string }, committee: { id: string }) => {
    const result = await app.request<CommitteeHome>('GET', `/api/committees/${committee.id}/home`, user.token);
    expect(result.status).toBe(200);
    return result.body;
  };

  /** Moves a meeting along its statuses, as the chair. */
  async function moveMeeting(chair: { token: string }, meeting: Meeting, ...statuses: string[]): Promise<void> {
    let version = meeting.version;
    for (const status of statuses) {
      const moved = await app.request<Meeting>('PATCH', `/api/meetings/${meeting.id}`, chair.token, { version, status });
      expect(moved.status).toBe(200);
      version = moved.body.version;
    }
  }

  async function circulateMinutes(chair: { token: string }, meeting: Meeting): Promise<MinutesRecord> {
    const minutes = await app.request<MinutesRecord>('GET', `/api/meetings/${meeting.id}/minutes`, chair.token);
    expect(minutes.status).toBe(200);
    const moved = await app.request<MinutesRecord>('POST', `/api/minutes/${minutes.body.id}/transition`, chair.token, {
      to: 'circulated',
      version: minutes.body.version,
    });
    expect(moved.status).toBe(200);
    return moved.body;
  }

  it("should list the caller's own open actions, overdue first then due within a week, and nothing else", async () => {
    const committee = await aCommittee(app);
    const chair = await aUser(app, { clearance: 'SECRET' });
    const member = await aUser(app);
    await aMembership(app, committee, chair, 'chair');
    await aMembership(app, committee, member);
    const mine = { ownerIds: [member.id] };
    const dueSoon = await anActionItem(app, chair, committee, { ...mine, title: unique('Due soon'), dueDate: inDays(3) });
    const overdue = await anActionItem(app, chair, committee, { ...mine, title: unique('Overdue'), dueDate: inDays(-5) });
    await anActionItem(app, chair, committee, { ...mine, title: unique('Later'), dueDate: inDays(30) });
    await anActionItem(app, chair, committee, { ...mine, title: unique('Done'), dueDate: inDays(-5), status: 'done' });
    await anActionItem(app, chair, committee, { title: unique('Not mine'), dueDate: inDays(-5), ownerIds: [chair.id] });

    const body = await home(member, committee);
    expect(body.myActions.map((a) => [a.id, a.overdue])).toEqual([
      [overdue.id, true],
      [dueSoon.id, false],
    ]);
    expect(body.overview).toBeNull(); // the committee-wide figures are the chair's and secretariat's
    expect((await home(chair, committee)).overview).not.toBeNull();
  });

  it('should show the meeting in progress with its papers, the next meeting and the minutes circulated for comment', async () => {
    const committee = await aCommittee(app);
    const chair = await aUser(app, { clearance: 'SECRET' });
    const member = await aUser(app);
    await aMembership(app, committee, chair, 'chair');
    await aMembership(app, committee, member);
    const now = await aMeeting(app, chair, committee, { startsAt: '2026-01-10T09:30:00+08:00' });
    const item = await anAgendaItem(app, chair, now);
    const paper = await aDocument(app, chair, committee, { parentId: item.id, title: unique('Kertas') });
    await moveMeeting(chair, now, 'scheduled', 'in_progress');
    const next = await aMeeting(app, chair, committee, { startsAt: '2031-03-01T09:30:00+08:00' });
    await moveMeeting(chair, next, 'scheduled');
    await aMeeting(app, chair, committee, { startsAt: '2030-03-01T09:30:00+08:00', status: 'draft' }); // a draft: not for members
    // Minutes go round once their meeting has closed (never while it is in progress).
    const held = await aMeeting(app, chair, committee, { startsAt: '2025-12-01T09:30:00+08:00' });
    await moveMeeting(chair, held, 'scheduled', 'in_progress', 'closed');
    const minutes = await circulateMinutes(chair, held);

    const body = await home(member, committee);
    expect(body.inProgress?.id).toBe(now.id);
    expect(body.inProgress?.papers.map((p) => p.id)).toEqual([paper.id]);
    expect(body.inProgress?.rsvp).toBeNull();
    expect(body.nextMeeting?.id).toBe(next.id);
    expect(body.minutesToReview.map((m) => [m.id, m.meetingId])).toEqual([[minutes.id, held.id]]);
  });

  it('should carry a comment deadline set on circulation to the minutes, the home row and the notification, and clear it back in draft', async () => {
    const committee = await aCommittee(app);
    const chair = await aUser(app, { clearance: 'SECRET' });
    const member = await aUser(app);
    await aMembership(app, committee, chair, 'chair');
    await aMembership(app, committee, member);
    const meeting = await aMeeting(app, chair, committee, { startsAt: '2026-01-10T09:30:00+08:00' });
    await anAgendaItem(app, chair, meeting);
    await moveMeeting(chair, meeting, 'scheduled', 'in_progress', 'closed');
    const draft = await app.request<MinutesRecord>('GET', `/api/meetings/${meeting.id}/minutes`, chair.token);
    expect(draft.body.commentsDueAt).toBeNull();
    const transition = (body: Record<string, unknown>) =>
      app.request<MinutesRecord & ApiError>('POST', `/api/minutes/${draft.body.id}/transition`, chair.token, body);

    // A deadline already past, or on a step other than circulating: 400 naming the field, nothing moved.
    for (const refused of [
      { to: 'circulated', version: draft.body.version, commentsDueAt: '2020-01-01T23:59:59+08:00' },
      { to: 'circulated', version: draft.body.version, commentsDueAt: 'next week' },
    ]) {
      const answer = await transition(refused);
      expect(answer.status).toBe(400);
      expect(answer.body.issues?.map((issue) => issue.field)).toEqual(['commentsDueAt']);
    }

    const due = `${inDays(7)}T23:59:59+08:00`;
    const dueAt = new Date(due).toISOString();
    const circulated = await transition({ to: 'circulated', version: draft.body.version, commentsDueAt: due });
    expect(circulated.status).toBe(200);
    expect(circulated.body).toMatchObject({ status: 'circulated', commentsDueAt: dueAt });
    const read = await app.request<MinutesRecord>('GET', `/api/meetings/${meeting.id}/minutes`, member.token);
    expect(read.body.commentsDueAt).toBe(dueAt);
    expect((await home(member, committee)).minutesToReview).toEqual([
      expect.objectContaining({ id: draft.body.id, commentDeadline: dueAt }),
    ]);

    // The notification says the committee's day, in the reader's language.
    const day = (locale: string) =>
      new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: MEETING_TIME_ZONE }).format(
        new Date(due),
      );
    const told = async () =>
      until(async () => {
        const listed = await app.request<NotificationPage>('GET', '/api/notifications', member.token);
        return listed.body.items.find((n) => n.entityId === draft.body.id && n.kind === 'minutes.circulated');
      }, 'the circulation notified');
    expect((await told()).text).toContain(`(comments by ${day('en-GB')})`);
    await sql(app).dataSource.query(`UPDATE users SET locale = 'ms' WHERE id = $1`, [member.id]);
    expect((await told()).text).toContain(`(ulasan sebelum ${day('ms-MY')})`);

    // Only circulating sets it; back in draft it is gone.
    const withDraft = await transition({ to: 'draft', version: circulated.body.version, commentsDueAt: due });
    expect(withDraft.status).toBe(400);
    expect(withDraft.body.issues?.map((issue) => issue.field)).toEqual(['commentsDueAt']);
    const back = await transition({ to: 'draft', version: circulated.body.version });
    expect(back.status).toBe(200);
    expect(back.body.commentsDueAt).toBeNull();
    const again = await transition({ to: 'circulated', version: back.body.version });
    expect(again.body).toMatchObject({ status: 'circulated', commentsDueAt: null });
    expect((await home(member, committee)).minutesToReview).toEqual([
      expect.objectContaining({ id: draft.body.id, commentDeadline: null }),
    ]);
  });

  it("should tell what others changed in the caller's records since their last visit", async () => {
    const committee = await aCommittee(app);
    const chair = await aUser(app, { clearance: 'SECRET' });
    const member = await aUser(app);
    await aMembership(app, committee, chair, 'chair');
    await aMembership(app, committee, member);
    const item = await anActionItem(app, chair, committee, { ownerIds: [member.id], dueDate: inDays(2) });

    const first = await home(member, committee);
    expect(first.sinceLastVisit.since).toBeNull();
    expect(first.sinceLastVisit.changes.map((c) => [c.entityId, c.verb])).toEqual([[item.id, 'created']]);

    // An hour later: a new visit, which starts where the last look ended.
    await sql(app).dataSource.query("UPDATE home_visits SET seen_at = seen_at - interval '1 hour' WHERE user_id = $1", [member.id]);
    await aProgressUpdate(app, member, item); // the member's own change is not news to them
    const renamed = await app.request('PATCH', `/api/action-items/${item.id}`, chair.token, { version: 1, title: unique('Renamed') });
    expect(renamed.status).toBe(200);
    const update = await aProgressUpdate(app, chair, item);
    // A record they follow is theirs too; one they do not is not.
    const followed = await aMeeting(app, chair, committee);
    const other = await aMeeting(app, chair, committee);
    await moveMeeting(chair, other, 'scheduled');
    expect((await app.request('PUT', `/api/follows/meeting/${followed.id}`, member.token)).status).toBe(200);
    await moveMeeting(chair, followed, 'scheduled');

    const second = await home(member, committee);
    expect(second.sinceLastVisit.since).not.toBeNull();
    expect(second.sinceLastVisit.changes.map((c) => [c.entityType, c.entityId, c.verb])).toEqual([
      ['meeting', followed.id, 'updated'],
      ['meeting', followed.id, 'created'],
      ['progress-update', update.id, 'created'],
      ['action-item', item.id, 'updated'],
    ]);
    expect(second.sinceLastVisit.changes[3]?.changes.map((c) => c.field)).toEqual(['title']);
    // A live refresh within the same visit keeps the list.
    expect((await home(member, committee)).sinceLastVisit.changes).toHaveLength(4);
    // A look across committees is not a visit: an hour on, the committee's home still starts at the same place.
    await sql(app).dataSource.query("UPDATE home_visits SET seen_at = seen_at - interval '1 hour' WHERE user_id = $1", [member.id]);
    const across = await app.request<MyHome>('GET', '/api/me/home', member.token);
    expect(across.body.committees.map((c) => [c.committeeId, c.sinceLastVisit.changes.length])).toEqual([[committee.id, 0]]);
    expect((await home(member, committee)).sinceLastVisit.changes).toHaveLength(0);
  });

  describe('need-to-know', () => {
    const committee = { id: '' };
    const readers = new Map<Classification, TestUser>();
    let outsider: TestUser;
    const markers = new Map<Classification, string>();

    beforeAll(async () => {
      Object.assign(committee, await aCommittee(app));
      const chair = await aUser(app, { clearance: 'SECRET' });
      await aMembership(app, committee, chair, 'chair');
      for (const level of LEVELS) {
        const reader = await aUser(app, { clearance: level });
        // The secretariat sees the committee-wide figures: they are under test too.
        await aMembership(app, committee, reader, 'secretariat');
        readers.set(level, reader);
      }
      outsider = await aUser(app, { clearance: 'SECRET' });
      const ownerIds = [...readers.values()].map((reader) => reader.id);
      // Each reader's first look, so that what follows is "since your last visit".
      for (const reader of readers.values()) await home(reader, committee);

      // A world at every level: each record carries its level's marker.
      for (const [index, level] of LEVELS.entries()) {
        const marker = unique(`HM-${level}`);
        markers.set(level, marker);
        const classification = level;
        await anActionItem(app, chair, committee, {
          title: `${marker}-action`,
          classification,
          ownerIds,
          dueDate: inDays(-1),
          ...({ ownerAgencies: [`${marker}-AGENCY`] } as object),
        });
        // Earlier meetings for higher levels: each reader's meeting in progress is their own level's.
        const meeting = await aMeeting(app, chair, committee, {
          title: `${marker}-meeting`,
          classification,
          startsAt: `2026-0${4 - index}-01T09:30:00+08:00`,
        });
        const item = await anAgendaItem(app, chair, meeting, { title: `${marker}-item`, classification });
        await aDocument(app, chair, committee, { parentId: item.id, title: `${marker}-paper`, classification });
        await moveMeeting(chair, meeting, 'scheduled', 'in_progress');
        // Its level's minutes under review: those of an earlier meeting, closed.
        const held = await aMeeting(app, chair, committee, {
          title: `${marker}-meeting-held`,
          classification,
          startsAt: `2025-0${4 - index}-01T09:30:00+08:00`,
        });
        await moveMeeting(chair, held, 'scheduled', 'in_progress', 'closed');
        await circulateMinutes(chair, held);
        await aNegotiation(app, chair, committee, { title: `${marker}-negotiation`, classification, status: 'suspended' });
        const project = await anRndProject(app, chair, committee, { title: `${marker}-project`, classification });
        await anRndMilestone(app, chair, project, { title: `${marker}-milestone`, plannedOn: inDays(-10), classification });
      }
      // An OPEN record of theirs raised to SECRET: its new title must reach no one below.
      const raised = await anActionItem(app, chair, committee, { title: unique('Open at first'), ownerIds, dueDate: inDays(1) });
      const patched = await app.request('PATCH', `/api/action-items/${raised.id}`, chair.token, {
        version: 1,
        classification: 'SECRET',
        title: `${markers.get('SECRET')}-raised`,
      });
      expect(patched.status).toBe(200);
    });

    it.each(LEVELS)('should show a %s reader what is within their clearance and nothing above it, on both homes', async (level) => {
      const reader = readers.get(level) as TestUser;
      const seen = JSON.stringify(await home(reader, committee));
      const across = await app.request<MyHome>('GET', '/api/me/home', reader.token);
      expect(across.status).toBe(200);
      const seenAcross = JSON.stringify(across.body);
      const mine = LEVELS.indexOf(level);
      for (const [index, other] of LEVELS.entries()) {
        const marker = markers.get(other) as string;
        if (index > mine) {
          expect(seen).not.toContain(marker);
          expect(seenAcross).not.toContain(marker);
        } else {
          // Positive control: everything at or below the reader is there.
          for (const part of ['action', 'meeting', 'project', 'AGENCY']) expect(seen).toContain(`${marker}-${part}`);
          expect(seenAcross).toContain(`${marker}-action`);
        }
      }
      const body = JSON.parse(seen) as CommitteeHome;
      // Their own level's meeting is the first in progress they may see, with its paper.
      expect(body.inProgress?.title).toBe(`${markers.get(level)}-meeting`);
      expect(body.inProgress?.papers.map((p) => p.title)).toEqual([`${markers.get(level)}-paper`]);
      expect(body.minutesToReview).toHaveLength(mine + 1);
      expect(body.overview?.negotiationsByStatus.find((row) => row.status === 'suspended')?.count).toBe(mine + 1);
      expect(body.myActions).toHaveLength(mine + 1 + (level === 'SECRET' ? 1 : 0));
    });

    it("should give a non-member a 404 for the committee's home, and nothing of it across committees", async () => {
      const result = await app.request('GET', `/api/committees/${committee.id}/home`, outsider.token);
      expect(result.status).toBe(404);
      const across = await app.request<MyHome>('GET', '/api/me/home', outsider.token);
      expect(across.status).toBe(200);
      expect(across.body.committees).toEqual([]);
      for (const marker of markers.values()) expect(JSON.stringify(result.body)).not.toContain(marker);
    });

    it('should refuse a committee id that is not a UUID, naming it', async () => {
      const result = await app.request<{ field?: string }>('GET', '/api/committees/not-a-uuid/home', outsider.token);
      expect(result.status).toBe(400);
      expect(JSON.stringify(result.body)).toContain('committeeId');
    });
  });
});
