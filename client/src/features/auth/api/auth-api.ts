import type { LoginRequest, LoginResponse, UpdateMe, User } from '@sidang/shared';
import type { ApiClient } from '../../../lib/api/api-client.ts';

export const authApi = {
  login: (api: ApiClient, body: LoginRequest) => api.post<LoginResponse>('/api/auth/login', body),
  me: (api: ApiClient) => api.get<User>('/api/auth/me'),
  updateMe: (api: ApiClient, body: UpdateMe) => api.patch<User>('/api/auth/me', body),
};
