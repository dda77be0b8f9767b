import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../lib/api/api-context.tsx';
import { meetingsApi } from '../api/meetings-api.ts';

/** Not under a persisted root: the feed's address is a credential and never stored on the device. */
export const calendarFeedKey = ['calendar-feed'] as const;

export function useCalendarFeed(enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: calendarFeedKey,
    queryFn: () => meetingsApi.calendarFeed(api),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useRenewCalendarFeed() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => meetingsApi.renewCalendarFeed(api),
    onSuccess: (feed) => queryClient.setQueryData(calendarFeedKey, feed),
  });
}
