import { afterEach, describe, expect, it } from '@jest/globals';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { i18n, LOCALE_STORAGE_KEY, setLocale } from '../../../lib/i18n/i18n.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { chairUser, jsonResponse } from '../../../test/fixtures.ts';
import { renderWithApp } from '../../../test/render.tsx';
import { LanguageSwitch } from './language-switch.tsx';

describe(LanguageSwitch.name, () => {
  afterEach(async () => {
    await act(() => setLocale('en'));
  });

  it('should switch the UI language at once and save it to the profile', async () => {
    const user = userEvent.setup();
    const { calls, queryClient } = renderWithApp(<LanguageSwitch />, {
      handler: ({ body }) => jsonResponse(200, { ...chairUser, ...(body as object) }),
    });
    const select = screen.getByRole('combobox', { name: 'Language' });
    expect(select).toHaveValue('en');

    await user.selectOptions(select, 'ms');

    await waitFor(() => expect(i18n.language).toBe('ms'));
    expect(document.documentElement.lang).toBe('ms');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('ms');
    // The label follows the language.
    expect(screen.getByRole('combobox', { name: 'Bahasa' })).toHaveValue('ms');
    await waitFor(() => expect(calls).toEqual([{ method: 'PATCH', url: '/api/auth/me', body: { locale: 'ms' } }]));
    await waitFor(() => expect(queryClient.getQueryData(queryKeys.me)).toMatchObject({ locale: 'ms' }));
  });

  it('should keep the switch when saving to the profile fails', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithApp(<LanguageSwitch />, { handler: () => jsonResponse(500, { statusCode: 500, message: 'down' }) });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'ms');
    await waitFor(() => expect(calls).toHaveLength(1));
    await waitFor(() => expect(i18n.language).toBe('ms'));
  });

  it('should not call the API on the sign-in page', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithApp(<LanguageSwitch persist={false} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'ms');
    await waitFor(() => expect(i18n.language).toBe('ms'));
    expect(calls).toHaveLength(0);
  });

  it('should name each language in itself: English and Bahasa Malaysia, whatever the UI language', async () => {
    renderWithApp(<LanguageSwitch persist={false} />);
    const names = () => screen.getAllByRole('option').map((option) => option.textContent);
    expect(names()).toEqual(['English', 'Bahasa Malaysia']);
    await act(() => setLocale('ms'));
    expect(names()).toEqual(['English', 'Bahasa Malaysia']);
  });
});
