import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit, Optional } from '@nestjs/common';
import { CLASSIFICATIONS, classificationAt, type FieldClassifications, rooms, SOCKET_EVENTS } from '@sidang/shared';
import type { Subscription } from 'rxjs';
import type { Server } from 'socket.io';
import { ChangeBus } from '../changes/change-bus.js';
import type { ChangeEventEntity } from '../changes/change-event.entity.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { outsideLogContext, WriteOrigins } from '../observability/log-ids.js';
import { Metrics } from '../observability/metrics.js';
import { ChangeLogRepository, type LoggedEvent } from './change-log.repository.js';
import { raisedLevel, toEnvelope } from './envelope.js';

const PAGE = 500;

interface Cursor {
  /** Last seq emitted to this node's sockets. */
  seq: number;
  /** Sockets of this node subscribed to the committee; the cursor goes when none is left. */
  subscribers: number;
  draining: boolean;
  again: boolean;
}

/**
 * Called, in log order, for each change of a committee's memberships (`member.*`): the
 * sessions of that user on this node are re-scoped before any later event of the committee
 * is emitted, so a user who lost access receives nothing committed after that change.
 */
export type AccessChangeHandler = (committeeId: string, userId: string) => Promise<void>;

/**
 * Relays committed changes to this node's sockets, in seq order per committee. It reads the
 * committed log rather than trusting in-memory order, so concurrent commits, several nodes
 * and missed signals can neither reorder nor drop an event. Each event is emitted once per
 * distinct view of it: to the rooms of the clearances that may see it, each room getting the
 * record projected for its clearance (fields above it removed).
 *
 * It keeps one cursor per committee that at least one socket of this node subscribed to, and
 * none for any other: what it costs depends on the committees in use, never on how many
 * subscribe requests were made.
 */
