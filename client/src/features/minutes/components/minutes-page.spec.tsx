import { describe, expect, it } from '@jest/globals';
import type { Attendance, Minutes } from '@sidang/shared';
import { QueryClient } from '@tanstack/react-query';
import { screen, within } from '@testing-library/react';
import { queryKeys } from '../../../lib/query-keys.ts';
import { COMMITTEE_ID, committee, jsonResponse, makeActionItem, memberUser, uuid } from '../../../test/fixtures.ts';
import { type Handler, renderWithApp } from '../../../test/render.tsx';
import { makeMeeting } from '../../meetings/test-fixtures.ts';
import { MINUTES_MEETING_ID, makeMinutesRecord, makeSection } from '../test-fixtures.ts';
import { caretColour, MinutesPage } from './minutes-page.tsx';

const action = makeActionItem({ title: 'Validate the resource estimate' });
const sections = [
  makeSection({
    number: '2',
    title: 'Papers',
    text: 'JMG presented the resource estimate.',
    actionLine: { kind: 'action', agencies: ['JMG', 'NRES'], actionItemIds: [action.id] },
  }),
  makeSection({ number: '1', title: 'Opening', text: 'The chair welcomed the members.', actionLine: { kind: 'information' } }),
];
const minutes: Minutes = { ...makeMinutesRecord({ status: 'circulated', version: 3 }), text: '', sections };
const person = (name: string, role: string, status: Attendance['attendees'][number]['status']) => ({
  userId: uuid(),
  name,
  agency: 'MITI',
  role,
  status,
});
const attendance: Attendance = {
  id: MINUTES_MEETING_ID,
  meetingId: MINUTES_MEETING_ID,
  committeeId: COMMITTEE_ID,
  attendees: [
    person('Ahli Satu', 'member', 'present'),
    person('Pengerusi', 'chair', 'present'),
    person('Urus Setia', 'secretariat', 'present'),
    person('Ahli Dua', 'member', 'apologies'),
  ],
  guests: [],
  frozen: false,
  invitations: [],
  remindedAt: null,
  quorum: { required: 2, present: 3, met: true, voting: 3, counts: 'members' },
  currentItemQuorum: null,
  classification: 'OPEN',
  version: 1,
};

function handler(role: 'member' | 'chair', found = true, body: Minutes = minutes): Handler {
  return ({ url }) => {
    if (url === '/api/auth/me') return jsonResponse(200, memberUser);
    if (url === `/api/committees/${COMMITTEE_ID}`) return jsonResponse(200, { ...committee, role });
    if (url === `/api/meetings/${MINUTES_MEETING_ID}`) return jsonResponse(200, makeMeeting({ id: MINUTES_MEETING_ID }));
    if (url === `/api/meetings/${MINUTES_MEETING_ID}/attendance`) return jsonResponse(200, attendance);
    if (url === `/api/meetings/${MINUTES_MEETING_ID}/minutes`)
      return found ? jsonResponse(200, body) : jsonResponse(404, { statusCode: 404, message: 'Not found' });
    if (url.startsWith(`/api/committees/${COMMITTEE_ID}/action-items`)) return jsonResponse(200, [action]);
    if (url.endsWith('/comments')) return jsonResponse(200, []);
    if (url.endsWith('/versions')) return jsonResponse(200, []);
    return jsonResponse(404, { statusCode: 404, message: 'Not found' });
  };
}

/** The signed-in user, as the app shell has it by the time the page shows. */
function signedIn(): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  client.setQueryData(queryKeys.me, memberUser);
  return client;
}

const route = { route: '/c/:committeeId/meetings/:meetingId/minutes', path: `/c/${COMMITTEE_ID}/meetings/${MINUTES_MEETING_ID}/minutes` };

