import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type PresentUser, SOCKET_EVENTS } from '@sidang/shared';
import { Redis } from 'ioredis';
import type { Subscription } from 'rxjs';
import type { Server } from 'socket.io';
import { ChangeBus } from '../changes/change-bus.js';
import type { ChangeEventEntity } from '../changes/change-event.entity.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

const CHANNEL = 'sidang:presence';
/** `<meetingId> <level>`: the meeting now needs that level (deleted: above any); every node drops viewers below it. */
const EVICT_CHANNEL = 'sidang:presence:evict';
/** Above every clearance: a deleted meeting keeps no viewer. */
const GONE_LEVEL = 99;
/** An entry not refreshed for this long is gone (a node that died takes its viewers with it). */
const ENTRY_TTL_MS = 4_000;
const REFRESH_MS = 1_500;

export function presenceRoom(meetingId: string): string {
  return `meeting:${meetingId}:presence`;
}

interface Viewer extends PresentUser {
  socketId: string;
  /**
   * The viewer's clearance level when joining. It stays true while they are on the list: a
   * change of clearance takes the socket off every meeting's list (the gateway's re-scoping).
   */
  level: number;
}

/** The level a committed change puts a meeting at, when it may have left viewers behind (raised or deleted). */
function raisedMeetingLevel(event: ChangeEventEntity): number | null {
  if (event.entityType !== 'meeting') return null;
  if (event.verb === 'deleted') return GONE_LEVEL;
  return event.previousLevel !== null && event.previousLevel < event.level ? event.level : null;
}

/**
 * Who is on a meeting's page right now. Each node keeps its own viewers; with REDIS_URL they
 * are shared through one Redis hash per meeting (entries carry an expiry, refreshed while the
 * node lives) and a signal, so every node can tell its sockets the whole list. Only ids and
 * display names cross Redis.
 */
