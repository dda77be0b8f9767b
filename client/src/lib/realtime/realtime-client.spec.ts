import { describe, expect, it } from '@jest/globals';
import type { SubscribeAck } from '@sidang/shared';
import { QueryClient } from '@tanstack/react-query';
import { COMMITTEE_ID } from '../../test/fixtures.ts';
import { createApiClient } from '../api/api-client.ts';
import { type ConnectionState, type RealtimeSocket, startRealtime } from './realtime-client.ts';

type Handler = (...args: unknown[]) => void;

/** Just what startRealtime uses of a socket.io socket, driven by the test. */
function fakeSocket() {
  const handlers = new Map<string, Handler[]>();
  const socket = {
    connected: false,
    active: true,
    on(event: string, handler: Handler) {
      handlers.set(event, [...(handlers.get(event) ?? []), handler]);
      return socket;
    },
    timeout() {
      return {
        emit: (_event: string, _request: unknown, ack: (error: Error | null, result: SubscribeAck) => void) =>
          ack(null, { ok: true, seq: 7 }),
      };
    },
    connect() {
      return socket;
    },
    disconnect() {
      socket.connected = false;
      return socket;
    },
    removeAllListeners() {
      handlers.clear();
      return socket;
    },
    fire(event: string, ...args: unknown[]) {
      if (event === 'connect') socket.connected = true;
      if (event === 'disconnect') socket.connected = false;
      for (const handler of handlers.get(event) ?? []) handler(...args);
    },
  };
  return socket;
}

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
