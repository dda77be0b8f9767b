import { afterEach, describe, expect, it } from '@jest/globals';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { authStore } from '../../../lib/auth/auth-store.ts';
import { i18n, LOCALE_STORAGE_KEY, setLocale } from '../../../lib/i18n/i18n.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { chairUser, jsonResponse } from '../../../test/fixtures.ts';
import type { Handler } from '../../../test/render.tsx';
import { renderWithApp } from '../../../test/render.tsx';
import { LoginPage } from './login-page.tsx';

const refused = () =>
  jsonResponse(429, {
    statusCode: 429,
    code: 'rate_limited',
    message: 'Too many sign-in attempts from this address; wait 42 seconds and try again',
    retryAfter: 42,
  });

async function signIn() {
  await userEvent.type(screen.getByLabelText(/e-?mel|e-?mail/i), 'chair@demo.sidang.my');
  await userEvent.type(screen.getByLabelText(/password|kata laluan/i), 'wrong');
  await userEvent.click(screen.getByRole('button', { name: /sign in|log masuk/i }));
}

describe(LoginPage.name, () => {
  afterEach(async () => {
    act(() => authStore.clear());
    await act(() => setLocale('en'));
    localStorage.removeItem(LOCALE_STORAGE_KEY);
  });

  it('should say how long to wait after too many attempts, in English', async () => {
    await act(() => setLocale('en'));
    renderWithApp(<LoginPage />, { handler: refused, path: '/login' });
    await signIn();
    expect(await screen.findByTestId('login-error')).toHaveTextContent('Too many sign-in attempts. Wait 42 seconds and try again.');
  });

  it('should say how long to wait after too many attempts, in Bahasa Malaysia', async () => {
    await act(() => setLocale('ms'));
    renderWithApp(<LoginPage />, { handler: refused, path: '/login' });
    await signIn();
    expect(await screen.findByTestId('login-error')).toHaveTextContent('Terlalu banyak cubaan log masuk. Tunggu 42 saat dan cuba lagi.');
  });

  it('should not send an empty form: it names what is missing and puts the cursor there', async () => {
    const { calls } = renderWithApp(<LoginPage />, { path: '/login' });
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter your e-mail and password.');
    expect(screen.getByLabelText('E-mail')).toHaveFocus();
    expect(screen.getByLabelText('E-mail')).toHaveAttribute('aria-invalid', 'true');

    await userEvent.type(screen.getByLabelText('E-mail'), 'chair@demo.sidang.my');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByLabelText('Password')).toHaveFocus();
    // Nothing is sent but the question whether single sign-on is offered.
    expect(calls.filter((call) => call.url !== '/api/auth/oidc')).toEqual([]);
  });

  it('should ask for the second factor after a right password of an account that has one, and sign in with the code', async () => {
    await act(() => setLocale('en'));
    const handler: Handler = ({ method, url }) => {
      if (method === 'POST' && url === '/api/auth/login')
        return jsonResponse(200, { mfaRequired: true, mfaToken: 'mfa-token', methods: ['totp', 'recovery'] });
      if (method === 'POST' && url === '/api/auth/mfa/verify')
        return jsonResponse(200, { accessToken: 'new-token', expiresAt: '2099-01-01T00:00:00.000Z', user: chairUser });
      return jsonResponse(404, { statusCode: 404, code: 'not_found', message: 'Not found' });
    };
    const { calls } = renderWithApp(<LoginPage />, { handler, path: '/login' });
    await signIn();
    expect(authStore.getToken()).toBeNull();
    await userEvent.type(await screen.findByLabelText('Code'), '123456');
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(authStore.getToken()).toBe('new-token'));
    expect(calls).toContainEqual({ method: 'POST', url: '/api/auth/mfa/verify', body: { mfaToken: 'mfa-token', code: '123456' } });
  });

  it('should offer single sign-on only when it is configured, and say why it was refused', async () => {
    await act(() => setLocale('en'));
    const handler: Handler = ({ url }) =>
      url === '/api/auth/oidc'
        ? jsonResponse(200, { oidc: true })
        : jsonResponse(404, { statusCode: 404, code: 'not_found', message: 'x' });
    renderWithApp(<LoginPage />, { handler, path: '/login?sso_error=unverified' });
    expect(await screen.findByTestId('login-sso')).toHaveAttribute('href', '/api/auth/oidc/start');
    expect(screen.getByTestId('login-error')).toHaveTextContent('did not confirm your e-mail');
  });

  it('should not offer single sign-on when it is not configured', async () => {
    const handler: Handler = ({ url }) =>
      url === '/api/auth/oidc'
        ? jsonResponse(200, { oidc: false })
        : jsonResponse(404, { statusCode: 404, code: 'not_found', message: 'x' });
    const { calls } = renderWithApp(<LoginPage />, { handler, path: '/login' });
    await waitFor(() => expect(calls).toContainEqual({ method: 'GET', url: '/api/auth/oidc', body: undefined }));
    expect(screen.queryByTestId('login-sso')).toBeNull();
  });

  it('should not show demo accounts or a password', () => {
    const { container } = renderWithApp(<LoginPage />, { path: '/login' });
    expect(container).not.toHaveTextContent(/demo\.sidang\.my|sidang-demo/);
  });

  it('should keep the language chosen before signing in, and save it to the profile', async () => {
    const signedIn: Handler = ({ method, url, body }) => {
      if (method === 'POST' && url === '/api/auth/login') {
        return jsonResponse(200, { accessToken: 'new-token', expiresAt: '2099-01-01T00:00:00.000Z', user: chairUser });
      }
      if (method === 'PATCH' && url === '/api/auth/me') return jsonResponse(200, { ...chairUser, ...(body as object) });
      return jsonResponse(404, { statusCode: 404, message: 'Not found' });
    };
    const { calls, queryClient } = renderWithApp(<LoginPage />, { handler: signedIn, path: '/login' });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'ms');
    await waitFor(() => expect(i18n.language).toBe('ms'));

    await userEvent.type(screen.getByLabelText('E-mel'), 'chair@demo.sidang.my');
    await userEvent.type(screen.getByLabelText('Kata laluan'), 'sidang-demo');
    await userEvent.click(screen.getByRole('button', { name: 'Log masuk' }));

    // The profile said English; the choice made on the sign-in page stays, and the profile follows.
    await waitFor(() => expect(calls).toContainEqual({ method: 'PATCH', url: '/api/auth/me', body: { locale: 'ms' } }));
    expect(i18n.language).toBe('ms');
    expect(queryClient.getQueryData(queryKeys.me)).toMatchObject({ locale: 'ms' });
  });

  it("should take the profile's language when none was chosen on this device", async () => {
    localStorage.removeItem(LOCALE_STORAGE_KEY);
    const signedIn: Handler = ({ method, url }) =>
      method === 'POST' && url === '/api/auth/login'
        ? jsonResponse(200, { accessToken: 'new-token', expiresAt: '2099-01-01T00:00:00.000Z', user: { ...chairUser, locale: 'ms' } })
        : jsonResponse(404, { statusCode: 404, message: 'Not found' });
    const { calls } = renderWithApp(<LoginPage />, { handler: signedIn, path: '/login' });
    await userEvent.type(screen.getByLabelText('E-mail'), 'chair@demo.sidang.my');
    await userEvent.type(screen.getByLabelText('Password'), 'sidang-demo');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(i18n.language).toBe('ms'));
    expect(calls.filter((call) => call.method === 'PATCH')).toEqual([]);
  });
});
