import type { CommitteeHome, MyHome } from '@sidang/shared';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../../lib/api/api-context.tsx';
import { queryKeys } from '../../../lib/query-keys.ts';

/**
 * The caller's home in a committee, as the server reads it for them (need-to-know there).
 * Every committed change refetches it (see the realtime provider): the server decides what moved.
 */
export function useCommitteeHome(committeeId: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.home(committeeId),
    queryFn: () => api.get<CommitteeHome>(`/api/committees/${encodeURIComponent(committeeId)}/home`),
    enabled: committeeId !== '',
  });
}

/** The caller's home across their committees (a look, not a visit: it moves no "since you were last here"). */
export function useMyHome(enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.myHome,
    queryFn: () => api.get<MyHome>('/api/me/home'),
    enabled,
  });
}
