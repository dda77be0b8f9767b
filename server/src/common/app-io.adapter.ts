import { type INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable } from 'rxjs';
import type { Server, ServerOptions, Socket } from 'socket.io';
import { tagSocketMessages } from '../observability/log-ids.js';
import { originCheck } from './origin.js';

/**
 * The app's socket.io server factory: every server it creates refuses handshakes from browser
 * origins outside ALLOWED_ORIGINS (default: the app's own origin), whatever the gateway asks for.
 */
export class AppIoAdapter extends IoAdapter {
  /** Every socket.io server made here: a shutdown closes their connections. */
  readonly servers: Server[] = [];
  private readonly messages = new Logger('AppIoAdapter');

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

  /**
   * The gateways' message handlers as one plain listener per message, answering as Nest's own
   * does (an `{ event, data }` result is emitted, any other goes to the acknowledgement; nothing
   * once the socket has disconnected; a handler's failure is logged and the next message still
   * served). Nest's binds an observable pipeline per handler for the socket's whole life: about
   * 30 KiB of subscribers and closures on every live socket, most of what a socket cost.
   */
  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message, (...args: unknown[]) => {
        const { data, ack } = this.mapPayload(args.length === 1 ? args[0] : args);
        let results: Observable<unknown>;
        try {
          results = transform(callback(data, ack));
        } catch (error) {
          this.messages.error(error);
          return;
        }
        results.subscribe({
          next: (response) => {
            if (response === null || response === undefined || !socket.connected) return;
            const { event, data: payload } = response as { event?: string; data?: unknown };
            if (event) socket.emit(event, payload);
            else if (!isAckHandledManually && typeof ack === 'function') ack(response);
          },
          error: (error: unknown) => this.messages.error(error),
        });
      });
    }
  }
}
