import { describe, expect, it } from '@jest/globals';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { COMMITTEE_ID, memberUser } from '../../../test/fixtures.ts';
import { renderWithApp } from '../../../test/render.tsx';
import { RegisterEditor } from '../components/register-pages.tsx';
import { apiTable, makeNegotiation, makeRound, page } from '../test-fixtures.ts';
import { NegotiationListPage } from './negotiation-list.tsx';
import { NegotiationDetailPage } from './negotiation-pages.tsx';
import { negotiations } from './negotiation-register.ts';

// Pages that load several queries: allow for a loaded machine.
configure({ asyncUtilTimeout: 5_000 });

const LIST = `/api/committees/${COMMITTEE_ID}/negotiations`;

describe(NegotiationListPage.name, () => {
  it('should list tracks with their status and kind, filtered by status', async () => {
    const eu = makeNegotiation();
    const korea = makeNegotiation({ title: 'Korea critical minerals supply-chain pact', kind: 'supply_chain', status: 'concluded' });
    renderWithApp(<NegotiationListPage />, {
      path: `/c/${COMMITTEE_ID}/registers/negotiations`,
      route: '/c/:committeeId/registers/negotiations',
      handler: apiTable({ [`GET ${LIST}`]: page([eu, korea]) }),
    });
    const rows = await screen.findAllByTestId('negotiation-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0] as HTMLElement).getByText('In progress')).toBeInTheDocument();
    expect(within(rows[0] as HTMLElement).getByText('FTA chapter')).toBeInTheDocument();
    expect(within(rows[0] as HTMLElement).getByText('Confidential')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'concluded');
    await waitFor(() => expect(screen.getAllByTestId('negotiation-row').map((row) => row.dataset.id)).toEqual([korea.id]));
  });
});

describe(NegotiationDetailPage.name, () => {
  it('should show each position section with its own level, red lines withheld from a CONFIDENTIAL reader', async () => {
    const marker = 'RED-LINE-MARKER-7731';
    const redacted = makeNegotiation({ redLines: undefined, redactedFields: ['redLines'] });
    renderWithApp(<NegotiationDetailPage />, {
      path: `/c/${COMMITTEE_ID}/registers/negotiations/${redacted.id}`,
      route: '/c/:committeeId/registers/negotiations/:id',
      handler: apiTable(
        {
          [`GET /api/negotiations/${redacted.id}`]: redacted,
          [`GET /api/negotiations/${redacted.id}/rounds`]: [
            makeRound(redacted.id),
            makeRound(redacted.id, { number: 2, venue: 'Kuala Lumpur' }),
          ],
        },
        memberUser,
        'member',
      ),
    });
    const redLines = await screen.findByRole('region', { name: 'Red lines' });
    expect(within(redLines).getByText('Withheld — above your clearance')).toBeInTheDocument();
    expect(within(redLines).getByText('Secret')).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(marker);
    const position = screen.getByRole('region', { name: 'Our position' });
    expect(within(position).getByText('Confidential')).toBeInTheDocument();
    expect(within(position).getByText('Keep the raw REE export moratorium outside the chapter.')).toBeInTheDocument();
    expect(await screen.findAllByTestId('round-row')).toHaveLength(2);
    expect(screen.getByText(/Kuala Lumpur/)).toBeInTheDocument();
    // A member may read but not edit.
    expect(screen.queryByRole('link', { name: 'Edit' })).not.toBeInTheDocument();
    expect(screen.queryByTestId('add-round')).not.toBeInTheDocument();
  });

  it('should show the red lines to a SECRET reader (positive control)', async () => {
    const marker = 'RED-LINE-MARKER-7731';
    const full = makeNegotiation({ redLines: marker });
    renderWithApp(<NegotiationDetailPage />, {
      path: `/c/${COMMITTEE_ID}/registers/negotiations/${full.id}`,
      route: '/c/:committeeId/registers/negotiations/:id',
      handler: apiTable({ [`GET /api/negotiations/${full.id}`]: full, [`GET /api/negotiations/${full.id}/rounds`]: [] }),
    });
    const redLines = await screen.findByRole('region', { name: 'Red lines' });
    expect(within(redLines).getByText(marker)).toBeInTheDocument();
    expect(screen.queryByText('Withheld — above your clearance')).not.toBeInTheDocument();
  });

  it('should add a round with the next number', async () => {
    const negotiation = makeNegotiation();
    const round = makeRound(negotiation.id, { number: 2, venue: 'Kuala Lumpur' });
    const { calls } = renderWithApp(<NegotiationDetailPage />, {
      path: `/c/${COMMITTEE_ID}/registers/negotiations/${negotiation.id}`,
      route: '/c/:committeeId/registers/negotiations/:id',
      handler: apiTable({
        [`GET /api/negotiations/${negotiation.id}`]: negotiation,
        [`GET /api/negotiations/${negotiation.id}/rounds`]: [makeRound(negotiation.id)],
        [`POST /api/negotiations/${negotiation.id}/rounds`]: round,
      }),
    });
    await screen.findAllByTestId('round-row');
    await userEvent.click(screen.getByTestId('add-round'));
    expect(screen.getByRole('heading', { name: 'Round 2' })).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Venue'), 'Kuala Lumpur');
    await userEvent.click(screen.getByTestId('save-round'));
    await waitFor(() => expect(screen.getAllByTestId('round-row')).toHaveLength(2));
    expect(calls.find((call) => call.method === 'POST')?.body).toMatchObject({ venue: 'Kuala Lumpur' });
  });
});

describe(`${RegisterEditor.name} (negotiations)`, () => {
  it('should raise a field above the record and never send a field withheld from the editor', async () => {
    const negotiation = makeNegotiation({
      classification: 'RESTRICTED',
      fieldClassifications: { redLines: 'SECRET' },
      redLines: undefined,
      redactedFields: ['redLines'],
    });
    const { calls } = renderWithApp(<RegisterEditor register={negotiations} record={negotiation} clearance="CONFIDENTIAL" />, {
      path: '/edit',
      handler: apiTable({ [`PATCH /api/negotiations/${negotiation.id}`]: { ...negotiation, version: 2 } }),
    });
    expect(screen.getAllByText('Withheld — above your clearance')).toHaveLength(1);
    await userEvent.selectOptions(screen.getByLabelText('Classification of "Fallback"'), 'CONFIDENTIAL');
    await userEvent.click(screen.getByTestId('register-save'));
    await waitFor(() => expect(calls.some((call) => call.method === 'PATCH')).toBe(true));
    const body = calls.find((call) => call.method === 'PATCH')?.body as Record<string, unknown>;
    // The SECRET level of the withheld field is the server's to keep: a CONFIDENTIAL editor may not send it.
    expect(body).toEqual({ version: 1, fieldClassifications: { fallback: 'CONFIDENTIAL' } });
    expect(body).not.toHaveProperty('redLines');
  });
});
