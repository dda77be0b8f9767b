import type { FollowState } from '@sidang/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../lib/api/api-context.tsx';
import { notificationKeys, notificationsApi } from '../api/notifications-api.ts';

/** Whether the caller follows a record (they hear of its changes). */
export function useFollow(entityType: string, entityId: string) {
  const api = useApi();
  return useQuery({
    queryKey: notificationKeys.follow(entityType, entityId),
    queryFn: () => notificationsApi.follow(api, entityType, entityId),
    enabled: Boolean(entityId),
  });
}

/** Follows (`true`) or stops following (`false`) a record; both are safe to repeat. */
export function useSetFollow(entityType: string, entityId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const key = notificationKeys.follow(entityType, entityId);
  return useMutation({
    mutationFn: async (following: boolean): Promise<FollowState> => {
      const answer = await notificationsApi.setFollow(api, entityType, entityId, following);
      return answer && typeof answer.following === 'boolean' ? answer : { entityType, entityId, following };
    },
    onSuccess: (state) => queryClient.setQueryData<FollowState>(key, state),
  });
}
