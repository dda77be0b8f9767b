import type { ActivityPage } from '@sidang/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useApi } from '../../../lib/api/api-context.tsx';
import { queryKeys } from '../../../lib/query-keys.ts';

const PAGE = 50;

/**
 * The committee's activity, newest first, or one record's history with `entityId`. Pages load
 * on demand; realtime events of the committee refresh it (see the sync engine).
 */
export function useActivity(committeeId: string | undefined, entityId?: string) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: queryKeys.activity(committeeId ?? '', entityId),
    enabled: Boolean(committeeId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<ActivityPage>(`/api/committees/${encodeURIComponent(committeeId ?? '')}/activity`, {
        limit: PAGE,
        ...(entityId ? { entityId } : {}),
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    getNextPageParam: (last) => last.nextCursor,
  });
}
