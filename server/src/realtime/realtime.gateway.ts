import { Inject, Logger } from '@nestjs/common';
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
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { EventRelay } from './event-relay.js';

interface SocketData {
  actor: Actor;
  expiresAt: number;
  token: string;
  /** Committees this socket joined a room of. */
  committees: Set<string>;
  expiry?: NodeJS.Timeout;
  recheck?: NodeJS.Timeout;
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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(server: Server): void {
    this.relay.attach(server);
    server.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      this.auth
        .authenticate(token)
        .then((session) => {
          if (!session) return next(new Error('unauthorized: a valid access token is required'));
          Object.assign(socket.data as SocketData, session, { token, committees: new Set<string>() });
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
    socket.data.recheck = setInterval(() => void this.recheck(socket), this.config.SESSION_RECHECK_MS);
    socket.data.recheck.unref();
  }

  handleDisconnect(socket: AppSocket): void {
    clearTimeout(socket.data.expiry);
    clearInterval(socket.data.recheck);
  }

  /**
   * Rooms are joined by clearance at subscribe time; a user whose clearance changed is
   * disconnected (the client reconnects and catches up under the new clearance), and a socket
   * leaves the room of a committee its user is no longer a member of.
   */
  private async recheck(socket: AppSocket): Promise<void> {
    try {
      const session = await this.auth.authenticate(socket.data.token);
      if (!session || session.actor.clearance !== socket.data.actor.clearance) {
        socket.disconnect(true);
        return;
      }
      for (const committeeId of socket.data.committees) {
        if (await this.access.isMember(committeeId, session.actor.id)) continue;
        await socket.leave(rooms.committeeClearance(committeeId, socket.data.actor.clearance));
        socket.data.committees.delete(committeeId);
      }
    } catch (error) {
      this.logger.warn(`session re-check failed (tried again next time): ${(error as Error).message}`);
    }
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
      socket.data.committees.add(committeeId);
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
    socket.data.committees.delete(parsed.data.committeeId);
    return { ok: true, seq: await this.changes.latestSeq(parsed.data.committeeId) };
  }
}
