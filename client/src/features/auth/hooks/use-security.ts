import type { LoginResponse } from '@sidang/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../lib/api/api-context.tsx';
import { authStore, useAuthToken } from '../../../lib/auth/auth-store.ts';
import { refreshSession } from '../../../lib/auth/session-refresh.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { authApi } from '../api/auth-api.ts';

/** The caller's second factors and how the MFA policy serves this session (GET /api/auth/mfa). */
export function useMfaStatus() {
  const api = useApi();
  const token = useAuthToken();
  return useQuery({ queryKey: queryKeys.mfa, queryFn: () => authApi.mfa(api), enabled: token !== null, staleTime: 60_000 });
}

/** The caller's signed-in devices (GET /api/auth/sessions). */
export function useSessions() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.sessions, queryFn: () => authApi.sessions(api) });
}

/**
 * After the session gained a second factor: what it is served changes (records above the level
 * it was held below appear), so every cached answer is read again, and the new token reconnects
 * the live connection at the new level.
 */
function useSessionUpgraded() {
  const queryClient = useQueryClient();
  return async (response?: LoginResponse) => {
    // A new access token (from the answer, or a refresh) reconnects the live connection.
    if (response) authStore.setToken(response.accessToken, response.user.id);
    else await refreshSession().catch(() => false);
    await queryClient.invalidateQueries();
  };
}

export function useBeginTotp() {
  const api = useApi();
  return useMutation({ mutationFn: () => authApi.beginTotp(api) });
}

export function useConfirmTotp() {
  const api = useApi();
  const upgraded = useSessionUpgraded();
  return useMutation({ mutationFn: (code: string) => authApi.confirmTotp(api, code), onSuccess: () => upgraded() });
}

export function useRemoveTotp() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => authApi.removeTotp(api),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.mfa }),
  });
}

export function useRenewRecoveryCodes() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => authApi.renewRecoveryCodes(api),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.mfa }),
  });
}

export function useStepUp() {
  const api = useApi();
  const upgraded = useSessionUpgraded();
  return useMutation({ mutationFn: (code: string) => authApi.stepUp(api, code), onSuccess: (response) => upgraded(response) });
}

export function useRevokeSession() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => authApi.revokeSession(api, id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.sessions }),
  });
}

/** Creates a passkey on this device (the browser asks the authenticator) and keeps it. */
export function useAddPasskey() {
  const api = useApi();
  const upgraded = useSessionUpgraded();
  return useMutation({
    mutationFn: async (name: string) => {
      const { startRegistration } = await import('@simplewebauthn/browser');
      const { challengeToken, options } = await authApi.passkeyOptions(api);
      const response = await startRegistration({
        optionsJSON: options as unknown as Parameters<typeof startRegistration>[0]['optionsJSON'],
      });
      return authApi.registerPasskey(api, { challengeToken, name, response: response as unknown as Record<string, unknown> });
    },
    onSuccess: () => upgraded(),
  });
}

export function useRemovePasskey() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => authApi.removePasskey(api, id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.mfa }),
  });
}
