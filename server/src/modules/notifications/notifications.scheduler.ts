import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { UserBus } from '../../changes/user-bus.js';
import { todayIn } from '../../common/today.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { runJob } from '../../observability/log-ids.js';
import { MailOutboxRepository } from './mail-outbox.repository.js';
import { mailEnabled } from './mail-worker.js';
import { type NewNotification, NotificationsRepository, turnedOff } from './notifications.repository.js';

/** How often the clock's kinds are looked for. */
const EVERY_MS = 5 * 60_000;
/** An action due within this many days (today included) is due soon. */
export const DUE_SOON_DAYS = 2;
/** The time zone whose date decides "due" and "overdue" (contract: shown in Asia/Kuala_Lumpur). */
const TIME_ZONE = 'Asia/Kuala_Lumpur';
/** The advisory lock that makes one instance of a cluster run the schedule (any fixed 64-bit key). */
const SCHEDULE_LOCK = 7_316_001;

/** The digest goes out from this hour (Asia/Kuala_Lumpur) each day. */
export const DIGEST_HOUR = 7;

function hourIn(timeZone: string, now: Date): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now));
}

function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/**
 * The notifications of the clock: `action.due-soon` and `action.overdue` for each owner of an
 * open action, once per (action, kind, due date) — a moved due date is told again. It runs once
 * per cluster: each run is one transaction that first takes `pg_try_advisory_xact_lock`; an
 * instance that does not get it skips the run (another is doing it), and the lock ends with the
 * transaction, so a crashed instance holds nothing. Advisory locks work on the embedded store as
 * well (docs/notifications.md says why this rather than a job queue). The unique key per
 * recipient and cause makes a run that overlaps a slow one harmless.
 */
@Injectable()
export class NotificationsScheduler implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(NotificationsScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  /** The clock; tests pass a fixed time to `runOnce`. */
  now: () => Date = () => new Date();

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly userBus: UserBus,
    private readonly outbox: MailOutboxRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(
      () => void runJob('reminders', () => this.runOnce().catch((error: Error) => this.logger.warn(`Reminders failed: ${error.message}`))),
      EVERY_MS,
    );
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** One run at `now`: answers how many notifications it made (0 when another instance holds the run). */
  async runOnce(now: Date = this.now()): Promise<number> {
    const today = todayIn(TIME_ZONE, now);
    const stored = await this.repository.dataSource.transaction(async (manager) => {
      const locked: Array<{ ok: boolean }> = await manager.query('SELECT pg_try_advisory_xact_lock($1) AS ok', [SCHEDULE_LOCK]);
      if (!locked[0]?.ok) return [];
      const due = await this.repository.dueActions(manager, addDays(today, DUE_SOON_DAYS - 1));
      const notifications: NewNotification[] = [];
      const members = new Map<string, Map<string, number>>();
      for (const action of due) {
        let clearances = members.get(action.committeeId);
        if (!clearances) {
          clearances = new Map((await this.repository.recipients(manager, action.committeeId)).map((m) => [m.userId, m.clearance]));
          members.set(action.committeeId, clearances);
        }
        const kind = action.dueDate < today ? 'action.overdue' : 'action.due-soon';
        for (const userId of action.ownerIds) {
          if ((clearances.get(userId) ?? -1) < action.level) continue;
          notifications.push({
            userId,
            committeeId: action.committeeId,
            kind,
            entityType: 'action-item',
            entityId: action.id,
            level: action.level,
            actorId: null,
            dedupeKey: `${kind}:${action.id}:${action.dueDate}`,
            detail: { dueDate: action.dueDate },
            at: now,
          });
        }
      }
      const choices = await this.repository.choices(manager, [...new Set(notifications.map((n) => n.userId))]);
      const off = turnedOff(choices);
      const stored = await this.repository.insert(
        manager,
        notifications.filter((n) => !off.has(`${n.userId}:${n.kind}`)),
      );
      if (mailEnabled(this.config)) {
        await this.outbox.enqueue(manager, stored, choices);
        // The day's digest, from its hour on (in the same run, under the same lock).
        if (hourIn(TIME_ZONE, now) >= DIGEST_HOUR) await this.outbox.makeDigests(manager, today);
      }
      return stored;
    });
    for (const notice of stored) this.userBus.announce(notice);
    return stored.length;
  }
}
