import { describe, expect, it } from '@jest/globals';
import type { Decision } from '@sidang/shared';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { applyEnvelope } from '../../../lib/realtime/cache-apply.ts';
import { jsonResponse, recordEnvelope } from '../../../test/fixtures.ts';
import { type Handler, renderWithApp } from '../../../test/render.tsx';
import { makeDecision } from '../test-fixtures.ts';
import { ItemDecisions, SectionDecisions } from './decisions.tsx';

const ITEM_ID = '66666666-6666-4666-8666-666666666666';

/** The item's decisions from `stored`; a correction or withdrawal answers with `answer(body)`. */
function serve(stored: Decision[], answer: (url: string, body: Record<string, unknown>) => Response): Handler {
  return ({ method, url, body }) => {
    if (method === 'GET' && url === `/api/agenda-items/${ITEM_ID}/decisions`) return jsonResponse(200, stored);
    if (method === 'PATCH' || method === 'POST') return answer(url, body as Record<string, unknown>);
    return jsonResponse(404, { statusCode: 404, message: 'Not found' });
  };
}

describe('decisions', () => {
  it('should let the chair correct a decision, sending its version, and show the current text marked corrected', async () => {
    const user = userEvent.setup();
    const decision = makeDecision({ agendaItemId: ITEM_ID, text: 'Agreed to proceed.', version: 2 });
    const { calls } = renderWithApp(<ItemDecisions agendaItemId={ITEM_ID} number="4" canRecord />, {
      handler: serve([decision], (_url, body) =>
        jsonResponse(200, { ...decision, text: body.text, version: 3, correctedAt: '2026-03-12T03:00:00.000Z' }),
      ),
    });
    await user.click(await screen.findByTestId('decision-correct'));
    const field = screen.getByRole('textbox', { name: 'Corrected text of the decision' });
    expect(field).toHaveValue('Agreed to proceed.');
    await user.clear(field);
    await user.type(field, 'Agreed to proceed with the pilot plant.');
    await user.click(screen.getByRole('button', { name: 'Save correction' }));
    await waitFor(() =>
      expect(screen.getByTestId('decision-text')).toHaveTextContent('Agreed to proceed with the pilot plant. (corrected)'),
    );
    const sent = calls.find((call) => call.method === 'PATCH');
    expect(sent?.url).toBe(`/api/decisions/${decision.id}`);
    expect(sent?.body).toEqual({ version: 2, text: 'Agreed to proceed with the pilot plant.' });
  });

  it('should ask for a reason to withdraw, then show the decision struck through with it and no more actions', async () => {
    const user = userEvent.setup();
    const decision = makeDecision({ agendaItemId: ITEM_ID, text: 'Study deferred.' });
    const { calls } = renderWithApp(<ItemDecisions agendaItemId={ITEM_ID} number="4" canRecord />, {
      handler: serve([decision], (_url, body) =>
        jsonResponse(200, { ...decision, status: 'withdrawn', withdrawalReason: body.reason, version: 2 }),
      ),
    });
    await user.click(await screen.findByTestId('decision-withdraw'));
    const submit = screen.getByRole('button', { name: 'Withdraw decision' });
    expect(submit).toBeDisabled();
    await user.type(screen.getByRole('textbox', { name: 'Reason for withdrawing the decision' }), 'Recorded in error');
    await user.click(submit);
    const text = await screen.findByText('Study deferred.');
    expect(text.tagName).toBe('DEL');
    expect(screen.getByTestId('decision-text')).toHaveTextContent('Withdrawn: Recorded in error');
    expect(screen.queryByTestId('decision-correct')).toBeNull();
    expect(calls.find((call) => call.method === 'POST')).toMatchObject({
      url: `/api/decisions/${decision.id}/withdraw`,
      body: { version: 1, reason: 'Recorded in error' },
    });
  });

  it('should say so when the decision changed meanwhile (409)', async () => {
    const user = userEvent.setup();
    const decision = makeDecision({ agendaItemId: ITEM_ID });
    renderWithApp(<ItemDecisions agendaItemId={ITEM_ID} number="4" canRecord />, {
      handler: serve([decision], () => jsonResponse(409, { statusCode: 409, code: 'stale_version', message: 'stale', current: decision })),
    });
    await user.click(await screen.findByTestId('decision-withdraw'));
    await user.type(screen.getByRole('textbox', { name: 'Reason for withdrawing the decision' }), 'x');
    await user.click(screen.getByRole('button', { name: 'Withdraw decision' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Someone changed this decision meanwhile');
  });

  it('should offer no correction or withdrawal to a member', async () => {
    renderWithApp(<ItemDecisions agendaItemId={ITEM_ID} number="4" canRecord={false} />, {
      handler: serve([makeDecision({ agendaItemId: ITEM_ID })], () => jsonResponse(500)),
    });
    await screen.findByTestId('decision');
    expect(screen.queryByTestId('decision-correct')).toBeNull();
    expect(screen.queryByTestId('decision-withdraw')).toBeNull();
  });

  it("should show an item's decisions in its minutes section, live, as they stand", async () => {
    const first = makeDecision({ agendaItemId: ITEM_ID, text: 'Noted the report.' });
    const { queryClient } = renderWithApp(<SectionDecisions agendaItemId={ITEM_ID} number="4" />, {
      handler: serve([first], () => jsonResponse(500)),
    });
    const list = await screen.findByRole('list', { name: 'Decisions on item 4' });
    expect(
      within(list)
        .getAllByTestId('section-decision')
        .map((row) => row.textContent),
    ).toEqual(['Noted the report.']);
    expect(screen.getByTestId('section-decisions')).toHaveTextContent('Decision:');
    const withdrawn: Decision = { ...first, status: 'withdrawn', withdrawalReason: 'Superseded', version: 2 };
    act(() => {
      applyEnvelope(queryClient, recordEnvelope('decision.updated', withdrawn));
    });
    await waitFor(() =>
      expect(
        within(list)
          .getAllByTestId('section-decision')
          .map((row) => row.textContent),
      ).toEqual(['Noted the report. Withdrawn: Superseded']),
    );
  });
});
