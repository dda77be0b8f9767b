import type { NotificationPreferences, NotificationPreferencesUpdate } from '@sidang/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../lib/api/api-context.tsx';
import { notificationKeys, notificationsApi } from '../api/notifications-api.ts';

/** How the caller wants each kind of notification delivered. */
export function useNotificationPreferences() {
  const api = useApi();
  return useQuery({ queryKey: notificationKeys.preferences, queryFn: () => notificationsApi.preferences(api) });
}

/** Saves the kinds that changed; the answer (every kind) replaces the cached preferences. */
export function useSaveNotificationPreferences() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (update: NotificationPreferencesUpdate) => notificationsApi.savePreferences(api, update),
    onSuccess: (saved) => queryClient.setQueryData<NotificationPreferences>(notificationKeys.preferences, saved),
  });
}
