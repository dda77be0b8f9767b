import { describe, expect, it } from '@jest/globals';
import { type DeriveContext, deriveNotifications, mentioned } from './notification-deriver.js';
import type { LoggedChange, Recipient } from './notifications.repository.js';

const COMMITTEE = '00000000-0000-4000-8000-000000000001';
const CHAIR = '00000000-0000-4000-8000-000000000002';
const MEMBER = '00000000-0000-4000-8000-000000000003';
const OBSERVER = '00000000-0000-4000-8000-000000000004';
const people: Recipient[] = [
  { userId: CHAIR, name: 'Aminah Yusof', clearance: 3, seesDrafts: true },
  { userId: MEMBER, name: 'Badrul', clearance: 2, seesDrafts: false },
  { userId: OBSERVER, name: 'Chong Wei', clearance: 0, seesDrafts: false },
];

function context(overrides: Partial<DeriveContext> = {}): DeriveContext {
  return {
    committeeId: COMMITTEE,
    members: new Map(people.map((person) => [person.userId, person])),
    followers: new Map(),
    turnedOff: new Set(),
    ...overrides,
  };
}

function change(overrides: Partial<LoggedChange>): LoggedChange {
  return {
    seq: 7,
    entityType: 'action-item',
    verb: 'updated',
    entityId: '00000000-0000-4000-8000-0000000000aa',
    actorId: CHAIR,
    level: 0,
    draft: false,
    at: new Date('2031-01-01T00:00:00Z'),
    parentId: null,
    before: null,
    after: null,
    ...overrides,
  };
}

describe(deriveNotifications.name, () => {
  it('should tell only the chair and the secretariat of a change in a draft', () => {
    const paper = change({ entityType: 'document', verb: 'created', actorId: OBSERVER, draft: true, after: { title: 'Draft paper' } });
    expect(deriveNotifications(paper, context()).notifications.map((n) => n.userId)).toEqual([CHAIR]);
    expect(
      deriveNotifications({ ...paper, draft: false }, context())
        .notifications.map((n) => n.userId)
        .sort(),
    ).toEqual([CHAIR, MEMBER].sort());
  });

  it('should tell only the new owners, who then follow the action, and never the actor', () => {
    const derived = deriveNotifications(
      change({ before: { ownerIds: [MEMBER] }, after: { ownerIds: [MEMBER, OBSERVER, CHAIR], dueDate: '2031-02-01' } }),
      context(),
    );
    expect(derived.notifications.map((n) => [n.userId, n.kind, n.detail])).toEqual([
      [OBSERVER, 'action.assigned', { dueDate: '2031-02-01' }],
    ]);
    expect(derived.follows.map((f) => f.userId)).toEqual([OBSERVER, CHAIR]);
    expect(derived.notifications[0]?.dedupeKey).toBe(`${COMMITTEE}:7`);
  });

  it('should tell no one below the change’s level, and no one who turned the kind off', () => {
    const secret = change({ level: 3, verb: 'created', after: { ownerIds: [MEMBER, OBSERVER] } });
    expect(deriveNotifications(secret, context()).notifications).toEqual([]);
    expect(deriveNotifications(secret, context()).follows).toEqual([]);
    const open = change({ verb: 'created', after: { ownerIds: [MEMBER, OBSERVER] } });
    const quiet = deriveNotifications(open, context({ turnedOff: new Set([`${MEMBER}:action.assigned`]) }));
    expect(quiet.notifications.map((n) => n.userId)).toEqual([OBSERVER]);
  });

  it('should give one notification per recipient and change, the most particular kind', () => {
    const update = change({
      entityType: 'progress-update',
      verb: 'created',
      actorId: OBSERVER,
      parentId: 'action',
      after: { body: 'Over to @badrul and @Aminah Yusof' },
    });
    const derived = deriveNotifications(update, context({ followers: new Map([['action', new Set([MEMBER])]]) }));
    expect(derived.notifications.map((n) => [n.userId, n.kind])).toEqual([
      [CHAIR, 'mention'],
      [MEMBER, 'mention'],
    ]);
  });

  it('should tell members of a meeting scheduled, its time or venue changed, and its cancellation', () => {
    const meeting = { entityType: 'meeting' as const, actorId: CHAIR };
    const scheduled = deriveNotifications(change({ ...meeting, before: { status: 'draft' }, after: { status: 'scheduled' } }), context());
    expect(scheduled.notifications.map((n) => n.kind)).toEqual(['meeting.scheduled', 'meeting.scheduled']);
    const moved = deriveNotifications(
      change({
        ...meeting,
        before: { status: 'scheduled', venue: 'A', title: 'x' },
        after: { status: 'scheduled', venue: 'B', title: 'y' },
      }),
      context(),
    );
    expect(moved.notifications[0]).toMatchObject({ kind: 'meeting.changed', detail: { fields: ['venue'] } });
    const retitled = change({ ...meeting, before: { status: 'scheduled', title: 'x' }, after: { status: 'scheduled', title: 'y' } });
    expect(deriveNotifications(retitled, context()).notifications).toEqual([]);
    const draftDeleted = change({ ...meeting, verb: 'deleted', before: { status: 'draft' } });
    expect(deriveNotifications(draftDeleted, context()).notifications).toEqual([]);
    const cancelled = change({ ...meeting, verb: 'deleted', before: { status: 'scheduled' } });
    expect(deriveNotifications(cancelled, context()).notifications.map((n) => n.kind)).toEqual(['meeting.cancelled', 'meeting.cancelled']);
  });
});

describe(mentioned.name, () => {
  it('should find members named with @, in any case, and not others', () => {
    expect(mentioned('thanks @CHONG WEI, cc @nobody', people)).toEqual([OBSERVER]);
    expect(mentioned('email badrul@agency.gov.my', people)).toEqual([]);
  });
});
