import { describe, expect, it } from '@jest/globals';
import { type AgendaItem, type Classification, type ProjectorView, VIEW_LEVEL_HEADER } from '@sidang/shared';
import { QueryClient } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { queryKeys } from '../../../lib/query-keys.ts';
import { COMMITTEE_ID, chairUser, jsonResponse } from '../../../test/fixtures.ts';
import { type Handler, renderWithApp } from '../../../test/render.tsx';
import type { LiveMeeting } from '../api/meetings-api.ts';
import { MEETING_ID, makeAgendaItem, makeMeeting } from '../test-fixtures.ts';
import { ProjectorPage } from './projector-page.tsx';

const ROUTE = '/c/:committeeId/meetings/:meetingId/projector';
const PATH = `/c/${COMMITTEE_ID}/meetings/${MEETING_ID}/projector`;

const agenda: AgendaItem[] = [
  makeAgendaItem({ title: 'Opening', number: '1', position: 0, classification: 'OPEN' }),
  makeAgendaItem({ title: 'Export permits', number: '2', position: 1, classification: 'RESTRICTED' }),
  makeAgendaItem({ title: 'Offtake terms', number: '3', position: 2, classification: 'CONFIDENTIAL' }),
];

/**
 * A server that answers by the view level the request asks for: the agenda holds only the
 * items up to it, and the SECRET current item is withheld below SECRET, as the API does.
 */
function serve(defaultViewLevel: Classification, seen: Array<{ url: string; level: string | undefined }>): Handler {
  const rank = ['OPEN', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET'];
  return ({ url }, init) => {
    const level = (init?.headers as Record<string, string> | undefined)?.[VIEW_LEVEL_HEADER];
    seen.push({ url, level });
    const at = rank.indexOf(level ?? 'SECRET');
    if (url === `/api/meetings/${MEETING_ID}/projector`) {
      return jsonResponse(200, { meetingId: MEETING_ID, defaultViewLevel, basis: 'in-room' } satisfies ProjectorView);
    }
    if (url === `/api/meetings/${MEETING_ID}`) {
      const meeting: LiveMeeting = makeMeeting({
        status: 'in_progress',
        currentAgendaItemId: null,
        currentItemStartedAt: null,
        currentItemRestricted: true,
        redactedFields: ['currentAgendaItemId', 'currentItemStartedAt'],
      });
      return jsonResponse(200, meeting);
    }
    if (url === `/api/meetings/${MEETING_ID}/agenda-items`) {
      return jsonResponse(
        200,
        agenda.filter((item) => rank.indexOf(item.classification) <= at),
      );
    }
    return jsonResponse(404, { statusCode: 404, message: 'Not found' });
  };
}

function withMe(): QueryClient {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  queryClient.setQueryData(queryKeys.me, chairUser);
  return queryClient;
}

describe(ProjectorPage.name, () => {
  it("should open at the lowest clearance in the room, not the opener's, and mark every item", async () => {
    const seen: Array<{ url: string; level: string | undefined }> = [];
    renderWithApp(<ProjectorPage />, { route: ROUTE, path: PATH, handler: serve('CONFIDENTIAL', seen), queryClient: withMe() });

    const list = await screen.findByTestId('agenda');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    // Every item carries its marking, Open included.
    const markings = within(list)
      .getAllByRole('listitem')
      .map((row) => row.querySelector('[data-level]')?.getAttribute('data-level'));
    expect(markings).toEqual(['OPEN', 'RESTRICTED', 'CONFIDENTIAL']);

    // The chooser starts at the room's level and offers up to the opener's own clearance.
    const chooser = screen.getByTestId('projector-level') as HTMLSelectElement;
    expect(chooser.value).toBe('CONFIDENTIAL');
    expect([...chooser.options].map((option) => option.value)).toEqual(['OPEN', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET']);
    expect(screen.getByRole('option', { name: /lowest in the room/ })).toHaveProperty('value', 'CONFIDENTIAL');

    // A current item above that level: said, without crashing on the null pointer.
    expect(screen.getByTestId('live-now').textContent).toBe('A restricted item is being discussed');
    expect(screen.queryByTestId('item-timer')).toBeNull();

    // What the room sees is asked for at the chosen level; only the default is asked at the opener's.
    const shown = seen.filter(({ url }) => !url.endsWith('/projector'));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every(({ level }) => level === 'CONFIDENTIAL')).toBe(true);
    expect(seen.find(({ url }) => url.endsWith('/projector'))?.level).toBeUndefined();
  });

  it('should serve everything again at a lower level the opener chooses', async () => {
    const seen: Array<{ url: string; level: string | undefined }> = [];
    renderWithApp(<ProjectorPage />, { route: ROUTE, path: PATH, handler: serve('CONFIDENTIAL', seen), queryClient: withMe() });
    const list = await screen.findByTestId('agenda');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));

    await userEvent.selectOptions(screen.getByTestId('projector-level'), 'OPEN');

    await waitFor(() => expect(within(screen.getByTestId('agenda')).getAllByRole('listitem')).toHaveLength(1));
    expect(screen.getByTestId('agenda').textContent).toContain('Opening');
    expect(screen.getByTestId('agenda').textContent).not.toContain('Offtake terms');
    expect(seen.filter(({ url, level }) => url.endsWith('/agenda-items') && level === 'OPEN')).toHaveLength(1);
    expect((screen.getByTestId('projector-level') as HTMLSelectElement).value).toBe('OPEN');
  });
});
