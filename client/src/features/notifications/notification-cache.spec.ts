import { describe, expect, it } from '@jest/globals';
import type { Notification } from '@sidang/shared';
import { COMMITTEE_ID, uuid } from '../../test/fixtures.ts';
import { type NotificationPages, unreadCountOf, withArrived, withoutCommittee, withRead, withUnreadCount } from './notification-cache.ts';

const AT = '2026-03-12T01:00:00.000Z';
const aNotification = (readAt: string | null = null): Notification => ({
  id: uuid(),
  kind: 'mention',
  committeeId: COMMITTEE_ID,
  entityType: 'action-item',
  entityId: uuid(),
  ancestorIds: [],
  title: 'Tender evaluation',
  text: 'Chair (MITI) mentioned you',
  at: AT,
  readAt,
});
const pages = (...lists: Notification[][]): NotificationPages => ({
  pages: lists.map((items, index) => ({
    items,
    nextCursor: index < lists.length - 1 ? `c${index}` : null,
    unreadCount: lists.flat().filter((n) => n.readAt === null).length,
  })),
  pageParams: lists.map((_, index) => (index === 0 ? null : `c${index - 1}`)),
});

describe('notification cache', () => {
  it('should put an arrival on top once, counting it when unread', () => {
    const older = aNotification();
    const data = pages([older], [aNotification(AT)]);
    const fresh = aNotification();
    const once = withArrived(data, fresh, 'all');
    expect(once.pages[0]?.items.map((n) => n.id)).toEqual([fresh.id, older.id]);
    expect(unreadCountOf(once)).toBe(2);
    expect(withArrived(once, fresh, 'all')).toBe(once);
    // Already on a later page (came with a refetch): not added again.
    const onLaterPage = data.pages[1]?.items[0] as Notification;
    expect(withArrived(data, onLaterPage, 'all')).toBe(data);
  });

  it('should keep a read arrival out of the unread list, and not count it in the whole list', () => {
    const data = pages([aNotification()]);
    const read = aNotification(AT);
    expect(withArrived(data, read, 'unread')).toBe(data);
    const all = withArrived(data, read, 'all');
    expect(all.pages[0]?.items).toHaveLength(2);
    expect(unreadCountOf(all)).toBe(1);
  });

  it('should mark some read (counting each once) or all read, leaving the lines in place', () => {
    const [a, b, c] = [aNotification(), aNotification(), aNotification(AT)];
    const data = pages([a, b], [c]);
    const some = withRead(data, { ids: [a.id, a.id, c.id] }, '2026-03-13T00:00:00.000Z');
    expect(some.pages[0]?.items.map((n) => n.readAt)).toEqual(['2026-03-13T00:00:00.000Z', null]);
    expect(some.pages[1]?.items[0]?.readAt).toBe(AT);
    expect(unreadCountOf(some)).toBe(1);
    const all = withRead(data, { all: true }, '2026-03-13T00:00:00.000Z');
    expect(all.pages.flatMap((page) => page.items).every((n) => n.readAt !== null)).toBe(true);
    expect(unreadCountOf(all)).toBe(0);
    expect(unreadCountOf(withUnreadCount(all, 4))).toBe(4);
    expect(unreadCountOf(undefined)).toBe(0);
  });

  it("should drop a committee's notifications and their unread count, keeping the others", () => {
    const other = '44444444-4444-4444-8444-444444444444';
    const kept = aNotification();
    const data = pages([{ ...aNotification(), committeeId: other }, kept], [{ ...aNotification(AT), committeeId: other }]);
    const left = withoutCommittee(data, other.toUpperCase());
    expect(left.pages.flatMap((page) => page.items)).toEqual([kept]);
    expect(unreadCountOf(left)).toBe(1);
    expect(withoutCommittee(left, other)).toBe(left);
  });
});
