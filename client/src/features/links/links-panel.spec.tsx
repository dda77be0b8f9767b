import { describe, expect, it } from '@jest/globals';
import { LINKABLE_TYPES, type LinkedRecord } from '@sidang/shared';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { COMMITTEE_ID, jsonResponse, makeActionItem, uuid } from '../../test/fixtures.ts';
import { renderWithApp } from '../../test/render.tsx';
import { apiTable } from '../registers/test-fixtures.ts';
import { LinksPanel } from './links-panel.tsx';

// Pages that load several queries: allow for a loaded machine.
configure({ asyncUtilTimeout: 5_000 });

const RECORD_ID = uuid();

function linked(overrides: Partial<LinkedRecord>): LinkedRecord {
  return {
    linkId: uuid(),
    direction: 'outgoing',
    type: 'action-item',
    id: uuid(),
    committeeId: COMMITTEE_ID,
    title: 'Draft the JICA follow-up note',
    classification: 'OPEN',
    ...overrides,
  };
}

describe(LinksPanel.name, () => {
  const action = linked({ title: 'Draft the JICA follow-up note' });
  const negotiation = linked({
    direction: 'incoming',
    type: 'negotiation',
    title: 'EU FTA raw materials chapter',
    classification: 'CONFIDENTIAL',
  });

  it('should show linked records both ways with their type, title, classification and page', async () => {
    renderWithApp(<LinksPanel recordId={RECORD_ID} committeeId={COMMITTEE_ID} canEdit={false} />, {
      handler: apiTable({ [`GET /api/records/${RECORD_ID}/links`]: [action, negotiation] }),
    });
    const rows = await screen.findAllByTestId('link-row');
    expect(rows).toHaveLength(2);
    const first = within(rows[0] as HTMLElement);
    expect(first.getByRole('link', { name: action.title })).toHaveAttribute('href', `/c/${COMMITTEE_ID}/actions/${action.id}`);
    expect(first.getByText('Links to')).toBeInTheDocument();
    expect(first.getByText('Action')).toBeInTheDocument();
    const second = within(rows[1] as HTMLElement);
    expect(second.getByText('Linked from')).toBeInTheDocument();
    expect(second.getByText('Confidential')).toBeInTheDocument();
    expect(second.getByRole('link', { name: negotiation.title })).toHaveAttribute(
      'href',
      `/c/${COMMITTEE_ID}/registers/negotiations/${negotiation.id}`,
    );
    expect(screen.queryByTestId('add-link')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Remove the link/ })).not.toBeInTheDocument();
  });

  it('should say when nothing is linked', async () => {
    renderWithApp(<LinksPanel recordId={RECORD_ID} committeeId={COMMITTEE_ID} canEdit />, {
      handler: apiTable({ [`GET /api/records/${RECORD_ID}/links`]: [] }),
    });
    expect(await screen.findByTestId('links-empty')).toHaveTextContent('No linked records.');
  });

  it('should find any linkable record by its words through the search, as you type, link it, and remove a link', async () => {
    // In no list this client has loaded: only the search knows it.
    const target = { type: 'negotiation', id: uuid(), committeeId: COMMITTEE_ID, title: 'Korea critical minerals supply-chain pact' };
    const document = { type: 'document', id: uuid(), committeeId: COMMITTEE_ID, title: 'Korea briefing.pdf', snippet: 'Korea' };
    const elsewhere = { ...target, id: uuid(), committeeId: uuid(), title: 'Korea pact of another committee' };
    let links: LinkedRecord[] = [action];
    const { calls } = renderWithApp(<LinksPanel recordId={RECORD_ID} committeeId={COMMITTEE_ID} canEdit />, {
      handler: apiTable({
        [`GET /api/records/${RECORD_ID}/links`]: () => jsonResponse(200, links),
        'GET /api/search': () =>
          jsonResponse(200, { items: [{ ...action, id: action.id, snippet: '' }, { ...target, snippet: 'Korea' }, document, elsewhere] }),
        'POST /api/links': () => {
          links = [...links, linked({ type: 'negotiation', id: target.id, title: target.title })];
          return jsonResponse(201, { id: uuid() });
        },
        [`DELETE /api/links/${action.linkId}`]: () => jsonResponse(204),
      }),
    });
    await screen.findAllByTestId('link-row');
    await userEvent.click(screen.getByTestId('add-link'));
    await userEvent.type(screen.getByLabelText('Find a record by its words'), 'korea pact');
    const found = await screen.findByRole('button', { name: /Korea critical minerals/ });
    const searches = calls.filter((call) => call.url.startsWith('/api/search'));
    // Debounced: one request for the words once typing paused, scoped to the committee and the linkable types.
    expect(searches).toHaveLength(1);
    const params = new URL(searches[0]?.url ?? '', 'http://x').searchParams;
    expect(params.get('q')).toBe('korea pact');
    expect(params.get('committeeId')).toBe(COMMITTEE_ID);
    expect(params.get('types')?.split(',')).toEqual([...LINKABLE_TYPES].sort());
    // Already linked, not linkable, or of another committee: not offered.
    const picker = within(screen.getByTestId('record-picker'));
    expect(picker.getAllByRole('button', { name: /Korea|Draft/ })).toEqual([found]);
    await userEvent.click(found);
    await waitFor(() => expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ fromId: RECORD_ID, toId: target.id }));
    expect(await screen.findByRole('link', { name: target.title })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: `Remove the link to ${action.title}` }));
    await waitFor(() => expect(screen.queryByRole('link', { name: action.title })).not.toBeInTheDocument());
    expect(calls.some((call) => call.method === 'DELETE' && call.url === `/api/links/${action.linkId}`)).toBe(true);
  });

  it('should say when the search finds nothing, and when it fails', async () => {
    let fail = false;
    renderWithApp(<LinksPanel recordId={RECORD_ID} committeeId={COMMITTEE_ID} canEdit />, {
      handler: apiTable({
        [`GET /api/records/${RECORD_ID}/links`]: [],
        'GET /api/search': () => (fail ? jsonResponse(500, { message: 'down' }) : jsonResponse(200, { items: [] })),
      }),
    });
    await screen.findByTestId('links-empty');
    await userEvent.click(screen.getByTestId('add-link'));
    await userEvent.type(screen.getByLabelText('Find a record by its words'), 'nothing');
    expect(await screen.findByText('No record matches.')).toBeInTheDocument();
    fail = true;
    await userEvent.type(screen.getByLabelText('Find a record by its words'), 'x');
    expect(await screen.findByText('Search failed. Try again.')).toBeInTheDocument();
  });

  it('should raise an action item from the record, linked to it', async () => {
    const raised = makeActionItem({ title: 'Send the JICA experts their terms of reference' });
    let links: LinkedRecord[] = [];
    const { calls } = renderWithApp(<LinksPanel recordId={RECORD_ID} committeeId={COMMITTEE_ID} canEdit canRaiseAction />, {
      handler: apiTable({
        [`GET /api/records/${RECORD_ID}/links`]: () => jsonResponse(200, links),
        [`POST /api/committees/${COMMITTEE_ID}/action-items`]: () => jsonResponse(201, raised),
        'POST /api/links': () => {
          links = [linked({ id: raised.id, title: raised.title })];
          return jsonResponse(201, { id: uuid() });
        },
      }),
    });
    await screen.findByTestId('links-empty');
    await userEvent.click(screen.getByTestId('raise-action-from-record'));
    await userEvent.click(screen.getByTestId('raise-action-save'));
    expect(screen.getByRole('alert')).toHaveTextContent('Required');
    await userEvent.type(screen.getByLabelText('Action title'), raised.title);
    await userEvent.click(screen.getByTestId('raise-action-save'));
    expect(await screen.findByRole('link', { name: raised.title })).toHaveAttribute('href', `/c/${COMMITTEE_ID}/actions/${raised.id}`);
    const posts = calls.filter((call) => call.method === 'POST');
    expect(posts.map((call) => call.url)).toEqual([`/api/committees/${COMMITTEE_ID}/action-items`, '/api/links']);
    expect(posts[0]?.body).toEqual({ title: raised.title });
    expect(posts[1]?.body).toEqual({ fromId: RECORD_ID, toId: raised.id });
  });
});
