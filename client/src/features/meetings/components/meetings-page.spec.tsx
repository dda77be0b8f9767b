import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { COMMITTEE_ID, committee, jsonResponse } from '../../../test/fixtures.ts';
import { type Handler, renderWithApp } from '../../../test/render.tsx';
import type { LiveMeeting } from '../api/meetings-api.ts';
import { makeMeeting } from '../test-fixtures.ts';
import { MeetingsPage } from './meetings-page.tsx';

const ROUTE = '/c/:committeeId/meetings';
const PATH = `/c/${COMMITTEE_ID}/meetings`;

function serve(lists: { upcoming: LiveMeeting[]; past: LiveMeeting[] }, role: 'chair' | 'member' = 'chair', onCreate?: Handler): Handler {
  return (call) => {
    if (call.url === `/api/committees/${COMMITTEE_ID}`) return jsonResponse(200, { ...committee, role });
    if (call.method === 'GET' && call.url.startsWith(`/api/committees/${COMMITTEE_ID}/meetings?when=`)) {
      return jsonResponse(200, call.url.endsWith('past') ? lists.past : lists.upcoming);
    }
    if (call.method === 'POST' && call.url === `/api/committees/${COMMITTEE_ID}/meetings` && onCreate) return onCreate(call);
    return jsonResponse(404, { statusCode: 404, message: 'Not found' });
  };
}

describe(MeetingsPage.name, () => {
  it('should list upcoming meetings with number, title, Kuala Lumpur time, venue, status and classification', async () => {
    const meeting = makeMeeting({ classification: 'CONFIDENTIAL', status: 'scheduled' });
    renderWithApp(<MeetingsPage />, { route: ROUTE, path: PATH, handler: serve({ upcoming: [meeting], past: [] }) });
    const row = await screen.findByTestId('meeting-row');
    const inRow = within(row);
    expect(inRow.getByText('Bil. 3/2026')).toBeInTheDocument();
    expect(inRow.getByRole('link', { name: meeting.title })).toHaveAttribute('href', `/c/${COMMITTEE_ID}/meetings/${meeting.id}`);
    expect(row.querySelector('time')).toHaveTextContent('12 Mar 2026, 09:30–12:30');
    expect(inRow.getByText(meeting.venue)).toBeInTheDocument();
    expect(inRow.getByText('Scheduled')).toBeInTheDocument();
    expect(inRow.getByText('Confidential')).toBeInTheDocument();
  });

  it('should switch to past meetings and say when there are none', async () => {
    const { calls } = renderWithApp(<MeetingsPage />, {
      route: ROUTE,
      path: PATH,
      handler: serve({ upcoming: [makeMeeting()], past: [] }),
    });
    await screen.findByTestId('meeting-row');
    await userEvent.click(screen.getByRole('link', { name: 'Past' }));
    expect(await screen.findByTestId('meetings-empty')).toHaveTextContent('No past meetings.');
    expect(calls.map((call) => call.url)).toContain(`/api/committees/${COMMITTEE_ID}/meetings?when=past`);
    expect(screen.getByRole('link', { name: 'Past' })).toHaveAttribute('aria-current', 'page');
  });

  it('should not offer a new meeting to a member', async () => {
    renderWithApp(<MeetingsPage />, { route: ROUTE, path: PATH, handler: serve({ upcoming: [makeMeeting()], past: [] }, 'member') });
    await screen.findByTestId('meeting-row');
    expect(screen.queryByTestId('new-meeting')).not.toBeInTheDocument();
  });

  it('should create a meeting in Kuala Lumpur time and show the server field errors next to their fields', async () => {
    const refused: Handler = () =>
      jsonResponse(400, {
        statusCode: 400,
        message: 'endsAt: must not be before startsAt',
        issues: [{ path: 'endsAt', message: 'must not be before startsAt' }],
      });
    const { calls } = renderWithApp(<MeetingsPage />, {
      route: ROUTE,
      path: PATH,
      handler: serve({ upcoming: [], past: [] }, 'chair', refused),
    });
    await userEvent.click(await screen.findByTestId('new-meeting'));
    await userEvent.click(screen.getByTestId('save-meeting'));
    expect(screen.getByLabelText(/^Title/)).toHaveAccessibleDescription('Enter a title.');
    expect(screen.getByLabelText(/^Starts/)).toHaveAccessibleDescription('Enter the start date and time.');

    await userEvent.type(screen.getByLabelText(/^Title/), 'Mesyuarat Jawatankuasa Teknikal');
    await userEvent.type(screen.getByLabelText(/^Starts/), '2026-03-12T09:30');
    await userEvent.click(screen.getByTestId('save-meeting'));
    await waitFor(() => expect(screen.getByLabelText(/^Ends/)).toHaveAccessibleDescription('must not be before startsAt'));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      title: 'Mesyuarat Jawatankuasa Teknikal',
      startsAt: '2026-03-12T09:30:00+08:00',
      endsAt: null,
      venue: '',
      onlineUrl: null,
      classification: 'OPEN',
      standardAgenda: true,
    });
  });
});
