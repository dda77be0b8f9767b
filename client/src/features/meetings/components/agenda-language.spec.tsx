import { afterEach, describe, expect, it } from '@jest/globals';
import type { CommitteeSettings } from '@sidang/shared';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setLocale } from '../../../lib/i18n/i18n.ts';
import { COMMITTEE_ID, committee, jsonResponse } from '../../../test/fixtures.ts';
import { type Handler, renderWithApp } from '../../../test/render.tsx';
import { makeSettings, serveSettings } from '../test-fixtures.ts';
import { MeetingsPage } from './meetings-page.tsx';

const ROUTE = '/c/:committeeId/meetings';
const PATH = `/c/${COMMITTEE_ID}/meetings?new=1`;

const settingsOf = (overrides: Partial<CommitteeSettings> = {}) => makeSettings({ version: 4, ...overrides });

/** The meetings page of a chair with the new-meeting form open; `settings` answers the committee's settings. */
function serve(settings: Handler, patch?: Handler): Handler {
  return serveSettings(settings, patch, (call) => {
    if (call.url === `/api/committees/${COMMITTEE_ID}`) return jsonResponse(200, { ...committee, role: 'chair' });
    if (call.method === 'GET' && call.url.startsWith(`/api/committees/${COMMITTEE_ID}/meetings?when=`)) return jsonResponse(200, []);
    return undefined;
  });
}

describe('the committee language of the standard items, with the new meeting form', () => {
  afterEach(async () => {
    await act(() => setLocale('en'));
  });

  it('should show Bahasa Malaysia by default and save English for the committee from the version it read, by keyboard', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithApp(<MeetingsPage />, {
      route: ROUTE,
      path: PATH,
      handler: serve(
        () => jsonResponse(200, settingsOf()),
        ({ body }) => jsonResponse(200, settingsOf({ ...(body as object), version: 5 })),
      ),
    });
    const group = await screen.findByRole('group', { name: 'Language of the standard items' });
    expect(group).toHaveAccessibleDescription("A committee setting: every new meeting's standard items follow it.");
    const malay = screen.getByRole('radio', { name: 'Bahasa Malaysia' });
    expect(malay).toBeChecked();
    // Keyboard: into the group, then the arrow to the next option picks it.
    malay.focus();
    await user.keyboard('{ArrowRight}');
    await waitFor(() => expect(group).toHaveTextContent('Saved for the committee.'));
    expect(screen.getByRole('radio', { name: 'English' })).toBeChecked();
    expect(calls.filter((call) => call.method === 'PATCH').map((call) => call.body)).toEqual([{ version: 4, agendaLanguage: 'en' }]);
    // Not offered once the standard items are not wanted.
    await user.click(screen.getByRole('checkbox', { name: /standard items/ }));
    expect(screen.queryByRole('group', { name: 'Language of the standard items' })).not.toBeInTheDocument();
  });

  it('should say so in Bahasa Malaysia when another change came first, and show the language in force', async () => {
    await act(() => setLocale('ms'));
    let stored = settingsOf();
    const user = userEvent.setup();
    renderWithApp(<MeetingsPage />, {
      route: ROUTE,
      path: PATH,
      handler: serve(
        () => jsonResponse(200, stored),
        () => {
          // Meanwhile someone else set English: the version sent is stale.
          stored = settingsOf({ agendaLanguage: 'en', version: 5 });
          return jsonResponse(409, { statusCode: 409, code: 'stale_version', message: 'stale', current: stored });
        },
      ),
    });
    const group = await screen.findByRole('group', { name: 'Bahasa perkara standard' });
    expect(group).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Bahasa Inggeris' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Seseorang telah menukar tetapan itu; bahasa yang berkuat kuasa dipaparkan.',
    );
    await waitFor(() => expect(screen.getByRole('radio', { name: 'Bahasa Inggeris' })).toBeChecked());
  });

  it('should say it is loading, and offer a retry when the settings cannot be read', async () => {
    let fail = true;
    const user = userEvent.setup();
    renderWithApp(<MeetingsPage />, {
      route: ROUTE,
      path: PATH,
      handler: serve(() =>
        fail ? jsonResponse(500, { statusCode: 500, code: 'internal', message: 'down' }) : jsonResponse(200, settingsOf()),
      ),
    });
    expect(await screen.findByText('Loading the committee settings…')).toBeInTheDocument();
    expect(await screen.findByText('The committee settings could not be loaded.')).toBeInTheDocument();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('radio', { name: 'Bahasa Malaysia' })).toBeChecked();
  });
});
