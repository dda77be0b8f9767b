import { afterEach, describe, expect, it } from '@jest/globals';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { authStore } from '../../../lib/auth/auth-store.ts';
import { i18n, LOCALE_STORAGE_KEY, rememberLocale, setLocale, unsavedLocale } from '../../../lib/i18n/i18n.ts';
import { persistKeyFor } from '../../../lib/offline/query-persistence.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { CHAIR_ID, chairUser, jsonResponse, MEMBER_ID } from '../../../test/fixtures.ts';
import { renderWithApp } from '../../../test/render.tsx';
import { markUnsent, rememberDeviceDoc } from '../../minutes/collab/device-docs.ts';
import { useProfileLocale, useSignOut } from './use-auth.ts';

function SignOutButton({ confirm }: { confirm?: (message: string) => boolean }) {
  const signOut = useSignOut(undefined, confirm);
  return (
    <button type="button" onClick={signOut}>
      sign out
    </button>
  );
}

describe(useSignOut.name, () => {
  afterEach(() => {
    authStore.clear();
    localStorage.clear();
  });

  it('should clear the token, the in-memory cache and this user offline copy, and only theirs', async () => {
    authStore.setToken('chair-token', CHAIR_ID);
    localStorage.setItem(persistKeyFor(CHAIR_ID), '{"chair":true}');
    localStorage.setItem(persistKeyFor(MEMBER_ID), '{"member":true}');
    const { queryClient, calls } = renderWithApp(<SignOutButton />);
    queryClient.setQueryData(queryKeys.me, chairUser);

    await userEvent.click(screen.getByRole('button', { name: 'sign out' }));

    expect(calls).toEqual(expect.arrayContaining([expect.objectContaining({ method: 'POST', url: '/api/auth/logout' })]));
    expect(authStore.getToken()).toBeNull();
    expect(authStore.getUserId()).toBeNull();
    expect(localStorage.getItem('sidang.token')).toBeNull();
    expect(queryClient.getQueryData(queryKeys.me)).toBeUndefined();
    expect(localStorage.getItem(persistKeyFor(CHAIR_ID))).toBeNull();
    // Another user's copy on this browser is theirs to keep; it is never shown to anyone else.
    expect(localStorage.getItem(persistKeyFor(MEMBER_ID))).toBe('{"member":true}');
  });

  it('should warn before signing out when minutes typed offline are unsent, and stay signed in if declined', async () => {
    authStore.setToken('chair-token', CHAIR_ID);
    rememberDeviceDoc(CHAIR_ID, { sectionId: 's1', committeeId: 'c1', meetingId: 'm1', classification: 'OPEN' });
    markUnsent(CHAIR_ID, 's1', true);
    const asked: string[] = [];
    let answer = false;
    const { calls } = renderWithApp(
      <SignOutButton
        confirm={(message) => {
          asked.push(message);
          return answer;
        }}
      />,
    );

    await userEvent.click(screen.getByRole('button', { name: 'sign out' }));
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/offline|luar talian/);
    expect(authStore.getToken()).toBe('chair-token');
    expect(calls.some((call) => call.url === '/api/auth/logout')).toBe(false);

    answer = true;
    await userEvent.click(screen.getByRole('button', { name: 'sign out' }));
    expect(asked).toHaveLength(2);
    expect(authStore.getToken()).toBeNull();
  });

  it('should sign out without asking when nothing is unsent', async () => {
    authStore.setToken('chair-token', CHAIR_ID);
    rememberDeviceDoc(CHAIR_ID, { sectionId: 's1', committeeId: 'c1', meetingId: 'm1', classification: 'OPEN' });
    const asked: string[] = [];
    renderWithApp(<SignOutButton confirm={(message) => asked.push(message) > 0} />);
    await userEvent.click(screen.getByRole('button', { name: 'sign out' }));
    expect(asked).toEqual([]);
    expect(authStore.getToken()).toBeNull();
  });
});

function ProfileLocale({ saved }: { saved: string }) {
  useProfileLocale(saved);
  return null;
}

describe(useProfileLocale.name, () => {
  afterEach(async () => {
    await act(() => setLocale('en'));
    localStorage.clear();
  });

  it('should keep a language chosen on this device whose save was cut short over the profile, and save it again', async () => {
    await act(() => setLocale('ms'));
    rememberLocale('ms', { unsaved: true });
    const { calls, queryClient } = renderWithApp(<ProfileLocale saved="en" />, {
      handler: ({ body }) => jsonResponse(200, { ...chairUser, ...(body as object) }),
    });
    await waitFor(() => expect(calls).toEqual([{ method: 'PATCH', url: '/api/auth/me', body: { locale: 'ms' } }]));
    await waitFor(() => expect(unsavedLocale()).toBeNull());
    expect(i18n.language).toBe('ms');
    expect(queryClient.getQueryData(queryKeys.me)).toMatchObject({ locale: 'ms' });
  });

  it('should switch to the profile language when no choice made here is waiting (another device changed it)', async () => {
    const { calls } = renderWithApp(<ProfileLocale saved="ms" />);
    await waitFor(() => expect(i18n.language).toBe('ms'));
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('ms');
    expect(calls).toEqual([]);
  });
});
