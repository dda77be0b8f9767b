import type { LoginRequest, LoginResponse, UpdateMe, User } from '@sidang/shared';
import type { ApiClient } from '../../../lib/api/api-client.ts';

export const authApi = {
  login: (api: ApiClient, body: LoginRequest) => api.post<LoginResponse>('/api/auth/login', body),
  /** Ends this session on the server: its tokens stop working on every instance. */
  logout: (api: ApiClient) => api.post<void>('/api/auth/logout'),
  /** Ends every session of the user, on every device. */
  logoutAll: (api: ApiClient) => api.post<void>('/api/auth/logout-all'),
  me: (api: ApiClient) => api.get<User>('/api/auth/me'),
  updateMe: (api: ApiClient, body: UpdateMe) => api.patch<User>('/api/auth/me', body),
};
