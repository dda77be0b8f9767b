import { describe, expect, it } from '@jest/globals';
import { NOTIFICATION_KINDS, type NotificationPreferences } from '@sidang/shared';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { i18n } from '../../../lib/i18n/i18n.ts';
import { jsonResponse } from '../../../test/fixtures.ts';
import { notFound, renderWithApp } from '../../../test/render.tsx';
import { NotificationPreferencesPage } from './notification-preferences-page.tsx';

const PATH = '/api/me/notification-preferences';
const saved = (): NotificationPreferences => ({
  kinds: Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, 'in-app'])) as NotificationPreferences['kinds'],
});

describe(NotificationPreferencesPage.name, () => {
  it('should show every kind with its delivery, grouped, and save only what changed', async () => {
    let stored = saved();
    const { calls } = renderWithApp(<NotificationPreferencesPage />, {
      handler: (call) => {
        if (call.url !== PATH) return notFound(call);
        if (call.method === 'PUT') stored = { kinds: { ...stored.kinds, ...(call.body as NotificationPreferences).kinds } };
        return jsonResponse(200, stored);
      },
    });
    expect(screen.getByRole('status')).toHaveTextContent('Loading…');
    const assigned = await screen.findByRole('combobox', { name: 'An action assigned to me' });
    expect(screen.getAllByRole('combobox')).toHaveLength(NOTIFICATION_KINDS.length);
    expect(within(screen.getByRole('group', { name: 'My actions' })).getAllByRole('combobox')).toHaveLength(4);
    expect(
      within(assigned)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['In the app only', 'E-mail at once', 'Daily e-mail digest', 'Off']);

    await userEvent.selectOptions(assigned, 'email');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'A record I follow changed' }), 'off');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Your notification settings are saved.')).toBeInTheDocument();
    expect(calls.filter((call) => call.method === 'PUT').map((call) => call.body)).toEqual([
      { kinds: { 'action.assigned': 'email', 'record.changed': 'off' } },
    ]);
    expect(assigned).toHaveValue('email');

    // Undo goes back to what is saved.
    await userEvent.selectOptions(assigned, 'digest');
    await userEvent.click(screen.getByRole('button', { name: 'Undo changes' }));
    expect(assigned).toHaveValue('email');
  });

  it('should name a refused setting, and offer a retry when the settings cannot be read', async () => {
    let reads = 0;
    renderWithApp(<NotificationPreferencesPage />, {
      handler: (call) => {
        if (call.method === 'GET') {
          reads += 1;
          return reads === 1 ? jsonResponse(500, { statusCode: 500, message: 'down' }) : jsonResponse(200, saved());
        }
        return jsonResponse(400, {
          statusCode: 400,
          code: 'validation_failed',
          message: 'Invalid',
          issues: [{ field: 'kinds', code: 'invalid_value', message: 'Invalid option' }],
        });
      },
    });
    expect(await screen.findByText('Your notification settings could not be loaded.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'I am mentioned' }), 'digest');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Check the settings marked below.'));
  });

  it('should speak Malay', async () => {
    await i18n.changeLanguage('ms');
    try {
      renderWithApp(<NotificationPreferencesPage />, { handler: () => jsonResponse(200, saved()) });
      expect(await screen.findByRole('heading', { name: 'Tetapan pemberitahuan' })).toBeInTheDocument();
      expect(await screen.findByRole('combobox', { name: 'Tindakan yang diberikan kepada saya' })).toHaveDisplayValue(
        'Dalam aplikasi sahaja',
      );
    } finally {
      await act(() => i18n.changeLanguage('en'));
    }
  });
});
