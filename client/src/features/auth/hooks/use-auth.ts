import type { Locale, LoginRequest, LoginResponse, MfaChallenge, MfaVerifyRequest, User } from '@sidang/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../lib/api/api-context.tsx';
import { authStore, useAuthToken } from '../../../lib/auth/auth-store.ts';
import { currentLocale, isLocale, localeSaved, rememberLocale, setLocale, storedLocale, unsavedLocale } from '../../../lib/i18n/i18n.ts';
import { defaultPersistStorage, type PersistStorage, removePersistedQueryCache } from '../../../lib/offline/query-persistence.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { hasUnsentMinutes, loadDeviceDocs } from '../../minutes/index.ts';
import { authApi } from '../api/auth-api.ts';

// Loaded when needed: the minutes copies on the device are not part of the first screen.
const deviceDocs = loadDeviceDocs;

/** The signed-in user (GET /api/auth/me). */
export function useMe() {
  const api = useApi();
  const token = useAuthToken();
  const me = useQuery({
    queryKey: queryKeys.me,
    queryFn: () => authApi.me(api),
    enabled: token !== null,
    staleTime: 5 * 60_000,
  });
  // At start (and whenever the profile is read again): minutes kept on the device above the
  // user's clearance, lowered while the app was closed, go.
  const userId = me.data?.id;
  const clearance = me.data?.clearance;
  useEffect(() => {
    if (userId && clearance)
      void deviceDocs()
        .then((docs) => docs.forgetMinutesAbove(userId, clearance))
        .catch(() => undefined);
  }, [userId, clearance]);
  return me;
}

/** Starts the signed-in state from a new session's tokens (after the password, or its second factor). */
function useStartSession() {
  const api = useApi();
  const queryClient = useQueryClient();
  return async (response: LoginResponse) => {
    // Nothing of a previous session may show; the new user's own offline copy is restored.
    queryClient.clear();
    authStore.setSession(response);
    // The language chosen on this device before signing in is kept, and the profile follows
    // it; with no choice made here, the profile's language applies.
    const chosen = storedLocale();
    if (chosen && chosen !== response.user.locale) {
      queryClient.setQueryData<User>(queryKeys.me, { ...response.user, locale: chosen });
      authApi.updateMe(api, { locale: chosen }).then(
        (user) => {
          localeSaved(chosen);
          queryClient.setQueryData<User>(queryKeys.me, user);
        },
        () => undefined,
      );
      return;
    }
    queryClient.setQueryData<User>(queryKeys.me, response.user);
    if (isLocale(response.user.locale) && response.user.locale !== currentLocale()) await setLocale(response.user.locale);
  };
}

/** Whether a sign-in answered with a challenge for the second factor instead of a session. */
export function isMfaChallenge(response: LoginResponse | MfaChallenge): response is MfaChallenge {
  return 'mfaRequired' in response && response.mfaRequired === true;
}

/** Signs in with e-mail and password; an account with a second factor answers a challenge (no session yet). */
export function useLogin() {
  const api = useApi();
  const start = useStartSession();
  return useMutation({
    mutationFn: (body: LoginRequest) => authApi.login(api, body),
    onSuccess: async (response) => {
      if (!isMfaChallenge(response)) await start(response);
    },
  });
}

/** Completes a challenged sign-in with an authenticator code or a recovery code. */
export function useVerifyMfa() {
  const api = useApi();
  const start = useStartSession();
  return useMutation({
    mutationFn: (body: MfaVerifyRequest) => authApi.verifyMfa(api, body),
    onSuccess: (response) => start(response),
  });
}

/** Completes a challenged sign-in with a passkey: the browser asks the authenticator. */
export function usePasskeySignIn() {
  const api = useApi();
  const start = useStartSession();
  return useMutation({
    mutationFn: async (mfaToken: string) => {
      const { startAuthentication } = await import('@simplewebauthn/browser');
      const { challengeToken, options } = await authApi.passkeySignInOptions(api, mfaToken);
      const response = await startAuthentication({
        optionsJSON: options as unknown as Parameters<typeof startAuthentication>[0]['optionsJSON'],
      });
      return authApi.passkeySignIn(api, { mfaToken, challengeToken, response: response as unknown as Record<string, unknown> });
    },
    onSuccess: (response) => start(response),
  });
}

/** Whether single sign-on is configured: the sign-in page offers it then. */
export function useSsoConfig() {
  const api = useApi();
  return useQuery({ queryKey: ['sso'], queryFn: () => authApi.sso(api), staleTime: 10 * 60_000, retry: false });
}

/** Completes single sign-on: the provider's hand-off becomes a session. */
export function useCompleteSso() {
  const api = useApi();
  const start = useStartSession();
  return useMutation({ mutationFn: (handoff: string) => authApi.completeSso(api, handoff), onSuccess: (response) => start(response) });
}

/** Switches language at once; the server copy follows (a failure does not undo the switch). */
export function useChangeLocale() {
  const api = useApi();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: async (locale: Locale) => {
      await setLocale(locale);
      return authApi.updateMe(api, { locale });
    },
    onSuccess: (user, locale) => {
      localeSaved(locale);
      queryClient.setQueryData<User>(queryKeys.me, user);
    },
  });
  const { mutate } = change;
  /**
   * A language picked on screen: on the device at once (a reload straight after opens in it,
   * and it wins over the profile until the profile has it), then switched to and saved.
   */
  const choose = useCallback(
    (locale: Locale) => {
      rememberLocale(locale, { unsaved: true });
      mutate(locale);
    },
    [mutate],
  );
  return { ...change, choose };
}

/**
 * The profile's language applies once per signed-in load (another device may have changed it),
 * except while a language chosen on this device has not reached the profile (its save was cut
 * short by a reload, or failed): that one stays on screen and is saved again.
 */
export function useProfileLocale(savedLocale: string | undefined): void {
  const { choose } = useChangeLocale();
  useEffect(() => {
    if (!isLocale(savedLocale)) return;
    const unsaved = unsavedLocale();
    if (unsaved === savedLocale) localeSaved(unsaved);
    else if (unsaved) choose(unsaved);
    else if (savedLocale !== currentLocale()) void setLocale(savedLocale);
  }, [savedLocale, choose]);
}

/**
 * Signs out on this device: the server revokes the session (its tokens stop working everywhere),
 * and the token, in-memory cache and the user's offline copy all go. Offline, the local sign-out
 * still happens; the server's copy of the session then simply expires. Minutes text typed
 * offline and not yet sent is never dropped without a warning the user accepts.
 */
export function useSignOut(
  storage: PersistStorage | undefined = defaultPersistStorage(),
  confirm: (message: string) => boolean = (message) => globalThis.confirm(message),
) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  return () => {
    const userId = authStore.getUserId();
    // Minutes typed offline and not yet sent would go with the device copy: the user decides.
    if (hasUnsentMinutes(userId) && !confirm(t('minutes.unsentSignOut'))) return;
    // Sent with the token read now, before it is cleared below.
    if (authStore.getToken()) authApi.logout(api).catch(() => undefined);
    // Clearing the session first stops persistence, so clearing the cache is not saved.
    authStore.clear();
    queryClient.clear();
    if (storage) removePersistedQueryCache(storage, userId ?? undefined);
    void deviceDocs()
      .then((docs) => docs.forgetMinutesOnDevice(userId ?? undefined))
      .catch(() => undefined);
  };
}