@Injectable()
export class PresenceService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PresenceService.name);
  private readonly nodeId = randomUUID();
  /** This node's viewers, per meeting. */
  private readonly local = new Map<string, Map<string, Viewer>>();
  /** The list each meeting's room was last told, to tell it only changes. */
  private readonly told = new Map<string, string>();
  private server: Server | null = null;
  private redis: Redis | undefined;
  private subscriber: Redis | undefined;
  private timer: NodeJS.Timeout | undefined;
  private committed: Subscription | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bus: ChangeBus,
  ) {}

  async onModuleInit(): Promise<void> {
    const url = this.config.REDIS_URL;
    if (url) {
      this.redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
      this.subscriber = new Redis(url, { lazyConnect: true });
      for (const client of [this.redis, this.subscriber]) client.on('error', (error) => this.logger.warn(`Redis: ${error.message}`));
      await Promise.all([this.redis.connect(), this.subscriber.connect()]);
      this.subscriber.on('message', (channel: string, message: string) => {
        if (channel === EVICT_CHANNEL) {
          const [meetingId = '', level] = message.split(' ');
          void this.evictBelow(meetingId, Number(level));
          return;
        }
        void this.broadcast(message);
      });
      await this.subscriber.subscribe(CHANNEL, EVICT_CHANNEL);
    }
    // A meeting raised above some of its viewers (or deleted) drops them at once, on every node:
    // they are told nothing more about who is on it.
    this.committed = this.bus.committed$.subscribe(({ events }) => {
      for (const event of events) {
        const level = raisedMeetingLevel(event);
        if (level === null) continue;
        void this.evictBelow(event.entityId, level);
        this.redis?.publish(EVICT_CHANNEL, `${event.entityId} ${level}`).catch(() => undefined);
      }
    });
    // Keeps this node's entries alive and notices entries of nodes that went away.
    this.timer = setInterval(() => void this.tick(), REFRESH_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.committed?.unsubscribe();
    if (this.redis) {
      await Promise.all([...this.local.keys()].map((meetingId) => this.redis?.hdel(this.key(meetingId), ...this.fields(meetingId))));
    }
    await Promise.all([this.redis?.quit().catch(() => undefined), this.subscriber?.quit().catch(() => undefined)]);
  }

  attach(server: Server): void {
    this.server = server;
  }

  /** Adds a socket to a meeting's viewers; answers the whole list. */
  async join(meetingId: string, viewer: Viewer): Promise<PresentUser[]> {
    const viewers = this.local.get(meetingId) ?? new Map<string, Viewer>();
    viewers.set(viewer.socketId, viewer);
    this.local.set(meetingId, viewers);
    await this.publish(meetingId);
    return this.present(meetingId);
  }

  async leave(meetingId: string, socketId: string): Promise<void> {
    const viewers = this.local.get(meetingId);
    if (!viewers?.delete(socketId)) return;
    if (viewers.size === 0) this.local.delete(meetingId);
    await this.redis?.hdel(this.key(meetingId), `${this.nodeId}:${socketId}`).catch(() => undefined);
    await this.publish(meetingId);
  }

  /**
   * This node's viewers of the meeting cleared below `level` leave its room at once (before
   * anything else can be emitted to it), then everyone left is told the new list.
   */
  async evictBelow(meetingId: string, level: number): Promise<void> {
    const viewers = this.local.get(meetingId);
    if (!viewers || !Number.isFinite(level)) return;
    const evicted = [...viewers.values()].filter((viewer) => viewer.level < level);
    if (evicted.length === 0) return;
    for (const viewer of evicted) {
      this.server?.sockets.sockets.get(viewer.socketId)?.leave(presenceRoom(meetingId));
      viewers.delete(viewer.socketId);
    }
    if (viewers.size === 0) this.local.delete(meetingId);
    const fields = evicted.map((viewer) => `${this.nodeId}:${viewer.socketId}`);
    await this.redis?.hdel(this.key(meetingId), ...fields).catch(() => undefined);
    await this.publish(meetingId);
  }

  /** Every meeting the socket is on, left at once (a closed tab, a dropped connection). */
  async leaveAll(socketId: string): Promise<void> {
    const meetings = [...this.local].filter(([, viewers]) => viewers.has(socketId)).map(([meetingId]) => meetingId);
    await Promise.all(meetings.map((meetingId) => this.leave(meetingId, socketId)));
  }

  /** Distinct people on the meeting's page, on every node, by name. */
  async present(meetingId: string): Promise<PresentUser[]> {
    const people = new Map<string, PresentUser>();
    for (const viewer of this.local.get(meetingId)?.values() ?? []) people.set(viewer.userId, { userId: viewer.userId, name: viewer.name });
    if (this.redis) {
      const entries = await this.redis.hgetall(this.key(meetingId)).catch(() => ({}) as Record<string, string>);
      const now = Date.now();
      for (const raw of Object.values(entries)) {
        const entry = JSON.parse(raw) as PresentUser & { exp: number };
        if (entry.exp > now) people.set(entry.userId, { userId: entry.userId, name: entry.name });
      }
    }
    return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  private async publish(meetingId: string): Promise<void> {
    if (this.redis) {
      await this.refresh(meetingId);
      await this.redis.publish(CHANNEL, meetingId).catch(() => undefined);
      return;
    }
    await this.broadcast(meetingId);
  }

  /** Tells this node's viewers of the meeting the list, when it changed. */
  private async broadcast(meetingId: string): Promise<void> {
    if (!this.server || (!this.local.has(meetingId) && !this.told.has(meetingId))) return;
    const present = await this.present(meetingId);
    const text = JSON.stringify(present);
    if (this.told.get(meetingId) === text) return;
    this.told.set(meetingId, text);
    if (!this.local.has(meetingId)) this.told.delete(meetingId);
    this.server.local.to(presenceRoom(meetingId)).emit(SOCKET_EVENTS.presence, { meetingId, present });
  }

  private async refresh(meetingId: string): Promise<void> {
    const viewers = this.local.get(meetingId);
    if (!this.redis || !viewers || viewers.size === 0) return;
    const exp = Date.now() + ENTRY_TTL_MS;
    const entries = [...viewers.values()].flatMap((viewer) => [
      `${this.nodeId}:${viewer.socketId}`,
      JSON.stringify({ userId: viewer.userId, name: viewer.name, exp }),
    ]);
    await this.redis.hset(this.key(meetingId), ...entries).catch(() => undefined);
    await this.redis.pexpire(this.key(meetingId), ENTRY_TTL_MS * 4).catch(() => undefined);
  }

  private async tick(): Promise<void> {
    try {
      for (const meetingId of new Set([...this.local.keys(), ...this.told.keys()])) {
        await this.refresh(meetingId);
        await this.broadcast(meetingId);
      }
    } catch (error) {
      this.logger.warn(`Presence refresh failed (tried again shortly): ${(error as Error).message}`);
    }
  }

  private key(meetingId: string): string {
    return `sidang:presence:${meetingId}`;
  }

  private fields(meetingId: string): string[] {
    return [...(this.local.get(meetingId)?.keys() ?? [])].map((socketId) => `${this.nodeId}:${socketId}`);
  }
}
