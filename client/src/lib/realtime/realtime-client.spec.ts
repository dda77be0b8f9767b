import { describe, expect, it } from '@jest/globals';
import type { ActionItem, SubscribeAck } from '@sidang/shared';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { fakeSocket } from '../../test/fake-socket.ts';
import { CHAIR_ID, COMMITTEE_ID, committee, MEMBER_ID, makeActionItem, makeProgressUpdate, members } from '../../test/fixtures.ts';
import { createApiClient } from '../api/api-client.ts';
import { persistKeyFor, saveQueryCache, startQueryPersistence } from '../offline/query-persistence.ts';
import { queryKeys } from '../query-keys.ts';
import { type AccessNotice, type ConnectionState, type RealtimeSocket, startRealtime } from './realtime-client.ts';

function start() {
  const socket = fakeSocket();
  const states: ConnectionState[] = [];
  const queryClient = new QueryClient();
  const stop = startRealtime({
    token: 't',
    committeeIds: [COMMITTEE_ID],
    api: createApiClient({ getToken: () => 't', fetch: () => Promise.reject(new TypeError('offline')) }),
    queryClient,
    onStateChange: (state) => states.push(state),
    onUnauthorized: () => undefined,
    createSocket: () => socket as unknown as RealtimeSocket,
  });
  return { socket, states, stop, queryClient };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe(startRealtime.name, () => {
  it('should report connecting, then catching up, then live once subscribed', async () => {
    const { socket, states, stop } = start();
    expect(states).toEqual(['connecting']);
    socket.fire('connect');
    await settle();
    expect(states).toEqual(['connecting', 'catching-up', 'live']);
    stop();
  });

  it('should report offline when the connection drops or cannot be made, and catch up on return', async () => {
    const { socket, states, stop } = start();
    socket.fire('connect_error', new Error('xhr poll error'));
    expect(states.at(-1)).toBe('offline');
    socket.fire('connect');
    await settle();
    expect(states.at(-1)).toBe('live');
    socket.fire('disconnect', 'transport close');
    expect(states.at(-1)).toBe('offline');
    stop();
  });

  it("should ask for a reload, not a sign-in, when the server refuses this page's protocol version", () => {
    const socket = fakeSocket();
    let outdated = 0;
    let unauthorized = 0;
    const stop = startRealtime({
      token: 't',
      committeeIds: [COMMITTEE_ID],
      api: createApiClient({ getToken: () => 't', fetch: () => Promise.reject(new TypeError('offline')) }),
      queryClient: new QueryClient(),
      onStateChange: () => undefined,
      onUnauthorized: () => {
        unauthorized += 1;
      },
      onOutdated: () => {
        outdated += 1;
      },
      createSocket: () => socket as unknown as RealtimeSocket,
    });
    socket.fire('connect_error', new Error('xhr poll error'));
    expect(outdated).toBe(0);
    socket.fire(
      'connect_error',
      Object.assign(new Error('protocol_mismatch: reload'), { data: { code: 'protocol_mismatch', protocol: 3 } }),
    );
    expect(outdated).toBe(1);
    expect(unauthorized).toBe(0);
    stop();
  });

  it('should report nothing more once stopped', async () => {
    const { socket, states, stop } = start();
    stop();
    socket.fire('connect');
    await settle();
    expect(states).toEqual(['connecting']);
  });

  it('should reload cached data when the server closes the connection on purpose', async () => {
    const { socket, stop, queryClient } = start();
    socket.fire('connect');
    await settle();
    queryClient.setQueryData(['cached'], 'stale');
    socket.fire('disconnect', 'transport close');
    expect(queryClient.getQueryState(['cached'])?.isInvalidated).toBe(false);
    socket.fire('disconnect', 'io server disconnect');
    expect(queryClient.getQueryState(['cached'])?.isInvalidated).toBe(true);
    stop();
  });
});

const OTHER_COMMITTEE = '44444444-4444-4444-8444-444444444444';

/** Two committees, persistence of the user's cache on, and every report recorded. */
function startWithCache(answer?: (committeeId: string) => SubscribeAck) {
  localStorage.clear();
  const socket = fakeSocket(answer);
  const states: ConnectionState[] = [];
  const committeeStates: Array<[string, string]> = [];
  const notices: AccessNotice[] = [];
  let unauthorized = 0;
  const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Number.POSITIVE_INFINITY } } });

  const secret = makeActionItem({ title: 'Secret red lines', classification: 'SECRET', version: 2 });
  const open = makeActionItem({ title: 'Open agenda', classification: 'OPEN' });
  const elsewhere = makeActionItem({ title: 'Working group item', committeeId: OTHER_COMMITTEE });
  // All of it was opened in an earlier session and is on the device.
  const earlier = newClient();
  earlier.setQueryData(queryKeys.actionItemList(COMMITTEE_ID, {}), [secret, open]);
  earlier.setQueryData(queryKeys.actionItem(secret.id), secret);
  earlier.setQueryData(queryKeys.progressUpdates(secret.id), [makeProgressUpdate(secret.id, { body: 'Thread of the secret item' })]);
  earlier.setQueryData(queryKeys.members(COMMITTEE_ID), members);
  earlier.setQueryData(queryKeys.committee(COMMITTEE_ID), committee);
  earlier.setQueryData(queryKeys.actionItemList(OTHER_COMMITTEE, {}), [elsewhere]);
  saveQueryCache(earlier, localStorage, MEMBER_ID);

  const queryClient = newClient();
  const stopPersistence = startQueryPersistence({ queryClient, storage: localStorage, userId: MEMBER_ID, throttleMs: 60_000 });

  const stop = startRealtime({
    token: 't',
    committeeIds: [COMMITTEE_ID, OTHER_COMMITTEE],
    api: createApiClient({ getToken: () => 't', fetch: () => Promise.reject(new TypeError('offline')) }),
    queryClient,
    onStateChange: (state) => states.push(state),
    onCommitteeStateChange: (committeeId, state) => committeeStates.push([committeeId, state]),
    onAccessChanged: (notice) => notices.push(notice),
    onUnauthorized: () => {
      unauthorized += 1;
    },
    createSocket: () => socket as unknown as RealtimeSocket,
  });
  const persisted = () => localStorage.getItem(persistKeyFor(MEMBER_ID)) ?? '';
  return {
    socket,
    states,
    committeeStates,
    notices,
    queryClient,
    persisted,
    secret,
    open,
    elsewhere,
    unauthorized: () => unauthorized,
    stop: () => {
      stop();
      stopPersistence();
    },
  };
}

