import { describe, expect, it } from '@jest/globals';
import type { Committee, SubscribeAck } from '@sidang/shared';
import { QueryClient } from '@tanstack/react-query';
import { act, screen, waitFor } from '@testing-library/react';
import { queryKeys } from '../../lib/query-keys.ts';
import type { RealtimeSocket } from '../../lib/realtime/realtime-client.ts';
import { RealtimeProvider } from '../../lib/realtime/realtime-provider.tsx';
import { fakeSocket } from '../../test/fake-socket.ts';
import { COMMITTEE_ID, committee, makeActionItem } from '../../test/fixtures.ts';
import { renderWithApp } from '../../test/render.tsx';
import { AccessBanner } from './access-banner.tsx';
import { ConnectionIndicator } from './connection-indicator.tsx';

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

function renderProvider(answer?: (committeeId: string) => SubscribeAck) {
  const socket = fakeSocket(answer);
  const createSocket = () => socket as unknown as RealtimeSocket;
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Number.POSITIVE_INFINITY } } });
  queryClient.setQueryData<Committee[]>(queryKeys.committees, [committee]);
  queryClient.setQueryData(queryKeys.actionItemList(COMMITTEE_ID, {}), [makeActionItem({ title: 'Tender evaluation' })]);
  renderWithApp(
    <RealtimeProvider token="t" committeeIds={[COMMITTEE_ID]} createSocket={createSocket}>
      <ConnectionIndicator committeeId={COMMITTEE_ID} />
      <AccessBanner />
    </RealtimeProvider>,
    { queryClient },
  );
  return { socket, queryClient };
}

/** The realtime client loads after the first render (a chunk of its own): wait for its socket. */
async function connect(socket: ReturnType<typeof fakeSocket>) {
  await waitFor(() => expect(socket.connectCalls).toBeGreaterThan(0));
  await act(async () => socket.fire('connect'));
}

describe(RealtimeProvider.name, () => {
  it('should name the committee the user was removed from, read before its caches went', async () => {
    const { socket, queryClient } = renderProvider();
    await connect(socket);
    await settle();
    expect(screen.getByRole('status')).toHaveAttribute('data-state', 'live');

    await act(async () => socket.fire('access-changed', { reason: 'membership-removed', committeeId: COMMITTEE_ID }));
    expect(screen.getByRole('alert')).toHaveTextContent(`You were removed from JTK-REE — ${committee.name}.`);
    expect(screen.getByRole('status')).toHaveAttribute('data-state', 'no-access');
    expect(queryClient.getQueryData(queryKeys.actionItemList(COMMITTEE_ID, {}))).toBeUndefined();
    expect(queryClient.getQueryData<Committee[]>(queryKeys.committees)).toEqual([]);
  });

  it('should show "no access", not "catching up", for a committee whose subscribe was refused', async () => {
    const { socket } = renderProvider(() => ({ ok: false, error: 'not a member', code: 'not-member' as const }));
    await connect(socket);
    await settle();
    expect(screen.getByRole('status')).toHaveAttribute('data-state', 'no-access');
    expect(screen.getByRole('status')).toHaveTextContent('No access');
    expect(screen.getByRole('alert')).toHaveTextContent(`You no longer have access to JTK-REE — ${committee.name}.`);
  });
});
