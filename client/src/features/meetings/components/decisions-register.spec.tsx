import { describe, expect, it } from '@jest/globals';
import type { Decision } from '@sidang/shared';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { applyEnvelope } from '../../../lib/realtime/cache-apply.ts';
import { COMMITTEE_ID, jsonResponse, recordEnvelope } from '../../../test/fixtures.ts';
import { type Handler, renderWithApp } from '../../../test/render.tsx';
import { makeDecision } from '../test-fixtures.ts';
import { DecisionsRegisterPage } from './decisions.tsx';

const ROUTE = '/c/:committeeId/decisions';
const PATH = `/c/${COMMITTEE_ID}/decisions`;
const REGISTER = `/api/committees/${COMMITTEE_ID}/decisions`;

/** A server holding `stored`: the register searches it by words, as the real one does. */
function serve(stored: Decision[]): Handler {
  return ({ method, url }) => {
    if (method !== 'GET' || !url.startsWith(REGISTER)) return jsonResponse(404, { statusCode: 404, message: 'Not found' });
    const q = new URL(url, 'http://localhost').searchParams.get('q') ?? '';
    return jsonResponse(
      200,
      stored.filter((decision) => decision.text.toLowerCase().includes(q.toLowerCase())),
    );
  };
}

const texts = () => screen.queryAllByTestId('register-decision').map((row) => row.querySelector('p')?.textContent);

describe(DecisionsRegisterPage.name, () => {
  it('should search as you type with one request for the settled words', async () => {
    const user = userEvent.setup();
    const stored = [
      makeDecision({ text: 'Magnet plant feasibility study to proceed.' }),
      makeDecision({ text: 'Export moratorium to be reviewed.' }),
    ];
    const { calls } = renderWithApp(<DecisionsRegisterPage />, { route: ROUTE, path: PATH, handler: serve(stored) });
    await waitFor(() => expect(texts()).toHaveLength(2));
    await user.type(screen.getByRole('searchbox', { name: 'Search decisions' }), 'magnet');
    await waitFor(() => expect(texts()).toEqual(['Magnet plant feasibility study to proceed.']));
    const searched = calls
      .filter((call) => call.url.startsWith(REGISTER))
      .map((call) => new URL(call.url, 'http://x').searchParams.get('q'));
    // Debounced: no request for the half-typed word.
    expect(searched).toEqual([null, 'magnet']);
    expect(screen.getByTestId('decision-count')).toHaveTextContent('1 decision');
  });

  it('should update the results live as decisions are recorded, changed and removed', async () => {
    const user = userEvent.setup();
    const first = makeDecision({ text: 'Magnet plant feasibility study to proceed.' });
    const stored = [first];
    const { queryClient } = renderWithApp(<DecisionsRegisterPage />, { route: ROUTE, path: PATH, handler: serve(stored) });
    await user.type(screen.getByRole('searchbox', { name: 'Search decisions' }), 'magnet');
    await waitFor(() => expect(texts()).toEqual(['Magnet plant feasibility study to proceed.']));

    // Recorded elsewhere: it matches the search, so it appears.
    const recorded = makeDecision({ text: 'Magnet recycling pilot approved.', createdAt: '2026-03-12T05:00:00.000Z' });
    stored.unshift(recorded);
    act(() => {
      applyEnvelope(queryClient, recordEnvelope('decision.created', recorded));
    });
    await waitFor(() => expect(texts()).toEqual(['Magnet recycling pilot approved.', 'Magnet plant feasibility study to proceed.']));

    // Changed so that it no longer matches: the server's search decides, and it leaves.
    const changed = { ...first, text: 'Feasibility study deferred.', version: 2 };
    stored.splice(stored.indexOf(first), 1, changed);
    act(() => {
      applyEnvelope(queryClient, recordEnvelope('decision.updated', changed));
    });
    await waitFor(() => expect(texts()).toEqual(['Magnet recycling pilot approved.']));

    // Removed (or raised above the reader): gone at once.
    stored.splice(stored.indexOf(recorded), 1);
    act(() => {
      applyEnvelope(queryClient, recordEnvelope('decision.hidden', { id: recorded.id, version: 2 }));
    });
    await waitFor(() => expect(texts()).toEqual([]));
    expect(screen.getByText('No decision matches this search.')).toBeInTheDocument();
  });

  it('should move between the search box and the results with the arrow keys, and clear with Escape', async () => {
    const user = userEvent.setup();
    const stored = [makeDecision({ text: 'First decision.' }), makeDecision({ text: 'Second decision.' })];
    renderWithApp(<DecisionsRegisterPage />, { route: ROUTE, path: PATH, handler: serve(stored) });
    await waitFor(() => expect(texts()).toHaveLength(2));
    const search = screen.getByRole('searchbox', { name: 'Search decisions' });
    await user.click(search);
    const links = screen.getAllByRole('link', { name: 'Meeting' });
    await user.keyboard('{ArrowDown}');
    expect(links[0]).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(links[1]).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(links[1]).toHaveFocus();
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(search).toHaveFocus();
    await user.type(search, 'second');
    await waitFor(() => expect(texts()).toEqual(['Second decision.']));
    await user.keyboard('{Escape}');
    expect(search).toHaveValue('');
    await waitFor(() => expect(texts()).toHaveLength(2));
  });
});
