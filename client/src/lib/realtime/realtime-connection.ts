import type { SubscribeAck } from '@sidang/shared';
import type { RealtimeSocket } from './realtime-client.ts';

/** The plumbing of one socket connection: acks with a deadline, one pending retry, auth errors. */

const ACK_TIMEOUT_MS = 10_000;
const RETRY_MS = 3_000;

/** Asks the server for a committee's stream; resolves with its answer (the committee's last seq). */
export function subscribe(socket: RealtimeSocket, committeeId: string): Promise<SubscribeAck> {
  return new Promise<SubscribeAck>((resolve, reject) => {
    socket.timeout(ACK_TIMEOUT_MS).emit('subscribe', { committeeId }, (error: Error | null, ack: SubscribeAck) => {
      if (error) reject(error);
      else resolve(ack);
    });
  });
}

/** At most one retry waits at a time: scheduling another replaces it. Nothing runs once stopped. */
export function createRetry(isStopped: () => boolean): { schedule: (run: () => void) => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    schedule(run) {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (!isStopped()) run();
      }, RETRY_MS);
    },
    cancel: () => clearTimeout(timer),
  };
}

/** The handshake was refused for the token: by the refusal's code, never by its English message. */
export function isAuthRefusal(error: Error & { data?: unknown }): boolean {
  const data = error.data as { statusCode?: number; code?: string } | undefined;
  return data?.code === 'unauthorized' || data?.statusCode === 401;
}