@Injectable()
export class EventRelay implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(EventRelay.name);
  private readonly cursors = new Map<string, Cursor>();
  private server: Server | null = null;
  private subscription: Subscription | undefined;
  private sweep: NodeJS.Timeout | undefined;
  private accessChanged: AccessChangeHandler | null = null;
  /** At LOG_LEVEL debug (or trace), each emit is logged with the request or job of its write. */
  private readonly origins: WriteOrigins | null;

  constructor(
    private readonly bus: ChangeBus,
    private readonly log: ChangeLogRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly metrics?: Metrics,
  ) {
    this.origins = config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace' ? new WriteOrigins() : null;
  }

  onModuleInit(): void {
    this.metrics?.reportRealtime(() => ({
      sockets: this.server?.of('/').sockets.size ?? 0,
      subscriptions: this.subscriptionCount,
      committees: this.cursors.size,
    }));
    this.subscription = this.bus.committed$.subscribe(({ committeeId, events }) => {
      // Told in the committing request's (or job's) context: its id rides to the emit's log line.
      if (this.origins && this.cursors.has(committeeId))
        this.origins.note(
          committeeId,
          events.map((event) => event.seq),
        );
      this.notify(committeeId, events);
    });
    // Safety net: a missed signal (e.g. a dropped Redis message) is made good within one sweep.
    this.sweep = setInterval(() => void this.sweepOnce(), this.config.RELAY_SWEEP_MS);
    this.sweep.unref();
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    clearInterval(this.sweep);
  }

  attach(server: Server, accessChanged?: AccessChangeHandler): void {
    this.server = server;
    this.accessChanged = accessChanged ?? null;
  }

  /** How many committees this node relays (one cursor each). */
  get cursorCount(): number {
    return this.cursors.size;
  }

  /** Committee subscriptions of this node's sockets (one per socket and committee). */
  get subscriptionCount(): number {
    let count = 0;
    for (const cursor of this.cursors.values()) count += cursor.subscribers;
    return count;
  }

  /** How many committee rooms exist on this node (at most four per relayed committee). */
  get committeeRoomCount(): number {
    const all = this.server?.of('/').adapter.rooms;
    return all ? [...all.keys()].filter((room) => room.startsWith('committee:')).length : 0;
  }

  /**
   * A socket of this node subscribed to the committee at `seq` (the head it was told). The
   * committee is relayed from there on; older events are that socket's catch-up.
   */
  track(committeeId: string, seq: number): void {
    const cursor = this.cursors.get(committeeId);
    if (cursor) {
      cursor.subscribers += 1;
    } else {
      this.cursors.set(committeeId, { seq, subscribers: 1, draining: false, again: false });
    }
    this.notify(committeeId);
  }

  /** A socket of this node left the committee (unsubscribed, removed or disconnected). */
  release(committeeId: string): void {
    const cursor = this.cursors.get(committeeId);
    if (!cursor) return;
    cursor.subscribers -= 1;
    if (cursor.subscribers <= 0) this.cursors.delete(committeeId);
  }

  /**
   * The committee's log may have grown: emit what this node has not emitted yet. `committed`
   * (this node's own commit) is emitted straight away when it continues the cursor exactly
   * and changes no one's access (those are relayed one by one, after re-scoping).
   */
  notify(committeeId: string, committed: readonly ChangeEventEntity[] = []): void {
    const cursor = this.cursors.get(committeeId);
    if (!cursor) return;
    if (!cursor.draining && committed[0]?.seq === cursor.seq + 1 && !committed.some(changesAccess)) {
      for (const event of committed) this.relay(committeeId, cursor, event, undefined, 'direct');
      return;
    }
    if (cursor.draining) {
      cursor.again = true;
      return;
    }
    cursor.draining = true;
    // Serves every write of the committee, not the request that happened to signal it.
    outsideLogContext(() => void this.drain(committeeId, cursor));
  }

  /** One read for every relayed committee; only those whose log moved are drained. */
  private async sweepOnce(): Promise<void> {
    if (this.cursors.size === 0) return;
    try {
      const heads = await this.log.heads([...this.cursors.keys()]);
      for (const [committeeId, seq] of heads) {
        const cursor = this.cursors.get(committeeId);
        if (cursor && seq > cursor.seq) {
          // Found by the sweep, not by a signal (a missed or late one): counted for /metrics.
          if (!cursor.draining) this.metrics?.sweepCatchUps.inc();
          this.notify(committeeId);
        }
      }
    } catch (error) {
      this.logger.warn(`Relay sweep failed (tried again next time): ${(error as Error).message}`);
    }
  }

  private async drain(committeeId: string, cursor: Cursor): Promise<void> {
    try {
      do {
        cursor.again = false;
        let page: LoggedEvent[];
        do {
          page = await this.log.after(committeeId, cursor.seq, PAGE);
          for (const event of page) {
            if (this.cursors.get(committeeId) !== cursor) return;
            // A queued event goes out at its record's levels as they are now: an ancestor (or a
            // field) raised since it was committed keeps it from those now below.
            this.relay(committeeId, cursor, event, {
              level: event.currentLevel,
              fieldLevels: event.currentFieldLevels,
              draft: event.currentDraft,
            });
            if (changesAccess(event) && this.accessChanged) await this.accessChanged(committeeId, event.entityId);
          }
        } while (page.length === PAGE);
      } while (cursor.again);
    } catch (error) {
      // The next signal or sweep retries from the same cursor; nothing is skipped.
      this.logger.warn(`Relay of committee ${committeeId} paused: ${(error as Error).message}`);
    } finally {
      cursor.draining = false;
    }
  }

  /**
   * `current`: where the record stands now, for an event read back from the log; an event this
   * node has just committed is current as it is (its levels were read under lock in its
   * transaction).
   */
  private relay(
    committeeId: string,
    cursor: Cursor,
    event: ChangeEventEntity,
    current: { level: number; fieldLevels: FieldClassifications | null; draft: boolean } = {
      level: event.level,
      fieldLevels: null,
      draft: event.draft,
    },
    path: 'direct' | 'log' = 'log',
  ): void {
    if (event.seq <= cursor.seq) return;
    // Commit → emit, by how the event came: this node's own commit, or read back from the log.
    this.metrics?.relayLag.observe({ path }, Math.max(0, Date.now() - new Date(event.at).getTime()) / 1000);
    // A change of a draft (logged in one, or its record in one now) goes to the chair's and the secretariat's rooms only.
    const roomOf = event.draft || current.draft ? rooms.committeeDrafts : rooms.committeeClearance;
    // Those the papers rule withholds the record from (they stepped out of its subject): every
    // socket served as them is left out, a projector they opened included.
    const except = (event.withheldFrom ?? []).map((userId) => rooms.reader(userId));
    // One emit per distinct view: rooms whose clearance sees the same projection share it.
    let pending: { key: string; rooms: string[]; envelope: ReturnType<typeof toEnvelope> } | null = null;
    for (const clearance of CLASSIFICATIONS.slice(Math.max(event.level, current.level))) {
      const envelope = toEnvelope(event, clearance, current.fieldLevels);
      // A projection is decided by which fields it removes: equal sets, equal views.
      const key = ((envelope.data as { redactedFields?: string[] }).redactedFields ?? []).join(',');
      const room = roomOf(committeeId, clearance);
      if (pending && pending.key === key) {
        pending.rooms.push(room);
        continue;
      }
      if (pending) this.emit(pending.envelope, pending.rooms, except);
      pending = { key, rooms: [room], envelope };
    }
    if (pending) this.emit(pending.envelope, pending.rooms, except);
    if (raisedLevel(event) && event.previousLevel !== null) {
      const before = classificationAt(event.previousLevel);
      const losing =
        roomOf === rooms.committeeClearance
          ? rooms.losingSight(committeeId, before, classificationAt(event.level))
          : CLASSIFICATIONS.slice(event.previousLevel, event.level).map((clearance) => roomOf(committeeId, clearance));
      this.emit(toEnvelope(event, null), losing, except);
    }
    cursor.seq = event.seq;
    this.origins?.within(committeeId, event.seq, () =>
      this.logger.debug(
        `relayed ${event.entityType}.${event.verb} ${event.entityId}, seq ${event.seq} of committee ${committeeId} (${path})`,
      ),
    );
  }

  private emit(envelope: ReturnType<typeof toEnvelope>, targets: string[], except: string[] = []): void {
    if (!this.server || targets.length === 0) return;
    // `local`: every node relays from the shared log to its own sockets.
    const to = this.server.local.to(targets);
    (except.length > 0 ? to.except(except) : to).emit(SOCKET_EVENTS.event, envelope);
  }
}

/** Changes of membership re-scope the member's sessions before the log moves on. */
function changesAccess(event: ChangeEventEntity): boolean {
  return event.entityType === 'member';
}