describe('access changes', () => {
  it('should keep a committee whose subscribe failed only for now, and not drop its records', async () => {
    const view = startWithCache((committeeId) =>
      committeeId === COMMITTEE_ID
        ? { ok: false, error: 'Could not subscribe; try again', code: 'unavailable' as const }
        : { ok: true, seq: 3 },
    );
    view.socket.fire('connect');
    await settle();
    expect(view.notices).toEqual([]);
    expect(view.committeeStates.filter(([id]) => id === COMMITTEE_ID).map(([, state]) => state)).not.toContain('no-access');
    expect(view.queryClient.getQueryData(queryKeys.actionItem(view.secret.id))).toBeDefined();
    view.stop();
  });

  it('should leave catching-up when a subscribe is refused, and drop that committee from memory and the device', async () => {
    const view = startWithCache((committeeId) =>
      committeeId === COMMITTEE_ID ? { ok: false, error: 'not a member', code: 'not-member' as const } : { ok: true, seq: 3 },
    );
    view.socket.fire('connect');
    await settle();
    expect(view.committeeStates.filter(([id]) => id === COMMITTEE_ID).at(-1)).toEqual([COMMITTEE_ID, 'no-access']);
    expect(view.committeeStates.filter(([id]) => id === OTHER_COMMITTEE).at(-1)).toEqual([OTHER_COMMITTEE, 'live']);
    expect(view.states.at(-1)).toBe('live');
    expect(view.notices).toEqual([{ reason: 'subscribe-refused', committeeId: COMMITTEE_ID }]);
    expect(view.queryClient.getQueryData(queryKeys.actionItemList(COMMITTEE_ID, {}))).toBeUndefined();
    expect(view.queryClient.getQueryData(queryKeys.actionItem(view.secret.id))).toBeUndefined();
    expect(view.queryClient.getQueryData(queryKeys.progressUpdates(view.secret.id))).toBeUndefined();
    expect(view.queryClient.getQueryData(queryKeys.members(COMMITTEE_ID))).toBeUndefined();
    expect(view.persisted()).not.toContain('Secret red lines');
    expect(view.persisted()).not.toContain('Thread of the secret item');
    expect(view.persisted()).toContain('Working group item');
    // Nothing of it is applied any more.
    view.socket.fire('event', {
      seq: 9,
      committeeId: COMMITTEE_ID,
      type: 'action-item.created',
      entityId: view.open.id,
      version: 1,
      actorId: CHAIR_ID,
      at: '2025-06-03T00:00:00.000Z',
      data: view.open,
    });
    expect(view.queryClient.getQueryData(queryKeys.actionItem(view.open.id))).toBeUndefined();
    view.stop();
  });

  it('should drop a committee at once when the user is removed from it while live', async () => {
    const view = startWithCache();
    view.socket.fire('connect');
    await settle();
    // The list is on screen.
    const onScreen = new QueryObserver(view.queryClient, { queryKey: queryKeys.actionItemList(COMMITTEE_ID, {}), enabled: false });
    const unsubscribe = onScreen.subscribe(() => undefined);
    expect(onScreen.getCurrentResult().data).toHaveLength(2);
    view.socket.fire('access-changed', { reason: 'membership-removed', committeeId: COMMITTEE_ID });
    expect(onScreen.getCurrentResult().data).toBeUndefined();
    unsubscribe();
    expect(view.notices).toEqual([{ reason: 'membership-removed', committeeId: COMMITTEE_ID }]);
    expect(view.committeeStates.at(-1)).toEqual([COMMITTEE_ID, 'no-access']);
    expect(view.queryClient.getQueryData(queryKeys.actionItemList(COMMITTEE_ID, {}))).toBeUndefined();
    expect(view.queryClient.getQueryData(queryKeys.committee(COMMITTEE_ID))).toBeUndefined();
    expect(view.queryClient.getQueryData(queryKeys.actionItemList(OTHER_COMMITTEE, {}))).toEqual([view.elsewhere]);
    expect(view.persisted()).not.toContain('Secret red lines');
    expect(view.persisted()).toContain('Working group item');
    // A reconnect does not subscribe to it again.
    const asked: string[] = [];
    const emit = view.socket.timeout;
    view.socket.timeout = () => ({
      emit: (event: string, request: { committeeId: string }, ack: (error: Error | null, result: SubscribeAck) => void) => {
        asked.push(request.committeeId);
        emit().emit(event, request, ack);
      },
    });
    view.socket.fire('disconnect', 'transport close');
    view.socket.fire('connect');
    await settle();
    expect(asked).toEqual([OTHER_COMMITTEE]);
    view.stop();
  });

  it('should drop records above a lowered clearance, project field levels, and reload the rest', async () => {
    const view = startWithCache();
    view.socket.fire('connect');
    await settle();
    const levelled = makeActionItem({
      title: 'Negotiation',
      classification: 'OPEN',
      description: 'Red line: 12 per cent',
      fieldClassifications: { description: 'SECRET' },
    } as Partial<ActionItem>);
    view.queryClient.setQueryData(queryKeys.actionItem(levelled.id), levelled);
    view.socket.fire('access-changed', { reason: 'clearance-changed', committeeId: null, clearance: 'CONFIDENTIAL' });
    expect(view.notices.at(-1)).toEqual({ reason: 'clearance-changed', committeeId: null, clearance: 'CONFIDENTIAL' });
    expect(view.queryClient.getQueryData<ActionItem[]>(queryKeys.actionItemList(COMMITTEE_ID, {}))?.map((i) => i.id)).toEqual([
      view.open.id,
    ]);
    expect(view.queryClient.getQueryData(queryKeys.actionItem(view.secret.id))).toBeUndefined();
    expect(view.queryClient.getQueryData(queryKeys.progressUpdates(view.secret.id))).toBeUndefined();
    const projected = view.queryClient.getQueryData<ActionItem & { redactedFields?: string[] }>(queryKeys.actionItem(levelled.id));
    expect(projected?.description).toBeUndefined();
    expect(projected?.redactedFields).toEqual(['description']);
    expect(view.queryClient.getQueryState(queryKeys.actionItemList(OTHER_COMMITTEE, {}))?.isInvalidated).toBe(true);
    expect(view.persisted()).not.toContain('Secret red lines');
    expect(view.persisted()).not.toContain('Red line: 12 per cent');
    view.stop();
  });

  it.each(['signed-out', 'deactivated'] as const)('should clear everything, on the device too, when the account is %s', async (reason) => {
    const view = startWithCache();
    view.socket.fire('connect');
    await settle();
    view.socket.fire('access-changed', { reason, committeeId: null });
    expect(view.queryClient.getQueryCache().getAll()).toHaveLength(0);
    expect(localStorage.getItem(persistKeyFor(MEMBER_ID))).toBeNull();
    expect(view.unauthorized()).toBe(1);
    view.stop();
  });
});
