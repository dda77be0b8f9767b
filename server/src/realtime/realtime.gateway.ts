import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import {
  type ClientToServerEvents,
  rooms,
  type ServerToClientEvents,
  SOCKET_EVENTS,
  type SubscribeAck,
  subscribeRequestSchema,
} from '@sidang/shared';
import type { Server, Socket } from 'socket.io';
import { AccessService } from '../access/access.service.js';
import type { Actor } from '../access/actor.js';
import { AuthService } from '../auth/auth.service.js';
import { ChangesService } from '../changes/changes.service.js';
import { EventRelay } from './event-relay.js';

interface SocketData {
  actor: Actor;
  expiresAt: number;
  expiry?: NodeJS.Timeout;
}
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Thin edge of the realtime channel: authenticates the handshake, checks membership before a
 * socket joins its committee room, and leaves delivery to the relay.
 */
@WebSocketGateway({ serveClient: false, maxHttpBufferSize: 64 * 1024 })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(RealtimeGateway.name);

  constructor(
    private readonly auth: AuthService,
    private readonly access: AccessService,
    private readonly changes: ChangesService,
    private readonly relay: EventRelay,
  ) {}

  afterInit(server: Server): void {
    this.relay.attach(server);
    server.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      this.auth
        .authenticate(token)
        .then((session) => {
          if (!session) return next(new Error('unauthorized: a valid access token is required'));
          Object.assign(socket.data as SocketData, session);
          next();
        })
        .catch(() => next(new Error('unauthorized: could not verify the token')));
    });
  }

  handleConnection(socket: AppSocket): void {
    // A socket lives no longer than its token.
    const remaining = Math.min(Math.max(socket.data.expiresAt - Date.now(), 0), MAX_TIMER_MS);
    socket.data.expiry = setTimeout(() => socket.disconnect(true), remaining);
    socket.data.expiry.unref();
  }

  handleDisconnect(socket: AppSocket): void {
    clearTimeout(socket.data.expiry);
  }

  @SubscribeMessage(SOCKET_EVENTS.subscribe)
  async subscribe(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<SubscribeAck> {
    const parsed = subscribeRequestSchema.safeParse(body);
    if (!parsed.success) return { ok: false, error: 'committeeId: must be a UUID' };
    const { committeeId } = parsed.data;
    try {
      const access = await this.access.forCommittee(socket.data.actor, committeeId);
      if (!access) return { ok: false, error: 'Not a member of this committee' };
      await socket.join(rooms.committeeClearance(committeeId, access.clearance));
      // Read after joining: anything newer reaches the socket live, anything older by catch-up.
      const seq = await this.changes.latestSeq(committeeId);
      this.relay.track(committeeId, seq);
      return { ok: true, seq };
    } catch (error) {
      this.logger.warn(`subscribe failed: ${(error as Error).message}`);
      return { ok: false, error: 'Could not subscribe; try again' };
    }
  }

  @SubscribeMessage(SOCKET_EVENTS.unsubscribe)
  async unsubscribe(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<SubscribeAck> {
    const parsed = subscribeRequestSchema.safeParse(body);
    if (!parsed.success) return { ok: false, error: 'committeeId: must be a UUID' };
    await socket.leave(rooms.committeeClearance(parsed.data.committeeId, socket.data.actor.clearance));
    return { ok: true, seq: await this.changes.latestSeq(parsed.data.committeeId) };
  }
}