describe(MinutesPage.name, () => {
  it('should show the house header, the attendance blocks and the sections in agenda order with their action lines', async () => {
    renderWithApp(<MinutesPage />, { ...route, handler: handler('member'), queryClient: signedIn() });
    await screen.findByTestId('minutes-page');
    const header = await screen.findByTestId('minutes-header');
    expect(within(header).getByTestId('minutes-number')).toHaveTextContent('3/2026');
    expect(header).toHaveTextContent('Bilik Mesyuarat Utama, MITI');
    expect(header).toHaveTextContent('09:30–12:30');

    const present = await screen.findByTestId('attendance-present');
    expect(
      within(present)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Pengerusi (MITI) (Chair)', 'Ahli Satu (MITI)']);
    expect(screen.getByTestId('attendance-apologies')).toHaveTextContent('Ahli Dua');
    expect(screen.getByTestId('attendance-secretariat')).toHaveTextContent('Urus Setia');

    const shown = await screen.findAllByTestId('minutes-section');
    expect(shown.map((section) => section.querySelector('h3')?.textContent)).toEqual(['1. Opening', '2. Papers']);
    expect(shown[0]).toHaveTextContent('The chair welcomed the members.');
    expect(shown[0]).toHaveTextContent('Action: For information');
    expect(shown[1]).toHaveTextContent('Action: JMG, NRES');
    expect(await within(shown[1] as HTMLElement).findByRole('link', { name: 'Validate the resource estimate' })).toHaveAttribute(
      'href',
      `/c/${COMMITTEE_ID}/actions/${action.id}`,
    );
  });

  it('should give a member the circulated minutes to comment on, with no workflow steps and no action line editor', async () => {
    renderWithApp(<MinutesPage />, { ...route, handler: handler('member'), queryClient: signedIn() });
    await screen.findByTestId('minutes-page');
    expect(screen.getByTestId('minutes-status')).toHaveAttribute('data-status', 'circulated');
    expect(screen.queryByTestId('minutes-to-confirmed')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Action line' })).toBeNull();
    expect(await screen.findByTestId('comments-panel')).toBeInTheDocument();
    // "Comment on selection" belongs to a selection: none is shown, greyed or not, before one.
    expect(screen.queryByTestId('comment-on-selection')).toBeNull();
    expect(screen.queryByText('Select a passage first.')).toBeNull();
  });

  it('should offer the chair the next steps and the PDF', async () => {
    renderWithApp(<MinutesPage />, { ...route, handler: handler('chair'), queryClient: signedIn() });
    await screen.findByTestId('minutes-page');
    expect(await screen.findByTestId('minutes-to-confirmed')).toBeInTheDocument();
    expect(screen.getByTestId('minutes-to-draft')).toBeInTheDocument();
    expect(screen.getByTestId('minutes-pdf')).toBeInTheDocument();
  });

  it('should show the save state to an editor of a draft, and no save label at all to a reader', async () => {
    const draft: Minutes = { ...minutes, ...makeMinutesRecord({ status: 'draft', version: 3 }), text: '', sections };
    const editor = renderWithApp(<MinutesPage />, { ...route, handler: handler('chair', true, draft), queryClient: signedIn() });
    expect(await screen.findAllByTestId('section-sync')).toHaveLength(2);
    editor.unmount();

    renderWithApp(<MinutesPage />, { ...route, handler: handler('member', true, draft), queryClient: signedIn() });
    expect(await screen.findAllByTestId('minutes-section')).toHaveLength(2);
    expect(screen.queryByTestId('section-sync')).toBeNull();
  });

  it('should say so when there are no minutes the reader may see', async () => {
    renderWithApp(<MinutesPage />, { ...route, handler: handler('member', false) });
    expect(await screen.findByText(/There are no minutes for this meeting/)).toBeInTheDocument();
  });
});

describe('caret colours', () => {
  /** WCAG relative luminance of a #rrggbb colour. */
  function luminance(hex: string): number {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  }

  it('should give every person a stable colour that carries white name text at AA contrast', () => {
    const colours = new Set(Array.from({ length: 200 }, (_, i) => caretColour(`user-${i}`)));
    expect(colours.size).toBeGreaterThan(4);
    for (const colour of colours) expect(1.05 / (luminance(colour) + 0.05)).toBeGreaterThanOrEqual(4.5);
    expect(caretColour('same-user')).toBe(caretColour('same-user'));
  });
});
