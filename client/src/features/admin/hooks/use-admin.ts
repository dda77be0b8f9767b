import type { AdminCommittee, AdminUser, CreateCommittee, CreateUser, Role, UpdateCommittee, UpdateUser } from '@sidang/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../lib/api/api-context.tsx';
import { queryKeys } from '../../../lib/query-keys.ts';
import { adminApi } from '../api/admin-api.ts';

/** Administration data is never kept on the device: none of these keys is persisted. */
export const adminKeys = {
  users: ['admin', 'users'] as const,
  committees: ['admin', 'committees'] as const,
  members: (committeeId: string) => ['admin', 'members', committeeId] as const,
  candidates: (committeeId: string) => ['admin', 'candidates', committeeId] as const,
};

export function useAdminUsers() {
  const api = useApi();
  return useQuery({ queryKey: adminKeys.users, queryFn: () => adminApi.users(api) });
}

function replaceUser(list: AdminUser[] | undefined, user: AdminUser): AdminUser[] | undefined {
  if (!list) return list;
  const found = list.some((u) => u.id === user.id);
  const next = found ? list.map((u) => (u.id === user.id ? user : u)) : [...list, user];
  return next.sort((a, b) => a.name.localeCompare(b.name));
}

export function useCreateUser() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUser) => adminApi.createUser(api, body),
    onSuccess: (user) => queryClient.setQueryData<AdminUser[]>(adminKeys.users, (list) => replaceUser(list, user)),
  });
}

export function useUpdateUser() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUser }) => adminApi.updateUser(api, id, body),
    onSuccess: (user) => {
      queryClient.setQueryData<AdminUser[]>(adminKeys.users, (list) => replaceUser(list, user));
      // Names, agencies and states show in member lists too.
      void queryClient.invalidateQueries({ queryKey: ['admin', 'members'] });
    },
  });
}

export function useResetPassword() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) => adminApi.resetPassword(api, id, password),
    onSuccess: (user) => queryClient.setQueryData<AdminUser[]>(adminKeys.users, (list) => replaceUser(list, user)),
  });
}

export function useAdminCommittees() {
  const api = useApi();
  return useQuery({ queryKey: adminKeys.committees, queryFn: () => adminApi.committees(api) });
}

function replaceCommittee(list: AdminCommittee[] | undefined, committee: AdminCommittee): AdminCommittee[] | undefined {
  if (!list) return list;
  const found = list.some((c) => c.id === committee.id);
  return (found ? list.map((c) => (c.id === committee.id ? committee : c)) : [...list, committee]).sort((a, b) =>
    a.code.localeCompare(b.code),
  );
}

export function useCreateCommittee() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCommittee) => adminApi.createCommittee(api, body),
    onSuccess: (committee) => queryClient.setQueryData<AdminCommittee[]>(adminKeys.committees, (list) => replaceCommittee(list, committee)),
  });
}

export function useUpdateCommittee() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateCommittee }) => adminApi.updateCommittee(api, id, body),
    onSuccess: (committee) => {
      queryClient.setQueryData<AdminCommittee[]>(adminKeys.committees, (list) => replaceCommittee(list, committee));
      void queryClient.invalidateQueries({ queryKey: queryKeys.committees });
    },
  });
}

export function useManagedMembers(committeeId: string, asAdmin: boolean) {
  const api = useApi();
  return useQuery({ queryKey: adminKeys.members(committeeId), queryFn: () => adminApi.members(api, committeeId, asAdmin) });
}

export function useMemberCandidates(committeeId: string) {
  const api = useApi();
  return useQuery({ queryKey: adminKeys.candidates(committeeId), queryFn: () => adminApi.candidates(api, committeeId) });
}

/** After a membership change: the managed list, the candidates, counts and the committee's own member list. */
function useMembershipRefresh(committeeId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: adminKeys.members(committeeId) }),
      queryClient.invalidateQueries({ queryKey: adminKeys.candidates(committeeId) }),
      queryClient.invalidateQueries({ queryKey: adminKeys.committees }),
      queryClient.invalidateQueries({ queryKey: queryKeys.members(committeeId) }),
    ]);
}

export function usePutMember(committeeId: string) {
  const api = useApi();
  const refresh = useMembershipRefresh(committeeId);
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) => adminApi.putMember(api, committeeId, userId, role),
    onSuccess: refresh,
  });
}

export function useRemoveMember(committeeId: string) {
  const api = useApi();
  const refresh = useMembershipRefresh(committeeId);
  return useMutation({
    mutationFn: (userId: string) => adminApi.removeMember(api, committeeId, userId),
    onSuccess: refresh,
  });
}
