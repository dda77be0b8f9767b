import { describe, expect, it } from '@jest/globals';
import type { Committee, Notification, NotificationPage } from '@sidang/shared';
import { QueryClient } from '@tanstack/react-query';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { queryKeys } from '../../../lib/query-keys.ts';
import type { RealtimeSocket } from '../../../lib/realtime/realtime-client.ts';
import { RealtimeProvider } from '../../../lib/realtime/realtime-provider.tsx';
import { fakeSocket } from '../../../test/fake-socket.ts';
import { COMMITTEE_ID, committee, jsonResponse, uuid } from '../../../test/fixtures.ts';
import { type Handler, notFound, renderWithApp } from '../../../test/render.tsx';
import { NotificationBell } from './notification-bell.tsx';

function aNotification(overrides: Partial<Notification> = {}): Notification {
  return {
    id: uuid(),
    kind: 'action.assigned',
    committeeId: COMMITTEE_ID,
    entityType: 'action-item',
    entityId: uuid(),
    ancestorIds: [],
    title: 'Validate the resource estimate',
    text: 'Chair (MITI) assigned you an action',
    at: new Date(Date.now() - 5 * 60_000).toISOString(),
    readAt: null,
    ...overrides,
  };
}

const page = (items: Notification[], unreadCount = items.filter((item) => item.readAt === null).length): NotificationPage => ({
  items,
  nextCursor: null,
  unreadCount,
});

/** Answers the list with what `state.items` holds now (the server's copy) and records the reads. */
function server(items: Notification[]) {
  const state = { items, reads: [] as unknown[] };
  const handler: Handler = (call) => {
    if (call.method === 'GET' && call.url.startsWith('/api/notifications?')) {
      const unreadOnly = call.url.includes('unread=true');
      const listed = state.items.filter((item) => !unreadOnly || item.readAt === null);
      const limit = Number(new URLSearchParams(call.url.split('?')[1]).get('limit') ?? 30);
      return jsonResponse(200, page(listed.slice(0, limit), listed.filter((item) => item.readAt === null).length));
    }
    if (call.method === 'POST' && call.url === '/api/notifications/read') {
      state.reads.push(call.body);
      const body = call.body as { ids?: string[]; all?: true };
      const at = new Date().toISOString();
      state.items = state.items.map((item) => (body.all || body.ids?.includes(item.id) ? { ...item, readAt: item.readAt ?? at } : item));
      return jsonResponse(200, { unreadCount: state.items.filter((item) => item.readAt === null).length });
    }
    return notFound(call);
  };
  return { state, handler };
}

const listCalls = (calls: { method: string; url: string }[]) =>
  calls.filter((call) => call.method === 'GET' && call.url.startsWith('/api/notifications?'));

/** Lets queued cache notifications (a macrotask in TanStack Query) reach the screen. */
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

async function openPanel() {
  await userEvent.click(screen.getByTestId('bell'));
  return screen.findByRole('dialog', { name: 'Notifications' }, { timeout: 10_000 });
}

