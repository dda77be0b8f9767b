import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { SearchResult } from '@sidang/shared';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { authStore } from '../../../lib/auth/auth-store.ts';
import { COMMITTEE_ID, committee, jsonResponse } from '../../../test/fixtures.ts';
import { notFound, type RecordedCall, renderWithApp } from '../../../test/render.tsx';
import { SearchBox } from './search-box.tsx';

const MEETING_ID = '55555555-5555-4555-8555-555555555555';

const RESULTS: SearchResult[] = [
  {
    type: 'action-item',
    id: '66666666-6666-4666-8666-666666666666',
    committeeId: COMMITTEE_ID,
    title: 'Kajian pemprosesan nikel di Gebeng',
    snippet: 'Pembangunan kilang pemprosesan dan perjanjian pelaburan',
    ancestorIds: [],
  },
  {
    type: 'agenda-item',
    id: '77777777-7777-4777-8777-777777777777',
    committeeId: COMMITTEE_ID,
    title: 'Taklimat pemprosesan hiliran',
    snippet: '',
    ancestorIds: [MEETING_ID],
  },
];

function searchCalls(calls: RecordedCall[]): URLSearchParams[] {
  return calls.filter((call) => call.url.startsWith('/api/search')).map((call) => new URL(call.url, 'http://x').searchParams);
}

function handler(respond: (params: URLSearchParams) => Response | Promise<Response>) {
  return (call: RecordedCall) => {
    if (call.url === '/api/committees') return jsonResponse(200, [committee]);
    if (call.url.startsWith('/api/search')) return respond(new URL(call.url, 'http://x').searchParams);
    return notFound(call);
  };
}

beforeEach(() => authStore.setToken('test-token'));
afterEach(() => authStore.clear());

