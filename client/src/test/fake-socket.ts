import type { SubscribeAck } from '@sidang/shared';

type Handler = (...args: unknown[]) => void;

/** Just what startRealtime uses of a socket.io socket, driven by the test. */
export function fakeSocket(answer: (committeeId: string) => SubscribeAck = () => ({ ok: true, seq: 7 })) {
  const handlers = new Map<string, Handler[]>();
  const socket = {
    connected: false,
    /** How many times the client asked to connect (it connects once it is set up). */
    connectCalls: 0,
    active: true,
    on(event: string, handler: Handler) {
      handlers.set(event, [...(handlers.get(event) ?? []), handler]);
      return socket;
    },
    timeout() {
      return {
        emit: (_event: string, request: { committeeId: string }, ack: (error: Error | null, result: SubscribeAck) => void) =>
          ack(null, answer(request.committeeId)),
      };
    },
    connect() {
      socket.connectCalls += 1;
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
