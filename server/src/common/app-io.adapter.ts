import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';
import { tagSocketMessages } from '../observability/log-ids.js';
import { originCheck } from './origin.js';

/**
 * The app's socket.io server factory: every server it creates refuses handshakes from browser
 * origins outside ALLOWED_ORIGINS (default: the app's own origin), whatever the gateway asks for.
 */
export class AppIoAdapter extends IoAdapter {
  /** Every socket.io server made here: a shutdown closes their connections. */
  readonly servers: Server[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly allowedOrigins: readonly string[] | undefined,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, { ...options, allowRequest: originCheck(this.allowedOrigins) } as ServerOptions);
    if (!this.servers.includes(server)) this.servers.push(server);
    // Each socket message gets a request id of its own (log lines, refusing acknowledgements).
    tagSocketMessages(server);
    return server;
  }
}
