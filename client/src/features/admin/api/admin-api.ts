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
import { type ApiClient, ApiRequestError, errorBodyOf } from '../../../lib/api/api-client.ts';
import { authStore } from '../../../lib/auth/auth-store.ts';

const enc = encodeURIComponent;

/**
 * PUT, which the shared API client does not offer yet: same headers, same errors. A 401 ends
 * the session as the shared client does.
 */
export async function putJson<T>(
  path: string,
  body: unknown,
  fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args),
): Promise<T> {
  const token = authStore.getToken();
  const response = await fetchImpl(path, {
    method: 'PUT',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    if (response.status === 401) authStore.clear();
    const error = errorBodyOf(response.status, parsed, response.statusText);
    throw new ApiRequestError(response.status, error);
  }
  return parsed as T;
}

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
  putMember: (committeeId: string, userId: string, role: Role) =>
    putJson<Member>(`/api/committees/${enc(committeeId)}/members/${enc(userId)}`, { role }),
  removeMember: (api: ApiClient, committeeId: string, userId: string) =>
    api.delete(`/api/committees/${enc(committeeId)}/members/${enc(userId)}`),
};
