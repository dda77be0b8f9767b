import { afterEach, describe, expect, it } from '@jest/globals';
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { authStore } from '../../../lib/auth/auth-store.ts';
import { setLocale } from '../../../lib/i18n/i18n.ts';
import { jsonResponse } from '../../../test/fixtures.ts';
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
    authStore.clear();
    await act(() => setLocale('en'));
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
});
