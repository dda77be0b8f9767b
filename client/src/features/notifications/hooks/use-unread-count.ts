import type { AccessChanged, Notification } from '@sidang/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useAfterFirstPaint } from '../../../lib/after-next-paint.ts';
import { useApi } from '../../../lib/api/api-context.tsx';
import { useRealtimeSocket } from '../../../lib/realtime/realtime-provider.tsx';
import { notificationKeys, notificationsApi } from '../api/notifications-api.ts';
import {
  type NotificationPages,
  unreadCountOf,
  updateLists,
  updateListsAndBell,
  withArrived,
  withoutCommittee,
} from '../notification-cache.ts';

// The bell's hooks, on every page: a plain query of one unread notification and the count (the
// panel's paged lists load with the panel).

/**
 * How many of the caller's notifications are unread, as they may see them now: asked for once the
 * first screen has painted (the bell is on every page; the page's own data comes first).
 */
export function useUnreadCount(): number {
  const api = useApi();
  const afterFirstPaint = useAfterFirstPaint();
  const summary = useQuery({
    enabled: afterFirstPaint,
    queryKey: notificationKeys.summary,
    queryFn: async ({ signal }): Promise<NotificationPages> => ({
      pages: [await notificationsApi.list(api, 'unread', null, signal, 1)],
      pageParams: [null],
    }),
  });
  return unreadCountOf(summary.data);
}

/**
 * Keeps the notification lists live: a `notification` on the user's socket goes to the top (once,
 * by id), and every (re)connect or change of access reads them again, so that nothing sent while
 * the socket was down is missed and nothing the user may no longer see stays.
 */
export function useLiveNotifications(): void {
  const socket = useRealtimeSocket();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!socket) return undefined;
    const refresh = () => void queryClient.invalidateQueries({ queryKey: notificationKeys.lists });
    const onNotification = (notification: Notification) => {
      // Without an id it cannot be deduplicated: the list is read instead.
      if (typeof notification?.id !== 'string') return refresh();
      // A read already on its way may have been answered before this one was stored: it is asked
      // again (sent after the commit, the notification is in any read that starts now).
      if (queryClient.isFetching({ queryKey: notificationKeys.lists }) > 0) refresh();
      updateLists(queryClient, (data, filter) => withArrived(data, notification, filter));
    };
    socket.on('notification', onNotification);
    socket.on('connect', refresh);
    // What the user may no longer see leaves the screen at once, before the list is read again:
    // a committee they left by its id; after a change of clearance nothing is shown until then.
    const onAccessChanged = (change: AccessChanged) => {
      const { committeeId } = change;
      if (change.reason === 'membership-removed' && committeeId) {
        const gone = (item: Notification) => item.committeeId.toLowerCase() === committeeId.toLowerCase();
        updateListsAndBell(queryClient, (data) => withoutCommittee(data, committeeId), gone);
      }
      if (change.reason === 'clearance-changed') void queryClient.resetQueries({ queryKey: notificationKeys.lists });
      else refresh();
    };
    socket.on('access-changed', onAccessChanged);
    // Connected before this listened: what came between the first read and now is read again.
    if (socket.connected) refresh();
    return () => {
      socket.off('notification', onNotification);
      socket.off('connect', refresh);
      socket.off('access-changed', onAccessChanged);
    };
  }, [socket, queryClient]);
}
