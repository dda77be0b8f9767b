import type { AccessChanged, Notification, NotificationReadRequest } from '@sidang/shared';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useApi } from '../../../lib/api/api-context.tsx';
import { useRealtimeSocket } from '../../../lib/realtime/realtime-provider.tsx';
import { type NotificationFilter, notificationKeys, notificationsApi } from '../api/notifications-api.ts';
import { updateLists, withArrived, withoutCommittee, withRead, withUnreadCount } from '../notification-cache.ts';

/** The caller's notifications, newest first, a page at a time; `unread` holds only those not yet read. */
export function useNotifications(filter: NotificationFilter) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: notificationKeys.list(filter),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => notificationsApi.list(api, filter, pageParam, signal),
    getNextPageParam: (last) => last.nextCursor,
  });
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
      if (change.reason === 'membership-removed' && committeeId) updateLists(queryClient, (data) => withoutCommittee(data, committeeId));
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

/**
 * Marks some (`{ ids }`) or all (`{ all: true }`) of the caller's notifications read: at once on
 * screen, then with the count the server answers (read again if it refused).
 */
export function useMarkRead() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: NotificationReadRequest) => notificationsApi.markRead(api, request),
    onMutate: async (request) => {
      await queryClient.cancelQueries({ queryKey: notificationKeys.lists });
      const at = new Date().toISOString();
      updateLists(queryClient, (data) => withRead(data, request, at));
    },
    onSuccess: (result) => updateLists(queryClient, (data) => withUnreadCount(data, result.unreadCount)),
    onError: () => void queryClient.invalidateQueries({ queryKey: notificationKeys.lists }),
  });
}
