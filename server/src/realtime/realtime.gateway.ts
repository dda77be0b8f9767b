import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
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
  type AccessChanged,
  type Annotation,
  acceptsProtocol,
  type Classification,
  type ClientToServerEvents,
  classificationLevel,
  lowerOf,
  type Notification,
  PROTOCOL_MISMATCH,
  PROTOCOL_VERSION,
  type PresenceAck,
  type ProtocolMismatch,
  presenceRequestSchema,
  type Role,
  rooms,
  type ServerToClientEvents,
  SOCKET_EVENTS,
  type SubscribeAck,
  subscribeRequestSchema,
} from '@sidang/shared';
import type { Subscription } from 'rxjs';
import type { Server, Socket } from 'socket.io';
import { AccessService, type SessionScope } from '../access/access.service.js';
import type { Actor } from '../access/actor.js';
import { roleMay } from '../access/policy.js';
import { AuthService } from '../auth/auth.service.js';
import { SessionEvents } from '../auth/session-events.js';
import { viewLevelFor } from '../auth/view-level.js';
import { ChangesService } from '../changes/changes.service.js';
import { UserBus } from '../changes/user-bus.js';
import { socketRefusal } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { EventRelay } from './event-relay.js';
import { PresenceService, presenceRoom } from './presence.js';
import { SOCKET_MAX_FRAME_BYTES, SocketCap } from './socket-limits.js';

interface SocketData {
  actor: Actor;
  expiresAt: number;
  /** The sign-in session the token belongs to: signing out closes its sockets. */
  sessionId: string;
  token: string;
  /** The level this socket asked to be served at (handshake `auth.viewLevel`, a projector): never above the user's clearance. */
  viewLevel?: Classification;
  /** Committees this socket subscribed to (it is in exactly one room of each), with its role there. */
  committees: Map<string, Role>;
  expiry?: NodeJS.Timeout;
  recheck?: NodeJS.Timeout;
}
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const MAX_TIMER_MS = 2 ** 31 - 1;

/** The handshake refusal for a client of another wire protocol: `connect_error` with `data.code`. */
function protocolMismatch(protocol: unknown): Error & { data: ProtocolMismatch } {
  const error = new Error(
    `${PROTOCOL_MISMATCH}: this client speaks protocol ${String(JSON.stringify(protocol)).slice(0, 40)}, the server ${PROTOCOL_VERSION}; reload`,
  ) as Error & { data: ProtocolMismatch };
  error.data = { code: PROTOCOL_MISMATCH, protocol: PROTOCOL_VERSION };
  return error;
}

/**
 * Thin edge of the realtime channel: authenticates the handshake, checks membership before a
 * socket joins its committee room, and re-scopes live sockets when their user's access changes.
 * Delivery is the relay's.
 */
