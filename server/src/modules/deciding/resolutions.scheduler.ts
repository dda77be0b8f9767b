import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { UserBus } from '../../changes/user-bus.js';
import { runJob } from '../../observability/log-ids.js';
import { type NewNotification, NotificationsRepository, turnedOff } from '../notifications/notifications.repository.js';
import { ResolutionsService } from './resolutions.service.js';

/** How often open resolutions are looked at (their deadlines and reminders). */
const EVERY_MS = 60_000;
/** A reminder goes to those who have not answered once the deadline is this close. */
export const RESOLUTION_REMINDER_MS = 24 * 3600_000;

/**
 * The clock of resolutions, on every instance: closes those whose deadline has come (each once
 * per cluster: `ResolutionsService.closeDue`) and reminds voting members who have not answered,
 * once per resolution and deadline (the notification's unique key per recipient and cause).
 */
@Injectable()
export class ResolutionsScheduler implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ResolutionsScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  /** The clock; tests pass a fixed time to `runOnce`. */
  now: () => Date = () => new Date();

  constructor(
    private readonly resolutions: ResolutionsService,
    private readonly notifications: NotificationsRepository,
    private readonly userBus: UserBus,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(
      () => void runJob('resolutions', () => this.runOnce().catch((error: Error) => this.logger.warn(`Resolutions: ${error.message}`))),
      EVERY_MS,
    );
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** One run at `now`: how many resolutions it closed and reminders it made. */
  async runOnce(now: Date = this.now()): Promise<{ closed: number; reminded: number }> {
    const closed = await this.resolutions.closeDue(now);
    const awaiting = await this.resolutions.awaiting(new Date(now.getTime() + RESOLUTION_REMINDER_MS), now);
    const stored = await this.notifications.dataSource.transaction(async (manager) => {
      const wanted: NewNotification[] = [];
      for (const { resolution, level, unanswered } of awaiting) {
        const cleared = new Map((await this.notifications.recipients(manager, resolution.committeeId)).map((m) => [m.userId, m.clearance]));
        for (const userId of unanswered) {
          if ((cleared.get(userId) ?? -1) < level) continue;
          wanted.push({
            userId,
            committeeId: resolution.committeeId,
            kind: 'resolution.reminder',
            entityType: 'resolution',
            entityId: resolution.id,
            level,
            actorId: null,
            dedupeKey: `resolution.reminder:${resolution.id}:${resolution.closesAt.toISOString()}`,
            detail: { closesAt: resolution.closesAt.toISOString() },
            at: now,
          });
        }
      }
      if (wanted.length === 0) return [];
      const off = turnedOff(await this.notifications.choices(manager, [...new Set(wanted.map((n) => n.userId))]));
      return this.notifications.insert(
        manager,
        wanted.filter((n) => !off.has(`${n.userId}:${n.kind}`)),
      );
    });
    for (const notice of stored) this.userBus.announce(notice);
    return { closed, reminded: stored.length };
  }
}
