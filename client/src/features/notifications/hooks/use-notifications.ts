import type { NotificationReadRequest } from '@sidang/shared';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../lib/api/api-context.tsx';
import { type NotificationFilter, notificationKeys, notificationsApi } from '../api/notifications-api.ts';
import { updateLists, updateListsAndBell, withRead, withUnreadCount } from '../notification-cache.ts';

/** The panel's list: the caller's notifications, newest first, a page at a time; `unread` holds only those not yet read. */
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
      const ids = new Set('ids' in request ? request.ids : []);
      const all = 'all' in request && request.all === true;
      updateListsAndBell(queryClient, (data) => withRead(data, request, at), all ? 'all' : (item) => ids.has(item.id));
    },
    onSuccess: (result) => updateLists(queryClient, (data) => withUnreadCount(data, result.unreadCount)),
    onError: () => void queryClient.invalidateQueries({ queryKey: notificationKeys.lists }),
  });
}
