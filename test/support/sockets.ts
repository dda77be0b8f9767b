import type { ClientToServerEvents, ServerToClientEvents, SubscribeAck } from '@sidang/shared';
import { io, type Socket } from 'socket.io-client';

export type SidangSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const CONNECT_TIMEOUT_MS = 15_000;
const ACK_TIMEOUT_MS = 10_000;

/**
 * Opens a socket.io connection as `token` (websocket only, as the browser client does) and
 * resolves once connected. No automatic reconnection: a test must see a drop, not paper over it.
 */
export function connectSocket(url: string, token: string): Promise<SidangSocket> {
  const socket: SidangSocket = io(url, {
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: CONNECT_TIMEOUT_MS,
  });
  return new Promise((resolve, reject) => {
    const onConnect = (): void => {
      socket.off('connect_error', onError);
      resolve(socket);
    };
    const onError = (error: Error): void => {
      socket.off('connect', onConnect);
      socket.close();
      reject(new Error(`Socket connection to ${url} refused: ${error.message}`));
    };
    socket.once('connect', onConnect);
    socket.once('connect_error', onError);
  });
}

/** Subscribes to a committee's events; resolves with the committee's latest seq. */
export async function subscribe(socket: SidangSocket, committeeId: string): Promise<{ ok: true; seq: number }> {
  const ack: SubscribeAck = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('subscribe', { committeeId });
  if (!ack.ok) throw new Error(`subscribe to ${committeeId} refused: ${ack.error}`);
  return ack;
}