describe(NotificationBell.name, () => {
  it('should show the unread count, said politely, and nothing when all is read', async () => {
    const { handler } = server([aNotification(), aNotification(), aNotification({ readAt: new Date().toISOString() })]);
    renderWithApp(<NotificationBell />, { handler });
    await waitFor(() => expect(screen.getByTestId('bell-status')).toHaveTextContent('2 unread'));
    expect(screen.getByTestId('bell-status')).toHaveAttribute('aria-live', 'polite');
    expect(screen.getByTestId('bell-count')).toHaveTextContent('2');
    expect(screen.getByRole('button', { name: 'Notifications' })).toHaveAccessibleDescription('2 unread');

    const quiet = server([aNotification({ readAt: new Date().toISOString() })]);
    renderWithApp(<NotificationBell />, { handler: quiet.handler });
    await waitFor(() => expect(screen.getAllByTestId('bell-status')).toHaveLength(2));
    expect(screen.getAllByTestId('bell-count')).toHaveLength(1);
  });

  it('should prepend a live notification once (by id), and read the list again after a reconnect without doubling it', async () => {
    const first = aNotification({ text: 'First assignment' });
    const { state, handler } = server([first]);
    const socket = Object.assign(fakeSocket(), {
      off() {
        return socket;
      },
    });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    queryClient.setQueryData<Committee[]>(queryKeys.committees, [committee]);
    const view = renderWithApp(
      <RealtimeProvider token="t" committeeIds={[COMMITTEE_ID]} createSocket={() => socket as unknown as RealtimeSocket}>
        <NotificationBell />
      </RealtimeProvider>,
      { handler, queryClient },
    );
    await waitFor(() => expect(screen.getByTestId('bell-status')).toHaveTextContent('1 unread'));
    await waitFor(() => expect(socket.connectCalls).toBeGreaterThan(0));
    await act(async () => socket.fire('connect'));
    // What came between the first read and the connection is read again.
    await waitFor(() => expect(listCalls(view.calls).length).toBeGreaterThanOrEqual(2));

    const live = aNotification({ text: 'Second assignment' });
    state.items = [live, first];
    await act(async () => socket.fire('notification', live));
    await waitFor(() => expect(screen.getByTestId('bell-status')).toHaveTextContent('2 unread'));
    await act(async () => socket.fire('notification', live));
    await settle();
    expect(screen.getByTestId('bell-status')).toHaveTextContent('2 unread');
    expect(
      view.queryClient.getQueryData<{ pages: NotificationPage[] }>(['notifications', 'list', 'summary'])?.pages[0]?.items,
    ).toHaveLength(2);

    // Missed while offline: the reconnect reads it; the one already shown is not doubled.
    const missed = aNotification({ text: 'Third assignment' });
    state.items = [missed, live, first];
    const before = listCalls(view.calls).length;
    await act(async () => socket.fire('disconnect', 'transport close'));
    await act(async () => socket.fire('connect'));
    await waitFor(() => expect(listCalls(view.calls).length).toBeGreaterThan(before));
    await waitFor(() => expect(screen.getByTestId('bell-status')).toHaveTextContent('3 unread'));
    const panel = await openPanel();
    await waitFor(() =>
      expect(
        within(panel)
          .getAllByTestId('notification')
          .map((line) => line.textContent),
      ).toEqual([
        expect.stringContaining('Third assignment'),
        expect.stringContaining('Second assignment'),
        expect.stringContaining('First assignment'),
      ]),
    );
  });

  it("should take a committee's notifications off the screen as soon as the user is removed from it", async () => {
    const OTHER = '44444444-4444-4444-8444-444444444444';
    const { handler } = server([aNotification({ text: 'Kept' }), aNotification({ committeeId: OTHER, text: 'Of the committee left' })]);
    let hang = false;
    const socket = Object.assign(fakeSocket(), {
      off() {
        return socket;
      },
    });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    queryClient.setQueryData<Committee[]>(queryKeys.committees, [committee]);
    renderWithApp(
      <RealtimeProvider token="t" committeeIds={[COMMITTEE_ID]} createSocket={() => socket as unknown as RealtimeSocket}>
        <NotificationBell />
      </RealtimeProvider>,
      // Once removed, the list's next read does not answer: what is shown meanwhile is what the cache kept.
      { handler: (call, init) => (hang ? new Promise<Response>(() => undefined) : handler(call, init)), queryClient },
    );
    await waitFor(() => expect(socket.connectCalls).toBeGreaterThan(0));
    await act(async () => socket.fire('connect'));
    await waitFor(() => expect(screen.getByTestId('bell-status')).toHaveTextContent('2 unread'));
    const panel = await openPanel();
    await waitFor(() => expect(within(panel).getAllByTestId('notification')).toHaveLength(2));

    hang = true;
    await act(async () => socket.fire('access-changed', { reason: 'membership-removed', committeeId: OTHER }));
    await waitFor(() =>
      expect(
        within(panel)
          .getAllByTestId('notification')
          .map((line) => line.textContent),
      ).toEqual([expect.stringContaining('Kept')]),
    );
    expect(screen.getByTestId('bell-status')).toHaveTextContent('1 unread');
  });

  it('should list densely, mark all read, and open one (marked read) at its record', async () => {
    const target = aNotification({ text: 'Chair (MITI) assigned you an action', title: 'Tender evaluation' });
    const older = aNotification({ kind: 'meeting.changed', entityType: 'meeting', text: 'The meeting moved to 3 pm', title: '' });
    const { state, handler } = server([target, older]);
    const view = renderWithApp(<NotificationBell />, { handler });
    await waitFor(() => expect(screen.getByTestId('bell-status')).toHaveTextContent('2 unread'));

    const panel = await openPanel();
    const lines = await within(panel).findAllByTestId('notification');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toHaveTextContent('Unread: Chair (MITI) assigned you an action — Tender evaluation');
    expect(within(lines[0] as HTMLElement).getByText(/ago$/)).toBeInTheDocument();
    expect(within(lines[1] as HTMLElement).getByRole('link')).toHaveAttribute('href', `/c/${COMMITTEE_ID}/meetings/${older.entityId}`);

    await userEvent.click(within(panel).getByRole('button', { name: 'Mark all read' }));
    expect(state.reads).toEqual([{ all: true }]);
    await waitFor(() => expect(screen.getByTestId('bell-status')).toHaveTextContent(''));
    expect(screen.queryByTestId('bell-count')).not.toBeInTheDocument();
    expect(within(panel).queryByText(/^Unread:/)).not.toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Mark all read' })).toBeDisabled();

    // A new unread one, opened: marked read and its record's page opens; the panel closes.
    const fresh = aNotification({ text: 'You were mentioned' });
    state.items = [fresh, ...state.items];
    await act(async () => view.queryClient.invalidateQueries());
    await waitFor(() => expect(screen.getByTestId('bell-status')).toHaveTextContent('1 unread'));
    await userEvent.click(within(panel).getByRole('link', { name: /You were mentioned/ }));
    expect(view.location.current.pathname).toBe(`/c/${COMMITTEE_ID}/actions/${fresh.entityId}`);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await waitFor(() => expect(state.reads).toEqual([{ all: true }, { ids: [fresh.id] }]));
    await waitFor(() => expect(screen.getByTestId('bell-status')).toHaveTextContent(''));
  });

  it('should open a paper, minutes and a comment on their meeting, and a record without a place at the committee home', async () => {
    const [meetingId, agendaItemId, minutesId, sectionId] = [uuid(), uuid(), uuid(), uuid()];
    const paper = aNotification({ kind: 'paper.added', entityType: 'document', ancestorIds: [agendaItemId, meetingId], text: 'A paper' });
    const minutes = aNotification({ kind: 'minutes.circulated', entityType: 'minutes', ancestorIds: [meetingId], text: 'The minutes' });
    const comment = aNotification({
      kind: 'mention',
      entityType: 'minutes-comment',
      ancestorIds: [sectionId, minutesId, meetingId],
      text: 'A comment',
    });
    const member = aNotification({ kind: 'record.changed', entityType: 'member', text: 'A member' });
    const { handler } = server([paper, minutes, comment, member]);
    const view = renderWithApp(<NotificationBell />, { handler });
    const panel = await openPanel();
    const hrefOf = async (name: RegExp) => (await within(panel).findByRole('link', { name })).getAttribute('href');
    expect(await hrefOf(/The minutes/)).toBe(`/c/${COMMITTEE_ID}/meetings/${meetingId}`);
    expect(await hrefOf(/A comment/)).toBe(`/c/${COMMITTEE_ID}/meetings/${meetingId}/minutes`);
    expect(await hrefOf(/A member/)).toBe(`/c/${COMMITTEE_ID}`);

    await userEvent.click(within(panel).getByRole('link', { name: /A paper/ }));
    expect(view.location.current.pathname).toBe(`/c/${COMMITTEE_ID}/meetings/${meetingId}`);
  });

  it('should lower the count as soon as one is opened, before the server answers', async () => {
    const [newest, opened] = [aNotification({ text: 'Newest' }), aNotification({ text: 'Opened one' })];
    const { handler } = server([newest, opened]);
    renderWithApp(<NotificationBell />, {
      handler: (call, init) => (call.method === 'POST' ? new Promise<Response>(() => undefined) : handler(call, init)),
    });
    await waitFor(() => expect(screen.getByTestId('bell-status')).toHaveTextContent('2 unread'));
    const panel = await openPanel();
    await within(panel).findByText('Opened one');
    await userEvent.click(within(panel).getByRole('link', { name: /Opened one/ }));
    await waitFor(() => expect(screen.getByTestId('bell-status')).toHaveTextContent('1 unread'));
  });

  it('should move through the lines with the arrow keys, and close with Escape back on the bell', async () => {
    const { handler } = server([aNotification({ text: 'One' }), aNotification({ text: 'Two' })]);
    renderWithApp(<NotificationBell />, { handler });
    const panel = await openPanel();
    await within(panel).findAllByTestId('notification');
    expect(within(panel).getByRole('heading', { name: 'Notifications' })).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}');
    expect(within(panel).getByRole('link', { name: /One/ })).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}');
    expect(within(panel).getByRole('link', { name: /Two/ })).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}');
    expect(within(panel).getByRole('link', { name: /One/ })).toHaveFocus();
    await userEvent.keyboard('{End}');
    expect(within(panel).getByRole('link', { name: /Two/ })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByTestId('bell')).toHaveFocus();
    expect(screen.getByTestId('bell')).toHaveAttribute('aria-expanded', 'false');
  });

  it('should close when the focus moves on past it', async () => {
    const { handler } = server([aNotification({ text: 'One' })]);
    renderWithApp(
      <>
        <NotificationBell />
        <button type="button">next in the bar</button>
      </>,
      { handler },
    );
    const panel = await openPanel();
    within(panel).getByRole('link', { name: 'Notification settings' }).focus();
    await userEvent.tab();
    expect(screen.getByRole('button', { name: 'next in the bar' })).toHaveFocus();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('should show older notifications a page at a time', async () => {
    const newer = aNotification({ text: 'Newer one' });
    const older = aNotification({ text: 'Older one' });
    const { calls } = renderWithApp(<NotificationBell />, {
      handler: (call) =>
        jsonResponse(200, call.url.includes('cursor=') ? page([older], 2) : { ...page([newer], 2), nextCursor: 'after-newer' }),
    });
    const panel = await openPanel();
    await within(panel).findByText('Newer one');
    await userEvent.click(within(panel).getByRole('button', { name: 'Show older' }));
    expect(await within(panel).findByText('Older one')).toBeInTheDocument();
    expect(within(panel).getAllByTestId('notification')).toHaveLength(2);
    expect(within(panel).queryByRole('button', { name: 'Show older' })).not.toBeInTheDocument();
    // The bell's count, the panel's first page, then the next by its cursor.
    expect(new Set(calls.map((call) => call.url))).toEqual(
      new Set(['/api/notifications?limit=1&unread=true', '/api/notifications?limit=30', '/api/notifications?limit=30&cursor=after-newer']),
    );
  });

  it('should say when there is nothing, and when the list could not be read (with a retry)', async () => {
    const empty = server([]);
    const view = renderWithApp(<NotificationBell />, { handler: empty.handler });
    let panel = await openPanel();
    expect(await within(panel).findByTestId('notifications-empty')).toHaveTextContent('No notifications yet.');
    await userEvent.click(within(panel).getByTestId('notifications-filter-unread'));
    expect(await within(panel).findByText('Nothing unread.')).toBeInTheDocument();
    view.unmount();

    let failing = true;
    const recovered = server([aNotification({ text: 'Back again' })]);
    renderWithApp(<NotificationBell />, {
      handler: (call, init) => (failing ? jsonResponse(500, { statusCode: 500, message: 'down' }) : recovered.handler(call, init)),
    });
    panel = await openPanel();
    expect(await within(panel).findByText('Notifications could not be loaded.')).toBeInTheDocument();
    failing = false;
    await userEvent.click(within(panel).getByRole('button', { name: 'Try again' }));
    expect(await within(panel).findByText('Back again')).toBeInTheDocument();
  });
});
