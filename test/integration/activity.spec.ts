import { describe, expect, it } from '@jest/globals';
import type { ActionItem, ActivityPage, AgendaItem, Meeting, Minutes, MinutesComment, ProgressUpdate } from '@sidang/shared';
import { sql } from './support/db.js';
import { demoSuite } from './support/demo-suite.js';
import type { Session } from './support/harness.js';

const unique = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}`;

describe('activity: the audit trail, readable and need-to-know', () => {
  const demo = demoSuite(['chair', 'member', 'observer']);

  const activity = async (session: Session, query = '') => {
    const result = await demo.app.request<ActivityPage>('GET', `/api/committees/${demo.committeeId}/activity${query}`, session.token);
    expect(result.status).toBe(200);
    return result.body;
  };

  it("should tell who changed what, when, before → after, and give one record's history", async () => {
    const item = await demo.app.createItem(demo.chair.token, demo.committeeId, { title: unique('History') });
    const patched = await demo.app.request<ActionItem>('PATCH', `/api/action-items/${item.id}`, demo.chair.token, {
      version: 1,
      status: 'blocked',
      priority: 'high',
    });
    expect(patched.status).toBe(200);
    await demo.app.request('POST', `/api/action-items/${item.id}/updates`, demo.member.token, { body: 'Waiting for the state consent' });

    const history = await activity(demo.observer, `?entityId=${item.id}`);
    expect(history.items.map((entry) => [entry.entityType, entry.verb])).toEqual([
      ['progress-update', 'created'],
      ['action-item', 'updated'],
      ['action-item', 'created'],
    ]);
    const update = history.items[1];
    expect(update?.actorName).toContain('Pengerusi');
    expect(update?.changes).toEqual([
      { field: 'status', before: 'open', after: 'blocked' },
      { field: 'priority', before: 'medium', after: 'high' },
    ]);
    // The committee feed has it too, newest first, and pages.
    const first = await activity(demo.observer, '?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await activity(demo.observer, `?limit=2&cursor=${first.nextCursor}`);
    expect((second.items[0]?.seq ?? 0) < (first.items[1]?.seq ?? 0)).toBe(true);
  });

  it('should show a reader nothing of a record above them, and no value they could not see when it was written', async () => {
    const marker = unique('SECRET-ACTIVITY-MARKER');
    const secret = await demo.app.createItem(demo.chair.token, demo.committeeId, { title: marker, classification: 'SECRET' });
    // Lowered later: the OPEN reader sees the record from then on, never its SECRET past.
    const lowered = await demo.app.createItem(demo.chair.token, demo.committeeId, {
      title: `${marker}-was-secret`,
      classification: 'SECRET',
    });
    const thread = await demo.app.request<ProgressUpdate>('POST', `/api/action-items/${lowered.id}/updates`, demo.chair.token, {
      body: `${marker}-secret-update`,
    });
    expect(thread.status).toBe(201);
    const opened = await demo.app.request<ActionItem>('PATCH', `/api/action-items/${lowered.id}`, demo.chair.token, {
      version: 1,
      classification: 'OPEN',
      title: unique('Now open'),
    });
    expect(opened.status).toBe(200);

    const seenByObserver = JSON.stringify(await activity(demo.observer, '?limit=500'));
    expect(seenByObserver).not.toContain(marker);
    expect(seenByObserver).not.toContain(secret.id);
    expect(seenByObserver).toContain(opened.body.title); // positive control: the lowered record is there
    const history = await activity(demo.observer, `?entityId=${lowered.id}`);
    expect(history.items.map((entry) => [entry.entityType, entry.verb, entry.changes])).toEqual([['action-item', 'updated', []]]);

    // The thread written while SECRET stays out of reach below SECRET on REST and catch-up too.
    const updates = await demo.app.request<ProgressUpdate[]>('GET', `/api/action-items/${lowered.id}/updates`, demo.observer.token);
    expect(updates.status).toBe(200);
    expect(updates.body).toEqual([]);
    const caughtUp = JSON.stringify(await demo.app.catchUp(demo.observer.token, demo.committeeId, 0, 50));
    expect(caughtUp).not.toContain(marker);

    // Positive controls: a SECRET reader sees all of it, and a new update on the lowered item reaches the observer.
    const seenByChair = JSON.stringify(await activity(demo.chair, '?limit=500'));
    expect(seenByChair).toContain(marker);
    await demo.app.request('POST', `/api/action-items/${lowered.id}/updates`, demo.chair.token, { body: 'Written once it was open' });
    const after = await demo.app.request<ProgressUpdate[]>('GET', `/api/action-items/${lowered.id}/updates`, demo.observer.token);
    expect(after.body.map((update) => update.body)).toEqual(['Written once it was open']);
    expect(
      (await demo.app.request<ProgressUpdate[]>('GET', `/api/action-items/${lowered.id}/updates`, demo.chair.token)).body,
    ).toHaveLength(2);
  });

  it('should name what a change points at and the record that governs it, only as far as the reader may see them', async () => {
    const marker = unique('SECRET-CURRENT-ITEM');
    const created = await demo.app.request<Meeting>('POST', `/api/committees/${demo.committeeId}/meetings`, demo.chair.token, {
      title: unique('Named meeting'),
      startsAt: '2026-09-01T09:00:00+08:00',
      status: 'scheduled',
      standardAgenda: false,
    });
    expect(created.status).toBe(201);
    const meeting = created.body;
    const item = async (fields: Record<string, unknown>) => {
      const result = await demo.app.request<AgendaItem>('POST', `/api/meetings/${meeting.id}/agenda-items`, demo.chair.token, fields);
      expect(result.status).toBe(201);
      return result.body;
    };
    const open = await item({ title: unique('Open item') });
    const secret = await item({ title: marker, classification: 'SECRET' });
    const started = await demo.app.request<Meeting>('PATCH', `/api/meetings/${meeting.id}`, demo.chair.token, {
      version: 1,
      status: 'in_progress',
    });
    expect(started.status).toBe(200);
    for (const agendaItemId of [open.id, secret.id]) {
      expect((await demo.app.request('POST', `/api/meetings/${meeting.id}/current-item`, demo.chair.token, { agendaItemId })).status).toBe(
        200,
      );
    }
    const action = await demo.app.createItem(demo.chair.token, demo.committeeId, { title: unique('Owned') });
    const owned = await demo.app.request<ActionItem>('PATCH', `/api/action-items/${action.id}`, demo.chair.token, {
      version: 1,
      ownerIds: [demo.member.user.id],
    });
    expect(owned.status).toBe(200);

    // The owner is named; an agenda item is named by its meeting's number.
    const ownedEntry = (await activity(demo.observer, `?entityId=${action.id}`)).items[0];
    expect(ownedEntry?.names).toEqual({ [demo.member.user.id]: demo.member.user.name });
    const meetingHistory = await activity(demo.observer, `?entityId=${meeting.id}`);
    const openEntry = meetingHistory.items.find((entry) => entry.entityId === open.id);
    expect(openEntry?.parentTitle).toBe(started.body.number);
    expect(openEntry?.ancestorIds).toEqual([meeting.id]);
    // Below the SECRET item: its name and id appear nowhere, the move onto it included.
    const seenByObserver = JSON.stringify(meetingHistory);
    expect(seenByObserver).not.toContain(marker);
    expect(seenByObserver).not.toContain(secret.id);
    const seenByMember = JSON.stringify(await activity(demo.member, `?entityId=${meeting.id}`));
    expect(seenByMember).not.toContain(marker);
    expect(seenByMember).toContain(open.title);
    // The pointer is SECRET now, so neither move shows it to the observer (history projects at the higher level).
    const moves = meetingHistory.items.filter((entry) => entry.verb === 'current-item-changed');
    expect(moves.map((entry) => [entry.changes, entry.names])).toEqual([
      [[], {}],
      [[], {}],
    ]);
    // Positive control: the SECRET reader sees the move onto it, named.
    const chairMoves = (await activity(demo.chair, `?entityId=${meeting.id}`)).items.filter(
      (entry) => entry.verb === 'current-item-changed',
    );
    expect(chairMoves[0]?.names).toEqual({ [open.id]: open.title, [secret.id]: marker });

    // A link is named by its ends: for a reader who may see both, and nowhere for one who may not see one.
    for (const toId of [meeting.id, secret.id]) {
      expect((await demo.app.request('POST', '/api/links', demo.chair.token, { fromId: action.id, toId })).status).toBe(201);
    }
    const linkTitles = async (session: Session) =>
      (await activity(session, '?limit=20')).items.filter((entry) => entry.entityType === 'record-link').map((entry) => entry.title);
    expect(await linkTitles(demo.observer)).toEqual([`${action.title} ↔ ${meeting.title}`]);
    expect(JSON.stringify(await activity(demo.observer, '?limit=50'))).not.toContain(marker);
    expect((await linkTitles(demo.chair)).slice(0, 2)).toEqual([`${action.title} ↔ ${marker}`, `${action.title} ↔ ${meeting.title}`]);
  });

  it('should say where a minutes comment opens: its section, the agenda item that governs it and their meeting', async () => {
    const created = await demo.app.request<Meeting>('POST', `/api/committees/${demo.committeeId}/meetings`, demo.chair.token, {
      title: unique('Commented meeting'),
      startsAt: '2026-09-02T09:00:00+08:00',
      status: 'scheduled',
      standardAgenda: false,
    });
    expect(created.status).toBe(201);
    const meeting = created.body;
    const item = await demo.app.request<AgendaItem>('POST', `/api/meetings/${meeting.id}/agenda-items`, demo.chair.token, {
      title: unique('Item'),
    });
    expect(item.status).toBe(201);
    const started = await demo.app.request<Meeting>('PATCH', `/api/meetings/${meeting.id}`, demo.chair.token, {
      version: 1,
      status: 'in_progress',
    });
    expect(started.status).toBe(200);
    // Minutes go round once the meeting is over.
    const closed = await demo.app.request('PATCH', `/api/meetings/${meeting.id}`, demo.chair.token, {
      version: started.body.version,
      status: 'closed',
    });
    expect(closed.status).toBe(200);
    const minutes = await demo.app.request<Minutes>('GET', `/api/meetings/${meeting.id}/minutes`, demo.chair.token);
    expect(minutes.status).toBe(200);
    const section = minutes.body.sections.find((candidate) => candidate.agendaItemId === item.body.id);
    if (!section) throw new Error('the agenda item has no minutes section');
    const circulated = await demo.app.request('POST', `/api/minutes/${minutes.body.id}/transition`, demo.chair.token, {
      to: 'circulated',
      version: minutes.body.version,
    });
    expect(circulated.status).toBe(200);
    const comment = await demo.app.request<MinutesComment>('POST', `/api/minutes/${minutes.body.id}/comments`, demo.member.token, {
      sectionId: section.id,
      body: unique('Comment'),
    });
    expect(comment.status).toBe(201);

    const entry = (await activity(demo.observer, `?entityId=${comment.body.id}`)).items.find(
      (candidate) => candidate.entityId === comment.body.id,
    );
    expect(entry?.ancestorIds).toEqual([section.id, item.body.id, meeting.id]);
  });

  it('should refuse to rewrite or erase the audit trail at the database level', async () => {
    const { dataSource } = sql(demo.app);
    await expect(dataSource.query(`UPDATE audit_entries SET verb = 'deleted'`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query('DELETE FROM audit_entries')).rejects.toThrow(/append-only/);
    await expect(dataSource.query('TRUNCATE audit_entries')).rejects.toThrow(/append-only/);
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM audit_entries');
    expect(count).toBeGreaterThan(0);
  });

  it('should refuse bad queries with 400 naming the parameter, and a non-member with 404', async () => {
    const bad = await demo.app.request<{ message: string }>(
      'GET',
      `/api/committees/${demo.committeeId}/activity?cursor=abc`,
      demo.chair.token,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('cursor');
    const unknown = await demo.app.request<{ message: string }>(
      'GET',
      `/api/committees/${demo.committeeId}/activity?since=1`,
      demo.chair.token,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('since');
    const workingGroup = (await demo.app.committees(demo.chair.token)).workingGroup?.id as string;
    expect((await demo.app.request('GET', `/api/committees/${workingGroup}/activity`, demo.observer.token)).status).toBe(404);
    expect((await demo.app.request('GET', `/api/committees/${workingGroup}/activity`, demo.chair.token)).status).toBe(200);
  });
});