@WebSocketGateway({ serveClient: false, maxHttpBufferSize: SOCKET_MAX_FRAME_BYTES })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger(RealtimeGateway.name);
  /** This node's live sockets by user. */
  private readonly sessions = new Map<string, Set<AppSocket>>();
  private readonly subscriptions: Subscription[] = [];
  /** SOCKETS_PER_USER_MAX on this node (made in afterInit, before any handshake). */
  private cap = new SocketCap(Number.POSITIVE_INFINITY);

  constructor(
    private readonly auth: AuthService,
    private readonly access: AccessService,
    private readonly changes: ChangesService,
    private readonly relay: EventRelay,
    private readonly sessionEvents: SessionEvents,
    private readonly presence: PresenceService,
    private readonly userBus: UserBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(server: Server): void {
    // The relay calls back, in log order, for every change of a committee's memberships.
    this.relay.attach(server, (_committeeId, userId) => this.rescopeUser(userId));
    this.presence.attach(server);
    // Notifications: to the user's own room, which only sockets served at their own clearance join.
    this.userBus.attachSockets({
      has: (userId) => this.sessions.has(userId),
      emit: (userId, payload, event = SOCKET_EVENTS.notification) => {
        const room = server.local.to(rooms.user(userId));
        if (event === SOCKET_EVENTS.annotation) room.emit(event, payload as Annotation);
        else if (event === SOCKET_EVENTS.annotationRemoved) room.emit(event, payload as { id: string });
        else room.emit(SOCKET_EVENTS.notification, payload as Notification);
      },
    });
    // Sign-out (on any instance) closes the sockets of the sessions it ended.
    this.subscriptions.push(this.sessionEvents.revoked$.subscribe(({ userId, sessionId }) => void this.onRevoked(userId, sessionId)));
    server.use((socket, next) => {
      const { token, viewLevel, protocol } =
        (socket.handshake.auth as { token?: unknown; viewLevel?: unknown; protocol?: unknown } | undefined) ?? {};
      // An app built for another wire protocol is told to reload; a script that names none is served.
      if (!acceptsProtocol(protocol)) return next(protocolMismatch(protocol));
      this.auth
        .authenticate(token)
        .then((session) => {
          if (!session) return next(socketRefusal('unauthorized', 401, 'unauthorized: a valid access token is required'));
          // A projector's socket is served below its user's clearance: its rooms are that level's.
          const view = viewLevelFor(session.actor.clearance, viewLevel);
          if (!view.ok) return next(socketRefusal('invalid_input', 400, `viewLevel: ${view.message}`));
          const actor = { ...session.actor, clearance: view.clearance };
          // A session the MFA policy serves below its user's clearance stays there on every re-read
          // of the account (its `viewLevel`), until it signs in again with a second factor.
          const lowered = viewLevel === undefined && !session.mfaLimited ? {} : { viewLevel: view.clearance };
          Object.assign(socket.data as SocketData, session, { actor, token, committees: new Map<string, Role>() }, lowered);
          next();
        })
        .catch((error: unknown) => {
          // The token could not be checked (the database does not answer): no verdict on it, so
          // `busy`, which a client retries, never `unauthorized`, which signs its person out.
          this.logger.warn(`Handshake refused for now, the session could not be checked: ${(error as Error).message}`);
          next(socketRefusal('busy', 503, 'busy: the session could not be checked now; try again shortly'));
        });
    });
    // After the token check, so the slot is the user's; synchronous, so a burst cannot pass the cap together.
    this.cap = new SocketCap(this.config.SOCKETS_PER_USER_MAX);
    server.use((socket, next) => {
      const { actor } = socket.data as Partial<SocketData>;
      next(actor ? this.cap.admit(actor.id, socket) : undefined);
    });
  }

  handleConnection(socket: AppSocket): void {
    // The HTTP request of the handshake is read (`socket.handshake` keeps its headers and auth):
    // engine.io would hold it, and its parser state, for the socket's whole life.
    (socket.conn as { request: unknown }).request = null;
    if (!socket.data.actor) return;
    const userId = socket.data.actor.id;
    const mine = this.sessions.get(userId) ?? new Set<AppSocket>();
    mine.add(socket);
    this.sessions.set(userId, mine);
    // A projector's socket (served below its user's clearance, on a shared screen) gets no personal notifications.
    if (socket.data.viewLevel === undefined) socket.join(rooms.user(userId));
    // Every screen served as this user, a projector they opened too: the papers rule withholds from all of them.
    socket.join(rooms.reader(userId));
    // A socket lives no longer than its token.
    const remaining = Math.min(Math.max(socket.data.expiresAt - Date.now(), 0), MAX_TIMER_MS);
    socket.data.expiry = setTimeout(() => socket.disconnect(true), remaining);
    socket.data.expiry.unref();
    // Safety net behind the change log: the account and memberships are read again now and then.
    socket.data.recheck = setInterval(() => void this.recheck(socket), this.config.SESSION_RECHECK_MS);
    socket.data.recheck.unref();
  }

  handleDisconnect(socket: AppSocket): void {
    clearTimeout(socket.data.expiry);
    clearInterval(socket.data.recheck);
    void this.presence.leaveAll(socket.id);
    if (!socket.data.actor) return;
    this.cap.release(socket.data.actor.id, socket.id);
    for (const committeeId of socket.data.committees.keys()) this.relay.release(committeeId);
    socket.data.committees.clear();
    const mine = this.sessions.get(socket.data.actor.id);
    mine?.delete(socket);
    if (mine?.size === 0) this.sessions.delete(socket.data.actor.id);
  }

  @SubscribeMessage(SOCKET_EVENTS.subscribe)
  async subscribe(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<SubscribeAck> {
    const parsed = subscribeRequestSchema.safeParse(body);
    if (!parsed.success) return { ok: false, error: 'committeeId: must be a UUID', code: 'invalid' };
    const { committeeId } = parsed.data;
    try {
      // Read afresh: the clearance and role in force now, not those of the handshake.
      const scope = await this.access.sessionScope(socket.data.actor.id);
      const seq = await this.changes.latestSeq(committeeId);
      if (!socket.connected) return { ok: false, error: 'Disconnected', code: 'unavailable' };
      if (scope) this.applyScope(socket, scope);
      const role = scope?.active ? scope.roles.get(committeeId) : undefined;
      if (!role) return { ok: false, error: 'Not a member of this committee', code: 'not-member' };
      // Once per socket and committee, however often it asks: one room, one cursor reference.
      if (!socket.data.committees.has(committeeId)) {
        socket.join(this.roomsOf(socket, committeeId, role, socket.data.actor.clearance));
        socket.data.committees.set(committeeId, role);
        // Events committed since `seq` was read reach the socket live or by its catch-up.
        this.relay.track(committeeId, seq);
      }
      return { ok: true, seq };
    } catch (error) {
      this.logger.warn(`subscribe failed: ${(error as Error).message}`);
      return { ok: false, error: 'Could not subscribe; try again', code: 'unavailable' };
    }
  }

  @SubscribeMessage(SOCKET_EVENTS.unsubscribe)
  async unsubscribe(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<SubscribeAck> {
    const parsed = subscribeRequestSchema.safeParse(body);
    if (!parsed.success) return { ok: false, error: 'committeeId: must be a UUID', code: 'invalid' };
    const { committeeId } = parsed.data;
    // Only a subscription this socket holds (so only a committee it is a member of) answers a seq.
    if (!this.leave(socket, committeeId)) return { ok: false, error: 'Not subscribed to this committee', code: 'not-member' };
    return { ok: true, seq: await this.changes.latestSeq(committeeId) };
  }

  onModuleDestroy(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }

  @SubscribeMessage(SOCKET_EVENTS.presenceJoin)
  async presenceJoin(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<PresenceAck> {
    const parsed = presenceRequestSchema.safeParse(body);
    if (!parsed.success) return { ok: false, error: 'meetingId: must be a UUID' };
    const { meetingId } = parsed.data;
    try {
      // Only a meeting the user may see: a member of its committee, cleared for its level.
      const record = await this.changes.recordState(meetingId);
      const scope = await this.access.sessionScope(socket.data.actor.id);
      const allowed =
        record?.entityType === 'meeting' &&
        !record.deleted &&
        scope?.active === true &&
        scope.roles.has(record.committeeId) &&
        record.level <= classificationLevel(this.clearanceOf(socket, scope)) &&
        (!record.draft || this.seesDrafts(socket, scope.roles.get(record.committeeId)));
      if (!allowed || !socket.connected) return { ok: false, error: 'Meeting not found' };
      const level = classificationLevel(this.clearanceOf(socket, scope));
      const present = await this.presence.join(meetingId, {
        socketId: socket.id,
        userId: socket.data.actor.id,
        name: socket.data.actor.name,
        level,
      });
      // Raised or deleted while this join was being checked: the eviction may have run before it.
      const now = await this.changes.recordState(meetingId);
      if (
        !now ||
        now.deleted ||
        now.level > level ||
        (now.draft && !this.seesDrafts(socket, scope?.roles.get(now.committeeId))) ||
        !socket.connected
      ) {
        await this.presence.leave(meetingId, socket.id);
        return { ok: false, error: 'Meeting not found' };
      }
      // Only now in the room: nobody is told names before both checks passed.
      socket.join(presenceRoom(meetingId));
      return { ok: true, present };
    } catch (error) {
      this.logger.warn(`presence:join failed: ${(error as Error).message}`);
      return { ok: false, error: 'Could not join; try again' };
    }
  }

  @SubscribeMessage(SOCKET_EVENTS.presenceLeave)
  async presenceLeave(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<PresenceAck> {
    const parsed = presenceRequestSchema.safeParse(body);
    if (!parsed.success) return { ok: false, error: 'meetingId: must be a UUID' };
    socket.leave(presenceRoom(parsed.data.meetingId));
    await this.presence.leave(parsed.data.meetingId, socket.id);
    return { ok: true, present: [] };
  }

  /** Closes the user's live sockets on this node (of one session, or all), telling them why first. */
  endSessions(userId: string, reason: AccessChanged['reason'], sessionId?: string): void {
    for (const socket of [...(this.sessions.get(userId) ?? [])]) {
      if (sessionId && socket.data.sessionId !== sessionId) continue;
      socket.emit(SOCKET_EVENTS.accessChanged, { reason, committeeId: null });
      socket.disconnect(true);
    }
  }

  /** A revoked session: say whether the account was deactivated or simply signed out. */
  private async onRevoked(userId: string, sessionId?: string): Promise<void> {
    if (!this.sessions.has(userId)) return;
    const scope = await this.access.sessionScope(userId).catch(() => null);
    this.endSessions(userId, scope && !scope.active ? 'deactivated' : 'signed-out', sessionId);
  }

  /** Re-reads the user's access and applies it to each of their sockets on this node. */
  private async rescopeUser(userId: string): Promise<void> {
    const sockets = this.sessions.get(userId);
    if (!sockets || sockets.size === 0) return;
    try {
      const scope = await this.access.sessionScope(userId);
      const hidden = await this.draftsLost([...sockets], scope);
      for (const socket of sockets) this.applyScope(socket, scope, hidden);
    } catch (error) {
      // The periodic re-check applies it instead.
      this.logger.warn(`re-scoping a session failed: ${(error as Error).message}`);
    }
  }

  private async recheck(socket: AppSocket): Promise<void> {
    try {
      const session = await this.auth.authenticate(socket.data.token);
      if (!session) {
        socket.emit(SOCKET_EVENTS.accessChanged, { reason: 'signed-out', committeeId: null });
        socket.disconnect(true);
        return;
      }
      const scope = await this.access.sessionScope(socket.data.actor.id);
      this.applyScope(socket, scope, await this.draftsLost([socket], scope));
    } catch (error) {
      this.logger.warn(`session re-check failed (tried again next time): ${(error as Error).message}`);
    }
  }

  /**
   * Makes what the socket receives match `scope`, synchronously (no event can be emitted to it
   * half-way): an inactive account is closed; a changed clearance moves every room; a lost
   * membership leaves its room; each change is told to the socket as `access-changed`.
   */
  private applyScope(socket: AppSocket, scope: SessionScope | null, hidden: ReadonlyMap<string, string[]> = new Map()): void {
    if (!socket.connected) return;
    if (!scope || !scope.active) {
      socket.emit(SOCKET_EVENTS.accessChanged, { reason: 'deactivated', committeeId: null });
      socket.disconnect(true);
      return;
    }
    const previous = socket.data.actor.clearance;
    const clearance = this.clearanceOf(socket, scope);
    if (clearance !== previous) {
      for (const [committeeId, role] of socket.data.committees) {
        for (const room of this.roomsOf(socket, committeeId, role, previous)) socket.leave(room);
        socket.join(this.roomsOf(socket, committeeId, role, clearance));
      }
      socket.data.actor = { ...socket.data.actor, clearance };
      this.dropPresence(socket);
      socket.emit(SOCKET_EVENTS.accessChanged, { reason: 'clearance-changed', committeeId: null, clearance });
    }
    for (const [committeeId, role] of [...socket.data.committees]) {
      const now = scope.roles.get(committeeId);
      if (!now) {
        this.leave(socket, committeeId);
        this.dropPresence(socket);
        socket.emit(SOCKET_EVENTS.accessChanged, { reason: 'membership-removed', committeeId });
      } else if (now !== role) {
        // Drafts follow the role: the chair's and secretariat's rooms are joined or left at once.
        for (const room of this.roomsOf(socket, committeeId, role, clearance)) socket.leave(room);
        socket.join(this.roomsOf(socket, committeeId, now, clearance));
        const losesDrafts = this.seesDrafts(socket, role) && !this.seesDrafts(socket, now);
        if (losesDrafts) this.dropPresence(socket);
        socket.data.committees.set(committeeId, now);
        socket.emit(
          SOCKET_EVENTS.accessChanged,
          losesDrafts
            ? { reason: 'role-changed', committeeId, role: now, hidden: hidden.get(committeeId) ?? [] }
            : { reason: 'role-changed', committeeId, role: now },
        );
      }
    }
  }

  /**
   * Per committee where one of `sockets` is about to stop seeing drafts (its role no longer
   * allows them): the drafts' ids, read before the socket leaves the drafts room, to tell it
   * what to drop with its `role-changed`.
   */
  private async draftsLost(sockets: readonly AppSocket[], scope: SessionScope | null): Promise<Map<string, string[]>> {
    const committees = new Set<string>();
    for (const socket of sockets) {
      for (const [committeeId, role] of socket.data.committees) {
        const now = scope?.roles.get(committeeId);
        if (now && now !== role && this.seesDrafts(socket, role) && !this.seesDrafts(socket, now)) committees.add(committeeId);
      }
    }
    const hidden = new Map<string, string[]>();
    for (const committeeId of committees) hidden.set(committeeId, await this.access.draftIds(committeeId));
    return hidden;
  }

  /**
   * The rooms a socket of `role` in a committee receives that committee's events in: its
   * clearance's, and for the chair and the secretariat that clearance's drafts room (never a
   * projector's socket: a shared screen shows no drafts).
   */
  private roomsOf(socket: AppSocket, committeeId: string, role: Role, clearance: Classification): string[] {
    const clearanceRoom = rooms.committeeClearance(committeeId, clearance);
    return this.seesDrafts(socket, role) ? [clearanceRoom, rooms.committeeDrafts(committeeId, clearance)] : [clearanceRoom];
  }

  /** Whether this socket is served drafts: its user chairs or is the secretariat, and it is not a projector's. */
  private seesDrafts(socket: AppSocket, role: Role | undefined): boolean {
    return role !== undefined && !socket.data.viewLevel && roleMay(role, 'meeting.see-drafts');
  }

  /** The clearance the socket is served at: the user's, lowered to the view level it asked for. */
  private clearanceOf(socket: AppSocket, scope: SessionScope): Classification {
    return socket.data.viewLevel ? lowerOf(scope.clearance, socket.data.viewLevel) : scope.clearance;
  }

  /** Access changed: the socket leaves every meeting's presence; the client joins again where it still may. */
  private dropPresence(socket: AppSocket): void {
    for (const room of socket.rooms) if (room.startsWith('meeting:')) socket.leave(room);
    void this.presence.leaveAll(socket.id);
  }

  private leave(socket: AppSocket, committeeId: string): boolean {
    const role = socket.data.committees.get(committeeId);
    if (!role) return false;
    for (const room of this.roomsOf(socket, committeeId, role, socket.data.actor.clearance)) socket.leave(room);
    socket.data.committees.delete(committeeId);
    this.relay.release(committeeId);
    return true;
  }
}
