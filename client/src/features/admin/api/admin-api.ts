import type {
  AdminCommittee,
  AdminUser,
  CreateCommittee,
  CreateUser,
  Member,
  MemberCandidate,
  Role,
  UpdateCommittee,
  UpdateUser,
} from '@sidang/shared';
import type { ApiClient } from '../../../lib/api/api-client.ts';

const enc = encodeURIComponent;

export const adminApi = {
  users: (api: ApiClient) => api.get<AdminUser[]>('/api/admin/users'),
  createUser: (api: ApiClient, body: CreateUser) => api.post<AdminUser>('/api/admin/users', body),
  updateUser: (api: ApiClient, id: string, body: UpdateUser) => api.patch<AdminUser>(`/api/admin/users/${enc(id)}`, body),
  resetPassword: (api: ApiClient, id: string, password: string) =>
    api.post<AdminUser>(`/api/admin/users/${enc(id)}/password`, { password }),
  committees: (api: ApiClient) => api.get<AdminCommittee[]>('/api/admin/committees'),
  createCommittee: (api: ApiClient, body: CreateCommittee) => api.post<AdminCommittee>('/api/admin/committees', body),
  updateCommittee: (api: ApiClient, id: string, body: UpdateCommittee) =>
    api.patch<AdminCommittee>(`/api/admin/committees/${enc(id)}`, body),
  /** As an administrator (any committee) or as the committee's chair (through the committee's own list). */
  members: (api: ApiClient, committeeId: string, asAdmin: boolean) =>
    api.get<Member[]>(asAdmin ? `/api/admin/committees/${enc(committeeId)}/members` : `/api/committees/${enc(committeeId)}/members`),
  candidates: (api: ApiClient, committeeId: string) => api.get<MemberCandidate[]>(`/api/committees/${enc(committeeId)}/member-candidates`),
  putMember: (api: ApiClient, committeeId: string, userId: string, role: Role) =>
    api.put<Member>(`/api/committees/${enc(committeeId)}/members/${enc(userId)}`, { role }),
  removeMember: (api: ApiClient, committeeId: string, userId: string) =>
    api.delete(`/api/committees/${enc(committeeId)}/members/${enc(userId)}`),
};
