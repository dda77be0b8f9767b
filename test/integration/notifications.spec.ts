import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  Classification,
  FollowState,
  Meeting,
  MinutesRecord,
  Notification,
  NotificationPage,
  NotificationPreferences,
  Role,
} from '@sidang/shared';
import { NotificationsScheduler } from '../../server/src/modules/notifications/notifications.scheduler.js';
import { sql } from './support/db.js';
import {
  aCommittee,
  aDocument,
  aMeeting,
  aMembership,
  anActionItem,
  anAgendaItem,
  aProgressUpdate,
  aUser,
  type TestUser,
  unique,
} from './support/factories.js';
import { delivered, type LiveClient, TestApp, until } from './support/harness.js';

/** A live socket of one user, collecting the notifications pushed to it. */
interface Inbox {
  client: LiveClient;
  pushed: Notification[];
}

describe('notifications: derived from committed changes and the clock, per recipient, live, need-to-know', () => {
  let app: TestApp;
  let committee: { id: string };
  let chair: TestUser;
  let member: TestUser;
  let observer: TestUser;
  const inboxes = new Map<string, Inbox>();

  async function person(clearance: Classification, role: Role | null, name: string): Promise<TestUser> {
    const user = await aUser(app, { clearance, name: unique(name) });
    if (role) await aMembership(app, committee, user, role);
    return user;
  }

  async function inbox(user: TestUser): Promise<Inbox> {
    const existing = inboxes.get(user.id);
    if (existing) return existing;
    const client = await app.connect(user.token);
    const box: Inbox = { client, pushed: [] };
    client.socket.on('notification', (notification: Notification) => box.pushed.push(notification));
    inboxes.set(user.id, box);
    return box;
  }

  async function list(user: TestUser, query = ''): Promise<NotificationPage> {
    const result = await app.request<NotificationPage>('GET', `/api/notifications${query}`, user.token);
    expect(result.status).toBe(200);
    return result.body;
  }

  /** The user's notifications about one record, once `count` of them are listed. */
  async function about(user: TestUser, entityId: string, count = 1): Promise<Notification[]> {
    return until(async () => {
      const found = (await list(user)).items.filter((n) => n.entityId === entityId);
      return found.length >= count ? found : false;
    }, `${count} notification(s) about ${entityId}`);
  }

  /** Circulates the meeting's minutes as the chair. */
  async function circulate(meeting: { id: string }): Promise<MinutesRecord> {
    const minutes = await app.request<MinutesRecord>('GET', `/api/meetings/${meeting.id}/minutes`, chair.token);
    expect(minutes.status).toBe(200);
    const circulated = await app.request('POST', `/api/minutes/${minutes.body.id}/transition`, chair.token, {
      to: 'circulated',
      version: minutes.body.version,
    });
    expect(circulated.status).toBe(200);
    return minutes.body;
  }

  /** Lets the consumer read the log to its end (changes are derived after commit, in the background). */
  async function settled(): Promise<void> {
    await until(async () => {
      const rows: Array<{ behind: string }> = await sql(app).dataSource.query(
        `SELECT count(*) AS behind FROM committee_sequences s LEFT JOIN notification_cursors c USING (committee_id)
         WHERE s.last_seq > COALESCE(c.last_seq, 0)`,
      );
      return Number(rows[0]?.behind) === 0;
    }, 'the notification consumer to catch up');
  }

  beforeAll(async () => {
    app = await TestApp.start();
    app.checkErrorBodies = true;
    committee = await aCommittee(app);
    chair = await person('SECRET', 'chair', 'Chair Aminah');
    member = await person('CONFIDENTIAL', 'member', 'Member Badrul');
    observer = await person('OPEN', 'observer', 'Observer Chong');
  });

  afterAll(async () => {
    await app.close();
  });

  it('should tell a new owner of their action, live on their own sockets only, and never the actor', async () => {
    const [mine, others] = await Promise.all([inbox(member), inbox(observer)]);
    const action = await anActionItem(app, chair, committee, { title: unique('Assigned'), ownerIds: [member.id], dueDate: '2031-03-01' });
    const [assigned] = await about(member, action.id);
    expect(assigned).toMatchObject({
      kind: 'action.assigned',
      committeeId: committee.id,
      entityType: 'action-item',
      entityId: action.id,
      title: action.title,
      readAt: null,
    });
    expect(assigned?.text).toContain(chair.user.name);
    expect(assigned?.text).toContain('2031-03-01');
    await until(() => mine.pushed.some((n) => n.id === assigned?.id), 'the notification on the owner’s socket');
    await settled();
    await others.client.delivered();
    expect(others.pushed.some((n) => n.entityId === action.id)).toBe(false);
    expect((await list(chair)).items.some((n) => n.entityId === action.id)).toBe(false);
    // Owners follow their actions.
    const follow = await app.request<FollowState>('GET', `/api/follows/action-item/${action.id}`, member.token);
    expect(follow.body).toEqual({ entityType: 'action-item', entityId: action.id, following: true });
  });

  it('should tell an owner of a progress update on their action, and whoever it mentions', async () => {
    const action = await anActionItem(app, chair, committee, { ownerIds: [member.id] });
    await about(member, action.id);
    const colleague = await person('RESTRICTED', 'member', 'Member Dewi');
    const update = await aProgressUpdate(app, colleague, action, `Waiting on the state, @${chair.user.name} please decide`);
    const [mention] = await about(chair, update.id);
    expect(mention?.kind).toBe('mention');
    expect(mention?.text).toBe(`${colleague.user.name} mentioned you`);
    const progress = (await about(member, update.id))[0];
    expect(progress?.kind).toBe('action.progress');
  });

  it('should tell members when a meeting is scheduled, changes time or venue, gets a paper or starts, and when its minutes are circulated', async () => {
    const meeting = await aMeeting(app, chair, committee, { title: unique('Mesyuarat') });
    const scheduled = await app.request<Meeting>('PATCH', `/api/meetings/${meeting.id}`, chair.token, { version: 1, status: 'scheduled' });
    expect(scheduled.status).toBe(200);
    expect((await about(member, meeting.id))[0]).toMatchObject({ kind: 'meeting.scheduled', ancestorIds: [] });
    const moved = await app.request<Meeting>('PATCH', `/api/meetings/${meeting.id}`, chair.token, {
      version: 2,
      venue: 'Bilik Gerakan',
      startsAt: '2031-06-02T09:30:00+08:00',
    });
    expect(moved.status).toBe(200);
    const changed = (await about(observer, meeting.id, 2))[0];
    expect(changed?.kind).toBe('meeting.changed');
    expect(changed?.text).toMatch(/start time and venue/);

    const minutes = await circulate(meeting);
    const [told] = await about(member, minutes.id);
    expect(told?.kind).toBe('minutes.circulated');
    expect(told?.title).toBe(meeting.title);

    const paper = await aDocument(app, chair, committee, { parentId: meeting.id, title: unique('Kertas') });
    expect((await about(member, paper.id))[0]).toMatchObject({ kind: 'paper.added', title: paper.title });
    const started = await app.request<Meeting>('PATCH', `/api/meetings/${meeting.id}`, chair.token, { version: 3, status: 'in_progress' });
    expect(started.status).toBe(200);
    expect((await about(member, meeting.id, 3))[0]?.kind).toBe('meeting.started');
  });

  it('should carry the records that govern a paper and the minutes (nearest first), listed and pushed, so each opens on its meeting', async () => {
    const box = await inbox(member);
    const meeting = await aMeeting(app, chair, committee, { title: unique('Mesyuarat') });
    const item = await anAgendaItem(app, chair, meeting);
    const paper = await aDocument(app, chair, committee, { parentId: item.id, title: unique('Kertas') });
    expect((await about(member, paper.id))[0]).toMatchObject({ kind: 'paper.added', ancestorIds: [item.id, meeting.id] });
    await until(async () => box.pushed.some((n) => n.entityId === paper.id), 'the paper pushed');
    expect(box.pushed.find((n) => n.entityId === paper.id)?.ancestorIds).toEqual([item.id, meeting.id]);

    const minutes = await circulate(meeting);
    expect((await about(member, minutes.id))[0]).toMatchObject({ kind: 'minutes.circulated', ancestorIds: [meeting.id] });
  });

  it('should remind owners of actions due soon and overdue on a fixed clock, once per action, kind and due date', async () => {
    const action = await anActionItem(app, chair, committee, { ownerIds: [member.id], dueDate: '2031-01-10' });
    await about(member, action.id);
    const scheduler = app.app.get(NotificationsScheduler);
    expect(await scheduler.runOnce(new Date('2031-01-01T02:00:00Z'))).toBeGreaterThanOrEqual(0);
    expect((await list(member)).items.filter((n) => n.entityId === action.id).map((n) => n.kind)).toEqual(['action.assigned']);
    await scheduler.runOnce(new Date('2031-01-09T02:00:00Z'));
    const soon = (await about(member, action.id, 2))[0];
    expect(soon).toMatchObject({ kind: 'action.due-soon', text: 'Your action is due on 2031-01-10' });
    await scheduler.runOnce(new Date('2031-01-09T08:00:00Z'));
    await scheduler.runOnce(new Date('2031-01-11T02:00:00Z'));
    await scheduler.runOnce(new Date('2031-01-12T02:00:00Z'));
    const kinds = (await about(member, action.id, 3)).map((n) => n.kind);
    expect(kinds).toEqual(['action.overdue', 'action.due-soon', 'action.assigned']);
  });

  it('should mark one or all read, and count what is unread', async () => {
    const both = [
      await anActionItem(app, chair, committee, { ownerIds: [observer.id] }),
      await anActionItem(app, chair, committee, { ownerIds: [observer.id] }),
    ];
    await settled();
    const unread = await until(async () => {
      const page = await list(observer, '?unread=true');
      return both.every((action) => page.items.some((n) => n.entityId === action.id)) ? page : false;
    }, 'two unread notifications');
    expect(unread.unreadCount).toBe(unread.items.length);
    const first = unread.items[0];
    const one = await app.request<{ unreadCount: number }>('POST', '/api/notifications/read', observer.token, { ids: [first?.id] });
    expect(one.status).toBe(200);
    expect(one.body.unreadCount).toBe(unread.unreadCount - 1);
    expect((await list(observer)).items.find((n) => n.id === first?.id)?.readAt).not.toBeNull();
    // Another user's notification is not theirs to mark.
    const theirs = (await list(member)).items[0];
    await app.request('POST', '/api/notifications/read', observer.token, { ids: [theirs?.id] });
    expect((await list(member)).items.find((n) => n.id === theirs?.id)?.readAt).toBeNull();
    const all = await app.request<{ unreadCount: number }>('POST', '/api/notifications/read', observer.token, { all: true });
    expect(all.body.unreadCount).toBe(0);
    expect((await list(observer, '?unread=true')).items).toEqual([]);
    // Paging.
    const page = await list(member, '?limit=1');
    expect(page.items).toHaveLength(1);
    const next = await list(member, `?limit=1&cursor=${page.nextCursor}`);
    expect(next.items[0]?.id).not.toBe(page.items[0]?.id);
  });

  it('should refuse bad input naming the field', async () => {
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/api/notifications/read', { all: 'yes' }, 'all'],
      ['POST', '/api/notifications/read', { id: 'x' }, 'id'],
      ['POST', '/api/notifications/read', { ids: ['not-a-uuid'] }, 'ids'],
      ['GET', '/api/notifications?unread=maybe', undefined, 'unread'],
      ['GET', '/api/notifications?cursor=../x', undefined, 'cursor'],
      ['GET', '/api/notifications?since=1', undefined, 'since'],
      ['PUT', '/api/me/notification-preferences', { kinds: { 'action.assigned': 'loudly' } }, 'kinds'],
      ['PUT', '/api/me/notification-preferences', { kinds: { 'no.such-kind': 'off' } }, 'kinds'],
      ['PUT', `/api/follows/spaceship/${committee.id}`, undefined, 'entityType'],
      ['PUT', '/api/follows/action-item/not-a-uuid', undefined, 'entityId'],
    ];
    for (const [method, path, body, field] of cases) {
      const result = await app.request<{ issues?: Array<{ field: string }> }>(method, path, member.token, body);
      expect([method, path, result.status]).toEqual([method, path, 400]);
      expect(JSON.stringify(result.body.issues)).toContain(field);
    }
  });

  it('should tell followers of a change, until they unfollow; and honour preferences', async () => {
    const action = await anActionItem(app, chair, committee, { title: unique('Followed') });
    const followed = await app.request<FollowState>('PUT', `/api/follows/action-item/${action.id}`, observer.token);
    expect(followed.body.following).toBe(true);
    await app.request('PATCH', `/api/action-items/${action.id}`, chair.token, { version: 1, status: 'in_progress' });
    const [changed] = await about(observer, action.id);
    expect(changed?.kind).toBe('record.changed');
    expect(changed?.text).toBe(`${chair.user.name} changed the action “${action.title}”`);
    const unfollowed = await app.request<FollowState>('DELETE', `/api/follows/action-item/${action.id}`, observer.token);
    expect(unfollowed.body.following).toBe(false);
    await app.request('PATCH', `/api/action-items/${action.id}`, chair.token, { version: 2, status: 'blocked' });
    await settled();
    expect((await list(observer)).items.filter((n) => n.entityId === action.id)).toHaveLength(1);

    const defaults = await app.request<NotificationPreferences>('GET', '/api/me/notification-preferences', member.token);
    expect(defaults.body.kinds['action.assigned']).toBe('email');
    const off = await app.request<NotificationPreferences>('PUT', '/api/me/notification-preferences', member.token, {
      kinds: { 'action.assigned': 'off', mention: 'digest' },
    });
    expect(off.status).toBe(200);
    expect(off.body.kinds).toMatchObject({ 'action.assigned': 'off', mention: 'digest', 'meeting.changed': 'email' });
    const quiet = await anActionItem(app, chair, committee, { ownerIds: [member.id] });
    await settled();
    expect((await list(member)).items.some((n) => n.entityId === quiet.id)).toBe(false);
    await app.request('PUT', '/api/me/notification-preferences', member.token, { kinds: { 'action.assigned': 'email' } });
  });

  it('should never let a notification carry a record above its reader (REST, socket), with the cleared chair as control', async () => {
    const marker = unique('RAHSIA-MARKER');
    const open = await person('OPEN', 'member', 'Open Dahlia');
    const restricted = await person('RESTRICTED', 'member', 'Restricted Eng');
    const confidential = await person('CONFIDENTIAL', 'member', 'Confidential Farid');
    const secret = await person('SECRET', 'member', 'Secret Gopal');
    const outsider = await person('SECRET', null, 'Outsider Hana');
    const readers = [open, restricted, confidential, secret, outsider];
    const boxes = await Promise.all(readers.map(inbox));
    // A SECRET action assigned to every level: only the cleared owner hears of it.
    const action = await anActionItem(app, chair, committee, {
      title: marker,
      classification: 'SECRET',
      ownerIds: [open.id, restricted.id, confidential.id, secret.id],
    });
    const [told] = await about(secret, action.id);
    expect(told?.title).toBe(marker);
    await until(() => boxes[3]?.pushed.some((n) => n.title === marker), 'the cleared owner’s live notification');
    // A record they followed while it was OPEN, then raised with the marker in its title.
    const raised = await anActionItem(app, chair, committee, { title: unique('Harmless') });
    for (const reader of [open, restricted, confidential, secret]) {
      expect((await app.request('PUT', `/api/follows/action-item/${raised.id}`, reader.token)).status).toBe(200);
    }
    expect((await app.request('PUT', `/api/follows/action-item/${raised.id}`, outsider.token)).status).toBe(404);
    expect((await app.request('PUT', `/api/follows/action-item/${action.id}`, confidential.token)).status).toBe(404);
    await app.request('PATCH', `/api/action-items/${raised.id}`, chair.token, {
      version: 1,
      title: `${marker} raised`,
      classification: 'SECRET',
    });
    const [followed] = await about(secret, raised.id);
    expect(followed?.title).toBe(`${marker} raised`);
    await settled();
    // The cleared reader's live copy is the positive control of the push to the others.
    await until(() => boxes[3]?.pushed.some((n) => n.id === followed?.id), 'the cleared follower’s live notification');
    await delivered(...boxes.map((box) => box.client));
    for (const [index, reader] of [open, restricted, confidential, outsider].entries()) {
      const listed = await app.request('GET', '/api/notifications?limit=200', reader.token);
      expect(JSON.stringify(listed.body)).not.toContain(marker);
      expect(JSON.stringify(boxes[index === 3 ? 4 : index]?.pushed)).not.toContain(marker);
    }
  });

  it('should hide old notifications from a member who left the committee or whose clearance was lowered', async () => {
    const leaving = await person('SECRET', 'member', 'Leaving Intan');
    const admin = await aUser(app, { clearance: 'SECRET', isAdmin: true });
    const confidential = await anActionItem(app, chair, committee, { classification: 'CONFIDENTIAL', ownerIds: [leaving.id] });
    const open = await anActionItem(app, chair, committee, { ownerIds: [leaving.id] });
    await about(leaving, confidential.id);
    await about(leaving, open.id);
    const users = await app.request<Array<{ id: string; version: number }>>('GET', '/api/admin/users', admin.token);
    const record = users.body.find((user) => user.id === leaving.id);
    const lowered = await app.request('PATCH', `/api/admin/users/${leaving.id}`, admin.token, {
      version: record?.version,
      clearance: 'OPEN',
    });
    expect(lowered.status).toBe(200);
    const after = (await list(leaving)).items.map((n) => n.entityId);
    expect(after).toContain(open.id);
    expect(after).not.toContain(confidential.id);
    const removed = await app.request('DELETE', `/api/committees/${committee.id}/members/${leaving.id}`, chair.token);
    expect(removed.status).toBe(204);
    const gone = await list(leaving);
    expect(gone.items).toEqual([]);
    expect(gone.unreadCount).toBe(0);
  });

  it('should make one notification per change with two instances, pushed across them (PostgreSQL, Redis)', async () => {
    if (app.store === 'embedded') return;
    const first = await TestApp.start({ REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' });
    const second = await first.startPeer({ SEED_DEMO: 'false' });
    try {
      const pair = await aCommittee(first);
      const [boss, owner] = [await aUser(first, { clearance: 'SECRET' }), await aUser(first, { clearance: 'SECRET' })];
      await aMembership(first, pair, boss, 'chair');
      await aMembership(first, pair, owner, 'member');
      const client = await first.connect(owner.token);
      const pushed: Notification[] = [];
      client.socket.on('notification', (notification: Notification) => pushed.push(notification));
      const made: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        const on = i % 2 === 0 ? first : second;
        made.push((await on.createItem(boss.token, pair.id, { title: unique('Once'), ownerIds: [owner.id] })).id);
      }
      await until(
        () => made.every((id) => pushed.some((n) => n.entityId === id)),
        'every notification pushed to the socket on the first instance',
      );
      const rows: Array<{ entity_id: string; count: string }> = await sql(first).dataSource.query(
        'SELECT entity_id, count(*) AS count FROM notifications WHERE user_id = $1 AND entity_id = ANY($2::uuid[]) GROUP BY entity_id',
        [owner.id, made],
      );
      expect(rows.map((row) => Number(row.count))).toEqual(made.map(() => 1));
      // A later notification, pushed after every one of the six: once it is here, a second push of any would be too.
      const later = await second.createItem(boss.token, pair.id, { title: unique('Later'), ownerIds: [owner.id] });
      await until(() => pushed.some((n) => n.entityId === later.id), 'the later notification pushed');
      await client.delivered();
      expect(pushed.filter((n) => made.includes(n.entityId))).toHaveLength(made.length);
    } finally {
      await second.close();
      await first.close();
    }
  });
});
