import type { Server as HttpServer } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { Server as IoServer } from 'socket.io';
import { Lifecycle } from './lifecycle.js';

/** When the whole shutdown must be over: the process exits then, finished or not. */
export const SHUTDOWN_HARD_LIMIT_MS = 10_000;
/** How long in-flight HTTP requests get to finish before their connections are cut. */
export const SHUTDOWN_REQUEST_GRACE_MS = 7_000;

export interface DrainOptions {
  /** The socket.io servers of the app (AppIoAdapter.servers). */
  ioServers: readonly IoServer[];
  /** How long in-flight requests may take (default SHUTDOWN_REQUEST_GRACE_MS). */
  graceMs?: number;
  log?: (message: string) => void;
}

/**
 * Drains an instance (SIGTERM): readiness turns 503 and the port stops accepting connections;
 * idle keep-alive connections close and answers still to come close theirs; every socket.io
 * connection is closed at its transport, which socket.io clients answer by reconnecting (to
 * another instance, since this one no longer accepts); in-flight requests finish (for at most
 * `graceMs`); then the app closes: workers stop (relay, notifications, mail, sweeps), Redis
 * clients quit and the database pool closes.
 */
export async function drainAndClose(app: INestApplication, options: DrainOptions): Promise<void> {
  const log = options.log ?? (() => undefined);
  const graceMs = options.graceMs ?? SHUTDOWN_REQUEST_GRACE_MS;
  app.get(Lifecycle).startDraining();
  const server = app.getHttpServer() as HttpServer;
  const closed = new Promise<void>((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
  });
  // A proxy may still hold a keep-alive connection here: every answer from now on closes its
  // connection, and a WebSocket upgrade (a socket.io client reconnecting) is cut before any
  // answer, so the proxy tries the next instance (nginx: `proxy_next_upstream error`).
  server.prependListener('request', (_request, response) => {
    response.shouldKeepAlive = false;
  });
  server.removeAllListeners('upgrade');
  server.on('upgrade', (_request, socket: { destroy(): void }) => socket.destroy());
  server.closeIdleConnections();
  let sockets = 0;
  for (const io of options.ioServers) {
    // A polling handshake that still reaches this instance is refused; the client tries again.
    const engine = io.engine as unknown as {
      opts: { allowRequest?: (request: unknown, callback: (error: string | null, ok: boolean) => void) => void };
    };
    engine.opts.allowRequest = (_request, callback) => callback('draining', false);
    const clients = Object.values((io.engine as unknown as { clients?: Record<string, { close(): void }> })?.clients ?? {});
    sockets += clients.length;
    // The transport, not a socket.io "disconnect": a client told `io server disconnect` would
    // not reconnect by itself; one whose transport closed does, elsewhere.
    for (const client of clients) client.close();
  }
  log(`draining: no new connections; ${sockets} live socket(s) told to reconnect elsewhere; waiting for in-flight requests`);
  let timer: NodeJS.Timeout | undefined;
  const finished = await Promise.race([
    closed.then(() => true),
    new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), graceMs);
    }),
  ]);
  clearTimeout(timer);
  if (!finished) {
    log(`draining: requests still open after ${graceMs} ms were cut`);
    server.closeAllConnections();
  }
  await app.close();
}
