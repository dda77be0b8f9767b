import { describe, expect, it } from '@jest/globals';
import type { Vote } from '@sidang/shared';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { applyEnvelope } from '../../../lib/realtime/cache-apply.ts';
import { CHAIR_ID, COMMITTEE_ID, jsonResponse, MEMBER_ID, recordEnvelope } from '../../../test/fixtures.ts';
import { type Handler, renderWithApp } from '../../../test/render.tsx';
import { ItemDeciding } from './item-deciding.tsx';

const MEETING_ID = '7d9e5c1a-3b2f-4e8d-9a6c-1f2e3d4c5b6a';
const ITEM_ID = '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d';
const VOTE_ID = '9f8e7d6c-5b4a-4392-8170-6a5b4c3d2e1f';

function makeVote(overrides: Partial<Vote> = {}): Vote {
  return {
    id: VOTE_ID,
    committeeId: COMMITTEE_ID,
    meetingId: MEETING_ID,
    agendaItemId: ITEM_ID,
    question: 'Terima laporan kemajuan?',
    options: ['for', 'against', 'abstain'],
    ballot: 'named',
    status: 'open',
    tally: { for: 0, against: 0, abstain: 0 },
    ballotsCast: 0,
    voterIds: [],
    ballots: [],
    decisionId: null,
    classification: 'OPEN',
    createdById: CHAIR_ID,
    closedAt: null,
    version: 1,
    createdAt: '2026-03-12T02:00:00.000Z',
    updatedAt: '2026-03-12T02:00:00.000Z',
    ...overrides,
  };
}

const counts = () => screen.getAllByTestId('vote-count').map((count) => count.textContent);

describe(ItemDeciding.name, () => {
  it('should let a member cast from the item, and show the count live as others vote', async () => {
    const user = userEvent.setup();
    const handler: Handler = ({ method, url, body }) => {
      if (url === `/api/meetings/${MEETING_ID}/votes`) return jsonResponse(200, [makeVote()]);
      if (url === `/api/meetings/${MEETING_ID}/interests`) return jsonResponse(200, []);
      if (method === 'POST' && url === `/api/votes/${VOTE_ID}/ballots`) {
        const choice = (body as { choice: string }).choice;
        return jsonResponse(
          200,
          makeVote({
            version: 2,
            tally: { for: 1, against: 0, abstain: 0 },
            ballotsCast: 1,
            voterIds: [MEMBER_ID],
            ballots: [{ userId: MEMBER_ID, choice }],
          }),
        );
      }
      return jsonResponse(404, { statusCode: 404, code: 'not_found', message: 'Not found' });
    };
    const { calls, queryClient } = renderWithApp(
      <ItemDeciding meetingId={MEETING_ID} agendaItemId={ITEM_ID} number="3" live memberRole="member" meId={MEMBER_ID} />,
      { handler },
    );
    expect(await screen.findByText('Terima laporan kemajuan?')).toBeInTheDocument();
    expect(screen.queryByTestId('close-vote')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'For' }));
    await waitFor(() => expect(calls.filter((call) => call.method === 'POST')).toHaveLength(1));
    expect(await screen.findByText('You voted: For')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'For' })).toHaveAttribute('aria-pressed', 'true');

    act(() => {
      applyEnvelope(
        queryClient,
        recordEnvelope(
          'vote.tallied',
          makeVote({
            version: 3,
            tally: { for: 1, against: 1, abstain: 0 },
            ballotsCast: 2,
            voterIds: [MEMBER_ID, CHAIR_ID],
            ballots: [
              { userId: MEMBER_ID, choice: 'for' },
              { userId: CHAIR_ID, choice: 'against' },
            ],
          }),
        ),
      );
    });
    await waitFor(() => expect(counts()).toEqual(['For 1Against 1Abstain 0']));
  });

  it('should show a secret ballot as who has voted until it closes, and offer the chair to close it', async () => {
    const vote = makeVote({ ballot: 'secret', tally: null, ballots: null, ballotsCast: 2, voterIds: [MEMBER_ID, CHAIR_ID] });
    renderWithApp(<ItemDeciding meetingId={MEETING_ID} agendaItemId={ITEM_ID} number="3" live memberRole="chair" meId={CHAIR_ID} />, {
      handler: ({ url }) => jsonResponse(200, url.endsWith('/votes') ? [vote] : []),
    });
    expect(await screen.findByText('2 of those present have voted')).toBeInTheDocument();
    expect(screen.getByText('Your secret ballot is cast.')).toBeInTheDocument();
    expect(screen.queryByTestId('cast-ballot')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Close the vote' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Open a vote' })).toBeInTheDocument();
  });

  it('should keep the receipt of a secret ballot on this device and send it to change the ballot', async () => {
    const user = userEvent.setup();
    localStorage.removeItem(`sidang.ballotReceipt.${VOTE_ID}`);
    const sent: unknown[] = [];
    let voted = false;
    const handler: Handler = ({ method, url, body }) => {
      if (url === `/api/meetings/${MEETING_ID}/votes`)
        return jsonResponse(200, [
          makeVote({ ballot: 'secret', tally: null, ballots: null, ...(voted ? { ballotsCast: 1, voterIds: [MEMBER_ID] } : {}) }),
        ]);
      if (url === `/api/meetings/${MEETING_ID}/interests`) return jsonResponse(200, []);
      if (method === 'POST' && url === `/api/votes/${VOTE_ID}/ballots`) {
        sent.push(body);
        const first = !voted;
        voted = true;
        const vote = makeVote({
          ballot: 'secret',
          tally: null,
          ballots: null,
          ballotsCast: 1,
          voterIds: [MEMBER_ID],
          version: sent.length + 1,
        });
        return jsonResponse(200, first ? { ...vote, receipt: 'R-123' } : vote);
      }
      return jsonResponse(404, { statusCode: 404, code: 'not_found', message: 'Not found' });
    };
    renderWithApp(<ItemDeciding meetingId={MEETING_ID} agendaItemId={ITEM_ID} number="3" live memberRole="member" meId={MEMBER_ID} />, {
      handler,
    });
    await user.click((await screen.findAllByRole('button', { name: 'For' }))[0] as HTMLElement);
    expect(await screen.findByText('Change your secret ballot')).toBeInTheDocument();
    expect(localStorage.getItem(`sidang.ballotReceipt.${VOTE_ID}`)).toBe('R-123');
    await user.click(screen.getByRole('button', { name: 'Against' }));
    await waitFor(() => expect(sent).toEqual([{ choice: 'for' }, { choice: 'against', receipt: 'R-123' }]));
    expect(screen.getByRole('button', { name: 'Against' })).toHaveAttribute('aria-pressed', 'true');
    localStorage.removeItem(`sidang.ballotReceipt.${VOTE_ID}`);
  });

  it('should say a secret ballot cast elsewhere can be changed only from the device that cast it', async () => {
    localStorage.removeItem(`sidang.ballotReceipt.${VOTE_ID}`);
    const vote = makeVote({ ballot: 'secret', tally: null, ballots: null, ballotsCast: 1, voterIds: [MEMBER_ID] });
    renderWithApp(<ItemDeciding meetingId={MEETING_ID} agendaItemId={ITEM_ID} number="3" live memberRole="member" meId={MEMBER_ID} />, {
      handler: ({ url }) => jsonResponse(200, url.endsWith('/votes') ? [vote] : []),
    });
    expect(await screen.findByText('It can be changed only from the device that cast it.')).toBeInTheDocument();
    expect(screen.queryByTestId('cast-ballot')).not.toBeInTheDocument();
  });
});