describe(SearchBox.name, () => {
  it('should search as you type once typing pauses, and show each result with its kind, committee and marked words', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithApp(<SearchBox variant="bar" />, { handler: handler(() => jsonResponse(200, { items: RESULTS })) });
    await user.type(screen.getByRole('combobox', { name: 'Search records' }), 'proses');

    const options = await screen.findAllByRole('option');
    expect(options).toHaveLength(2);
    // One request for the settled words, not one per key.
    expect(searchCalls(calls).map((params) => params.get('q'))).toEqual(['proses']);
    expect(options[0]).toHaveTextContent('Action · JTK-REE');
    expect(options[0]).toHaveTextContent('Kajian pemprosesan nikel di Gebeng');
    expect(options[0]).toHaveTextContent('Pembangunan kilang');
    expect(within(options[1] as HTMLElement).getByText('proses')).toBeInstanceOf(HTMLElement);
    expect(screen.getByRole('status')).toHaveTextContent('2 results');
  });

  it('should move through results with the arrow keys and open the chosen one with Enter', async () => {
    const user = userEvent.setup();
    const { location } = renderWithApp(<SearchBox variant="bar" />, { handler: handler(() => jsonResponse(200, { items: RESULTS })) });
    const input = screen.getByRole('combobox');
    await user.type(input, 'taklimat');
    await screen.findAllByRole('option');

    await user.keyboard('{ArrowDown}');
    expect(screen.getAllByRole('option')[0]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}');
    const second = screen.getAllByRole('option')[1] as HTMLElement;
    expect(second).toHaveAttribute('aria-selected', 'true');
    expect(input).toHaveAttribute('aria-activedescendant', second.id);
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(screen.getAllByRole('option')[1]).toHaveAttribute('aria-selected', 'true');

    // The agenda item opens its meeting's page.
    await user.keyboard('{Enter}');
    expect(location.current.pathname).toBe(`/c/${COMMITTEE_ID}/meetings/${MEETING_ID}`);
  });

  it('should filter by record type with chips', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithApp(<SearchBox variant="page" />, { handler: handler(() => jsonResponse(200, { items: RESULTS })) });
    await user.type(screen.getByRole('combobox'), 'nikel');
    await screen.findAllByRole('option');

    const meetings = screen.getByRole('button', { name: 'Meeting' });
    expect(meetings).toHaveAttribute('aria-pressed', 'false');
    await user.click(meetings);
    await user.click(screen.getByRole('button', { name: 'Decision' }));
    expect(meetings).toHaveAttribute('aria-pressed', 'true');
    await waitFor(() => expect(searchCalls(calls).at(-1)?.get('types')).toBe('decision,meeting'));
    expect(searchCalls(calls).at(-1)?.get('q')).toBe('nikel');
  });

  it('should say when too little is typed, when nothing matches, and when search fails (with a retry)', async () => {
    const user = userEvent.setup();
    let fail = true;
    renderWithApp(<SearchBox variant="page" />, {
      handler: handler((params) =>
        fail
          ? jsonResponse(500, { statusCode: 500, message: 'down' })
          : jsonResponse(200, { items: params.get('q') === 'zz' ? [] : RESULTS }),
      ),
    });
    const input = screen.getByRole('combobox');
    expect(screen.getByRole('status')).toHaveTextContent('Type at least 2 characters to search.');
    await user.type(input, 'nikel');
    expect(await screen.findByText('Search is not available right now.')).toBeInTheDocument();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findAllByRole('option')).toHaveLength(2);

    await user.clear(input);
    await user.type(input, 'zz');
    expect(await screen.findByText('Nothing you may see matches “zz”.')).toBeInTheDocument();
    expect(screen.queryAllByRole('option')).toHaveLength(0);
  });

  it('should say how long to wait when the server limits searches (rate_limited)', async () => {
    const user = userEvent.setup();
    renderWithApp(<SearchBox variant="page" />, {
      handler: handler(() =>
        jsonResponse(429, {
          statusCode: 429,
          code: 'rate_limited',
          message: 'Too many searches; wait 7 seconds and try again',
          retryAfter: 7,
        }),
      ),
    });
    await user.type(screen.getByRole('combobox'), 'nikel');
    expect(await screen.findByText('Too many requests. Wait 7 seconds and try again.')).toBeInTheDocument();
    expect(screen.queryByText('Search is not available right now.')).toBeNull();
  });

  it('should focus the top bar box with "/" from anywhere but a text field, and close its results with Escape', async () => {
    const user = userEvent.setup();
    renderWithApp(
      <>
        <textarea aria-label="notes" />
        <SearchBox variant="bar" />
      </>,
      { handler: handler(() => jsonResponse(200, { items: RESULTS })) },
    );
    const input = screen.getByRole('combobox');
    // jsdom lays nothing out: say the box is on screen (a phone hides it with CSS).
    Object.defineProperty(input, 'offsetParent', { configurable: true, get: () => document.body });

    await user.click(screen.getByRole('textbox', { name: 'notes' }));
    await user.keyboard('/');
    expect(input).not.toHaveFocus();
    expect(screen.getByRole('textbox', { name: 'notes' })).toHaveValue('/');

    act(() => (document.activeElement as HTMLElement).blur());
    await user.keyboard('/');
    expect(input).toHaveFocus();
    expect(input).toHaveValue('');

    await user.type(input, 'nikel');
    await screen.findAllByRole('option');
    expect(input).toHaveAttribute('aria-expanded', 'true');
    await user.keyboard('{Escape}');
    expect(input).toHaveValue('');
    expect(input).toHaveAttribute('aria-expanded', 'false');
  });

  it('should drop results of a committee the user is no longer in', async () => {
    const user = userEvent.setup();
    const elsewhere = {
      ...(RESULTS[0] as SearchResult),
      id: '88888888-8888-4888-8888-888888888888',
      committeeId: '99999999-9999-4999-8999-999999999999',
      title: 'Lost committee paper',
    };
    renderWithApp(<SearchBox variant="page" />, { handler: handler(() => jsonResponse(200, { items: [elsewhere, ...RESULTS] })) });
    await user.type(screen.getByRole('combobox'), 'paper');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(2));
    expect(screen.queryByText('Lost committee paper')).not.toBeInTheDocument();
  });
});
