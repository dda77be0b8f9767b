import { describe, expect, it } from '@jest/globals';
import type { CommentThread } from '@sidang/shared';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { i18n } from '../../../lib/i18n/i18n.ts';
import { CHAIR_ID, COMMITTEE_ID, jsonResponse, MEMBER_ID, makeMember } from '../../../test/fixtures.ts';
import { type Handler, renderWithApp } from '../../../test/render.tsx';
import type { LiveMeeting } from '../../meetings/index.ts';
import { makeMeeting } from '../../meetings/test-fixtures.ts';
import { MINUTES_ID, MINUTES_MEETING_ID, makeComment, makeMinutesRecord } from '../test-fixtures.ts';
import { WorkflowBar } from './workflow-bar.tsx';

const LATER_ID = '66666666-6666-4666-8666-666666666666';
const EARLIER_ID = '77777777-7777-4777-8777-777777777777';
const SECONDER_ID = '88888888-8888-4888-8888-888888888888';
const OBSERVER_ID = '99999999-9999-4999-8999-999999999999';

function meeting(id: string, number: string, startsAt: string): LiveMeeting {
  const at = '2026-01-01T00:00:00.000Z';
  return makeMeeting({ id, number, startsAt, title: 'Technical committee', endsAt: null, venue: '', createdAt: at, updatedAt: at });
}

const own = meeting(MINUTES_MEETING_ID, 'Bil. 2/2026', '2026-03-12T09:30:00+08:00');
const later = meeting(LATER_ID, 'Bil. 3/2026', '2026-06-11T09:30:00+08:00');
const earlier = meeting(EARLIER_ID, 'Bil. 1/2026', '2026-01-08T09:30:00+08:00');
const people = [
  makeMember({ userId: CHAIR_ID, name: 'Dato’ Pengerusi', agency: 'MITI', role: 'chair' }),
  makeMember({ userId: MEMBER_ID, name: 'Aminah Hassan', agency: 'JMG' }),
  makeMember({ userId: SECONDER_ID, name: 'Lim Wei Ming', agency: 'MOSTI' }),
  makeMember({ userId: OBSERVER_ID, name: 'Pemerhati MIDA', agency: 'MIDA', role: 'observer' }),
];
const open: CommentThread = { ...makeComment({ body: 'Please spell the agency out', authorName: 'Aminah Hassan' }), replies: [] };
const resolved: CommentThread = { ...makeComment({ body: 'Date corrected', resolved: true }), replies: [] };

/** The server the dialog reads: the meetings, the members, the comments; `answer` for the transition. */
function serve(answer: () => Response): Handler {
  return ({ method, url }) => {
    if (method === 'POST' && url === `/api/minutes/${MINUTES_ID}/transition`) return answer();
    if (url === `/api/meetings/${MINUTES_MEETING_ID}`) return jsonResponse(200, own);
    if (url.startsWith(`/api/committees/${COMMITTEE_ID}/meetings`)) {
      return jsonResponse(200, url.includes('when=upcoming') ? [later] : [own, earlier]);
    }
    if (url === `/api/committees/${COMMITTEE_ID}/members`) return jsonResponse(200, people);
    if (url.startsWith(`/api/minutes/${MINUTES_ID}/comments`)) return jsonResponse(200, [open, resolved]);
    return jsonResponse(404, { statusCode: 404, message: 'Not found' });
  };
}

