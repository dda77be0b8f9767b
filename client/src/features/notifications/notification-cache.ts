import type { Notification, NotificationPage, NotificationReadRequest } from '@sidang/shared';
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { type NotificationFilter, notificationKeys } from './api/notifications-api.ts';

/** A notification list as the cache holds it: the pages loaded so far, newest first. */
export type NotificationPages = InfiniteData<NotificationPage, string | null>;

function hasItem(data: NotificationPages, id: string): boolean {
  return data.pages.some((page) => page.items.some((item) => item.id === id));
}

/**
 * The list with a notification that has just arrived on the socket: at the top, the unread count
 * up by one. One that is already there (it came with a refetch, or twice) changes nothing, and
 * a read one does not enter a list of unread ones.
 */
export function withArrived(data: NotificationPages, notification: Notification, filter: NotificationFilter): NotificationPages {
  if (hasItem(data, notification.id) || (filter === 'unread' && notification.readAt !== null)) return data;
  const [first, ...rest] = data.pages;
  if (!first) return data;
  const unread = notification.readAt === null ? 1 : 0;
  return {
    ...data,
    pages: [{ ...first, items: [notification, ...first.items], unreadCount: first.unreadCount + unread }, ...rest],
  };
}

/**
 * The list with some (or all) notifications marked read at `at`: they stay where they are (a list
 * of unread ones keeps them until it is read again), and the unread count drops by those that were.
 */
export function withRead(data: NotificationPages, request: NotificationReadRequest, at: string): NotificationPages {
  const all = 'all' in request && request.all === true;
  const ids = all ? null : new Set(('ids' in request && request.ids) || []);
  const hits = (item: Notification) => item.readAt === null && (ids === null || ids.has(item.id));
  const newlyRead = new Set(data.pages.flatMap((page) => page.items.filter(hits).map((item) => item.id))).size;
  const count = (page: NotificationPage) => (ids === null ? 0 : Math.max(0, page.unreadCount - newlyRead));
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.map((item) => (hits(item) ? { ...item, readAt: at } : item)),
      unreadCount: count(page),
    })),
  };
}

/** The list without a committee's notifications (the user has left it), and without their unread count. */
export function withoutCommittee(data: NotificationPages, committeeId: string): NotificationPages {
  const gone = (item: Notification) => item.committeeId.toLowerCase() === committeeId.toLowerCase();
  const unreadGone = data.pages.flatMap((page) => page.items).filter((item) => gone(item) && item.readAt === null).length;
  if (!data.pages.some((page) => page.items.some(gone))) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.filter((item) => !gone(item)),
      unreadCount: Math.max(0, page.unreadCount - unreadGone),
    })),
  };
}

/** How many distinct unread notifications the cached lists hold that `match` picks. */
export function unreadMatching(queryClient: QueryClient, match: (item: Notification) => boolean): number {
  const found = new Set<string>();
  for (const [, data] of queryClient.getQueriesData<NotificationPages>({ queryKey: notificationKeys.lists })) {
    for (const item of data?.pages.flatMap((page) => page.items) ?? []) if (item.readAt === null && match(item)) found.add(item.id);
  }
  return found.size;
}

/**
 * Applies a change to every cached list, and lowers the bell's count (which holds few of the
 * notifications) by the unread ones the lists know that `leaving` picks, or to 0 with `all`.
 */
export function updateListsAndBell(
  queryClient: QueryClient,
  change: (data: NotificationPages, filter: NotificationFilter) => NotificationPages,
  leaving: ((item: Notification) => boolean) | 'all',
): void {
  const before = unreadCountOf(queryClient.getQueryData<NotificationPages>(notificationKeys.summary));
  const bell = leaving === 'all' ? 0 : Math.max(0, before - unreadMatching(queryClient, leaving));
  updateLists(queryClient, change);
  queryClient.setQueryData<NotificationPages>(notificationKeys.summary, (data) => data && withUnreadCount(data, bell));
}

/** The list with the unread count the server answered. */
export function withUnreadCount(data: NotificationPages, unreadCount: number): NotificationPages {
  return { ...data, pages: data.pages.map((page) => ({ ...page, unreadCount })) };
}

/** Applies a change to every cached list (all, unread), each told which one it is. */
export function updateLists(
  queryClient: QueryClient,
  change: (data: NotificationPages, filter: NotificationFilter) => NotificationPages,
): void {
  for (const [key, data] of queryClient.getQueriesData<NotificationPages>({ queryKey: notificationKeys.lists })) {
    // The bell's summary is a read of unread ones.
    if (data) queryClient.setQueryData<NotificationPages>(key, change(data, key[2] === 'all' ? 'all' : 'unread'));
  }
}

/** The unread count the bell shows: from the newest page of a list. */
export function unreadCountOf(data: { pages: readonly NotificationPage[] } | undefined): number {
  return data?.pages[0]?.unreadCount ?? 0;
}
