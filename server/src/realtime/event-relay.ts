import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { classificationAt, type EventEnvelope, rooms, SOCKET_EVENTS } from '@sidang/shared';
import type { Subscription } from 'rxjs';
import type { Server } from 'socket.io';
import { ChangeBus } from '../changes/change-bus.js';
import type { ChangeEventEntity } from '../changes/change-event.entity.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ChangeLogRepository } from './change-log.repository.js';
import { raisedLevel, toEnvelope } from './envelope.js';

const PAGE = 500;

interface Cursor {
  /** Last seq emitted to this node's sockets. */
  seq: number;
  draining: boolean;
  again: boolean;
}

/**
 * Relays committed changes to this node's sockets, in seq order per committee. It reads the
 * committed log rather than trusting in-memory order, so concurrent commits, several nodes
 * and missed signals can neither reorder nor drop an event. Each event is emitted once, to
 * the rooms of the clearances that may see it.
 */
@Injectable()
export class EventRelay implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(EventRelay.name);
  private readonly cursors = new Map<string, Cursor>();
  private server: Server | null = null;
  private subscription: Subscription | undefined;
  private sweep: NodeJS.Timeout | undefined;

  constructor(
    private readonly bus: ChangeBus,
    private readonly log: ChangeLogRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.subscription = this.bus.committed$.subscribe(({ committeeId, events }) => this.notify(committeeId, events));
    // Safety net: a missed signal (e.g. a dropped Redis message) is made good within one sweep.
    this.sweep = setInterval(() => {
      for (const committeeId of this.cursors.keys()) this.notify(committeeId);
    }, this.config.RELAY_SWEEP_MS);
    this.sweep.unref();
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    clearInterval(this.sweep);
  }

  attach(server: Server): void {
    this.server = server;
  }

  /**
   * Starts relaying a committee from `seq` (the head a subscriber was told), if this node was
   * not relaying it yet. Older events are the subscriber's catch-up.
   */
  track(committeeId: string, seq: number): void {
    if (!this.cursors.has(committeeId)) this.cursors.set(committeeId, { seq, draining: false, again: false });
    this.notify(committeeId);
  }

  /**
   * The committee's log may have grown: emit what this node has not emitted yet. `committed`
   * (this node's own commit) is emitted straight away when it continues the cursor exactly.
   */
  notify(committeeId: string, committed: readonly ChangeEventEntity[] = []): void {
    const cursor = this.cursors.get(committeeId);
    if (!cursor) return;
    if (!cursor.draining && committed[0]?.seq === cursor.seq + 1) {
      for (const event of committed) this.relay(committeeId, cursor, event);
      return;
    }
    if (cursor.draining) {
      cursor.again = true;
      return;
    }
    cursor.draining = true;
    void this.drain(committeeId, cursor);
  }

  private async drain(committeeId: string, cursor: Cursor): Promise<void> {
    try {
      do {
        cursor.again = false;
        let page: Awaited<ReturnType<ChangeLogRepository['after']>>;
        do {
          page = await this.log.after(committeeId, cursor.seq, PAGE);
          for (const event of page) this.relay(committeeId, cursor, event);
        } while (page.length === PAGE);
      } while (cursor.again);
    } catch (error) {
      // The next signal or sweep retries from the same cursor; nothing is skipped.
      this.logger.warn(`Relay of committee ${committeeId} paused: ${(error as Error).message}`);
    } finally {
      cursor.draining = false;
    }
  }

  private relay(committeeId: string, cursor: Cursor, event: ChangeEventEntity): void {
    if (event.seq <= cursor.seq) return;
    this.emit(toEnvelope(event), rooms.clearedFor(committeeId, classificationAt(event.level)));
    if (raisedLevel(event) && event.previousLevel !== null) {
      const before = classificationAt(event.previousLevel);
      this.emit(toEnvelope(event, true), rooms.losingSight(committeeId, before, classificationAt(event.level)));
    }
    cursor.seq = event.seq;
  }

  private emit(envelope: EventEnvelope, targets: string[]): void {
    if (!this.server || targets.length === 0) return;
    // `local`: every node relays from the shared log to its own sockets.
    this.server.local.to(targets).emit(SOCKET_EVENTS.event, envelope);
  }
}
