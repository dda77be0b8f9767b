import type {
  LoginRequest,
  LoginResponse,
  MfaChallenge,
  MfaStatus,
  MfaVerifyRequest,
  Passkey,
  PasskeyOptions,
  RecoveryCodes,
  SessionInfo,
  SsoConfig,
  TotpEnrolment,
  UpdateMe,
  User,
} from '@sidang/shared';
import type { ApiClient } from '../../../lib/api/api-client.ts';

export const authApi = {
  /** A session, or — for an account with a second factor — the challenge to complete with it. */
  login: (api: ApiClient, body: LoginRequest) => api.post<LoginResponse | MfaChallenge>('/api/auth/login', body),
  /** Completes a sign-in with an authenticator code or a recovery code. */
  verifyMfa: (api: ApiClient, body: MfaVerifyRequest) => api.post<LoginResponse>('/api/auth/mfa/verify', body),
  /** Whether single sign-on is configured (the button shows then). */
  sso: (api: ApiClient) => api.get<SsoConfig>('/api/auth/oidc'),
  /** Trades single sign-on's one-minute hand-off for a session. */
  completeSso: (api: ApiClient, handoff: string) => api.post<LoginResponse>('/api/auth/oidc/complete', { handoff }),
  /** Ends this session on the server: its tokens stop working on every instance. */
  logout: (api: ApiClient) => api.post<void>('/api/auth/logout'),
  /** Ends every session of the user, on every device. */
  logoutAll: (api: ApiClient) => api.post<void>('/api/auth/logout-all'),
  me: (api: ApiClient) => api.get<User>('/api/auth/me'),
  updateMe: (api: ApiClient, body: UpdateMe) => api.patch<User>('/api/auth/me', body),
  mfa: (api: ApiClient) => api.get<MfaStatus>('/api/auth/mfa'),
  beginTotp: (api: ApiClient) => api.post<TotpEnrolment>('/api/auth/mfa/totp'),
  confirmTotp: (api: ApiClient, code: string) => api.post<RecoveryCodes>('/api/auth/mfa/totp/confirm', { code }),
  removeTotp: (api: ApiClient) => api.delete('/api/auth/mfa/totp'),
  renewRecoveryCodes: (api: ApiClient) => api.post<RecoveryCodes>('/api/auth/mfa/recovery-codes'),
  stepUp: (api: ApiClient, code: string) => api.post<LoginResponse>('/api/auth/mfa/step-up', { code }),
  passkeyOptions: (api: ApiClient) => api.post<PasskeyOptions>('/api/auth/passkeys/options'),
  registerPasskey: (api: ApiClient, body: { challengeToken: string; name?: string; response: Record<string, unknown> }) =>
    api.post<Passkey>('/api/auth/passkeys', body),
  removePasskey: (api: ApiClient, id: string) => api.delete(`/api/auth/passkeys/${encodeURIComponent(id)}`),
  passkeySignInOptions: (api: ApiClient, mfaToken: string) => api.post<PasskeyOptions>('/api/auth/mfa/passkey/options', { mfaToken }),
  passkeySignIn: (api: ApiClient, body: { mfaToken: string; challengeToken: string; response: Record<string, unknown> }) =>
    api.post<LoginResponse>('/api/auth/mfa/passkey', body),
  sessions: (api: ApiClient) => api.get<SessionInfo[]>('/api/auth/sessions'),
  revokeSession: (api: ApiClient, id: string) => api.delete(`/api/auth/sessions/${encodeURIComponent(id)}`),
};
