import { describe, expect, it } from '@jest/globals';
import type { AgendaItem } from '@sidang/shared';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { COMMITTEE_ID, chairUser, committee, jsonResponse, makeActionItem, members } from '../../../test/fixtures.ts';
import { type Handler, renderWithApp } from '../../../test/render.tsx';
import { MEETING_ID, makeAgenda, makeDecision, makeMeeting } from '../test-fixtures.ts';
import { DecisionsRegisterPage } from './decisions.tsx';
import { MeetingPage } from './meeting-page.tsx';

describe('raising an action from an agenda item', () => {
  it('should send the meeting and agenda item with the action, stay in the meeting and show the action under its item', async () => {
    const user = userEvent.setup();
    const agenda = makeAgenda([['Opening'], ['Papers']]);
    const papers = agenda[1] as AgendaItem;
    const created = makeActionItem({ title: 'Prepare the paper', meetingId: MEETING_ID, agendaItemId: papers.id });
    let posted = false;
    const handler: Handler = ({ method, url }) => {
      if (method === 'GET' && url === `/api/committees/${COMMITTEE_ID}/action-items`) return jsonResponse(200, posted ? [created] : []);
      if (url === '/api/auth/me') return jsonResponse(200, chairUser);
      if (url === `/api/committees/${COMMITTEE_ID}`) return jsonResponse(200, committee);
      if (url === `/api/committees/${COMMITTEE_ID}/members`) return jsonResponse(200, members);
      if (url === `/api/meetings/${MEETING_ID}`) return jsonResponse(200, makeMeeting());
      if (url === `/api/meetings/${MEETING_ID}/agenda-items`) return jsonResponse(200, agenda);
      if (url.endsWith('/decisions')) return jsonResponse(200, []);
      if (method === 'POST' && url === `/api/committees/${COMMITTEE_ID}/action-items`) {
        posted = true;
        return jsonResponse(201, created);
      }
      return jsonResponse(404, { statusCode: 404, message: 'Not found' });
    };
    const { calls, location } = renderWithApp(<MeetingPage />, {
      route: '/c/:committeeId/meetings/:meetingId',
      path: `/c/${COMMITTEE_ID}/meetings/${MEETING_ID}`,
      handler,
    });
    await user.click(await screen.findByRole('button', { name: 'Raise an action from item 2' }));
    await user.type(await screen.findByRole('textbox', { name: /Title/ }), 'Prepare the paper');
    await user.click(screen.getByTestId('save-action-item'));
    // The secretariat stays in the running meeting: the form closes, the action shows under its item.
    await waitFor(() => expect(screen.queryByTestId('save-action-item')).not.toBeInTheDocument());
    expect(location.current.pathname).toBe(`/c/${COMMITTEE_ID}/meetings/${MEETING_ID}`);
    const listed = await screen.findByRole('list', { name: 'Actions raised from item 2' });
    expect(listed).toHaveTextContent('Prepare the paper');
    const post = calls.find((call) => call.method === 'POST' && call.url.endsWith('/action-items'));
    expect(post?.body).toMatchObject({ title: 'Prepare the paper', meetingId: MEETING_ID, agendaItemId: papers.id });
  });
});

describe(DecisionsRegisterPage.name, () => {
  it('should search the register as the user types, once the typing settles', async () => {
    const user = userEvent.setup();
    const handler: Handler = ({ url }) => {
      if (url.startsWith(`/api/committees/${COMMITTEE_ID}/decisions`)) {
        const q = new URL(url, 'http://x').searchParams.get('q');
        return jsonResponse(
          200,
          q === 'tender' ? [makeDecision({ text: 'Tender to close in May.' })] : [makeDecision({ text: 'Minutes confirmed.' })],
        );
      }
      return jsonResponse(404, { statusCode: 404, message: 'Not found' });
    };
    const { calls } = renderWithApp(<DecisionsRegisterPage />, {
      route: '/c/:committeeId/decisions',
      path: `/c/${COMMITTEE_ID}/decisions`,
      handler,
    });
    expect(await screen.findByText('Minutes confirmed.')).toBeInTheDocument();
    await user.type(screen.getByRole('searchbox', { name: 'Search decisions' }), 'tender');
    expect(await screen.findByText('Tender to close in May.')).toBeInTheDocument();
    const searches = calls.filter((call) => call.url.includes('/decisions')).map((call) => call.url);
    expect(searches).toEqual([`/api/committees/${COMMITTEE_ID}/decisions`, `/api/committees/${COMMITTEE_ID}/decisions?q=tender`]);
  });
});
