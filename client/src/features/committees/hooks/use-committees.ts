import type { Committee, Member } from '@sidang/shared';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../lib/api/api-context.tsx';
import { useAuthToken } from '../../../lib/auth/auth-store.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { committeesApi } from '../api/committees-api.ts';

export function useCommittees() {
  const api = useApi();
  const token = useAuthToken();
  return useQuery({
    queryKey: queryKeys.committees,
    queryFn: () => committeesApi.list(api),
    enabled: token !== null,
    staleTime: 5 * 60_000,
  });
}

export function useCommittee(committeeId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.committee(committeeId ?? ''),
    queryFn: () => committeesApi.get(api, committeeId ?? ''),
    enabled: Boolean(committeeId),
    staleTime: 5 * 60_000,
  });
}

export function useMembers(committeeId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.members(committeeId ?? ''),
    queryFn: () => committeesApi.members(api, committeeId ?? ''),
    enabled: Boolean(committeeId),
    staleTime: 5 * 60_000,
  });
}

/** The committee's name in the UI language. */
export function useCommitteeName(): (committee: Pick<Committee, 'name' | 'nameMs'>) => string {
  const { i18n } = useTranslation();
  return (committee) => (i18n.language === 'ms' ? committee.nameMs || committee.name : committee.name);
}

export function memberNames(members: readonly Member[] | undefined): Map<string, string> {
  return new Map((members ?? []).map((member) => [member.userId, member.name]));
}