describe('ConfirmDialog', () => {
  it('should list the open threads, offer later meetings and voting members, and send the confirmation fields', async () => {
    const user = userEvent.setup();
    const record = makeMinutesRecord({ status: 'circulated', version: 4 });
    const { calls } = renderWithApp(<WorkflowBar record={record} canManage />, {
      handler: serve(() => jsonResponse(200, { ...record, status: 'confirmed', confirmation: 'with_amendments', version: 5 })),
    });
    await user.click(screen.getByTestId('minutes-to-confirmed'));
    const dialog = screen.getByTestId('minutes-confirm-dialog');

    // The threads still open are listed first; the resolved one is not.
    const threads = within(dialog).getByTestId('confirm-open-comments');
    await waitFor(() => expect(within(threads).getAllByTestId('confirm-open-comment')).toHaveLength(1));
    expect(threads).toHaveTextContent('1 comment thread is still open');
    expect(threads).toHaveTextContent('Please spell the agency out');
    expect(threads).not.toHaveTextContent('Date corrected');

    // Only meetings after the minutes' own, the next one chosen; members who vote, no observer.
    const picker = screen.getByRole('combobox', { name: 'Confirmed at the meeting' });
    await waitFor(() =>
      expect(
        within(picker)
          .getAllByRole('option')
          .map((option) => option.textContent),
      ).toHaveLength(1),
    );
    expect(picker).toHaveValue(LATER_ID);
    expect(within(picker).getByRole('option')).toHaveTextContent('Bil. 3/2026');
    const proposer = screen.getByRole('combobox', { name: 'Proposed by' });
    await waitFor(() => expect(within(proposer).getAllByRole('option')).toHaveLength(4));
    expect(proposer).not.toHaveTextContent('Pemerhati MIDA');

    await user.selectOptions(proposer, MEMBER_ID);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Seconded by' }), SECONDER_ID);
    await user.click(screen.getByRole('radio', { name: 'with amendments' }));
    await user.type(screen.getByRole('textbox', { name: 'Amendments' }), 'Item 2: agency named in full');
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);
    await user.click(screen.getByTestId('minutes-transition-proceed'));
    await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      to: 'confirmed',
      version: 4,
      confirmation: 'with_amendments',
      confirmedAtMeetingId: LATER_ID,
      proposedBy: MEMBER_ID,
      secondedBy: SECONDER_ID,
      amendments: 'Item 2: agency named in full',
    });
    await waitFor(() => expect(screen.queryByTestId('minutes-confirm-dialog')).toBeNull());
  });

  it('should mark each field the server names, in Bahasa Malaysia too', async () => {
    const user = userEvent.setup();
    const record = makeMinutesRecord({ status: 'circulated', version: 4 });
    const refusal = {
      statusCode: 400,
      code: 'invalid_input',
      message: 'proposedBy: required; secondedBy: required',
      issues: [
        { field: 'proposedBy', path: 'proposedBy', code: 'required', message: 'required' },
        { field: 'secondedBy', path: 'secondedBy', code: 'required', message: 'required' },
      ],
    };
    renderWithApp(<WorkflowBar record={record} canManage />, { handler: serve(() => jsonResponse(400, refusal)) });
    await act(async () => {
      await i18n.changeLanguage('ms');
    });
    try {
      await user.click(screen.getByTestId('minutes-to-confirmed'));
      await user.click(screen.getByTestId('minutes-transition-proceed'));
      const proposer = screen.getByRole('combobox', { name: 'Dicadangkan oleh' });
      await waitFor(() => expect(proposer).toHaveAttribute('aria-invalid', 'true'));
      expect(screen.getByRole('combobox', { name: 'Disokong oleh' })).toHaveAttribute('aria-invalid', 'true');
      expect(screen.getByRole('combobox', { name: 'Disahkan pada mesyuarat' })).not.toHaveAttribute('aria-invalid');
      expect(screen.getByText('Pilih ahli yang mencadangkan pengesahan.')).toBeInTheDocument();
      expect(screen.getByText('Sila betulkan medan yang ditandakan.')).toBeInTheDocument();
    } finally {
      await act(async () => {
        await i18n.changeLanguage('en');
      });
    }
  });

  it('should say why circulation was refused while the meeting is in progress', async () => {
    const user = userEvent.setup();
    const handler: Handler = () =>
      jsonResponse(409, { statusCode: 409, code: 'meeting_in_progress', message: 'in progress', current: makeMinutesRecord() });
    renderWithApp(<WorkflowBar record={makeMinutesRecord()} canManage />, { handler });
    await act(async () => {
      await i18n.changeLanguage('en');
    });
    await user.click(screen.getByTestId('minutes-to-circulated'));
    await user.click(screen.getByTestId('minutes-transition-proceed'));
    expect(await screen.findByRole('alert')).toHaveTextContent('The minutes can be circulated once the meeting has ended.');
  });
});
