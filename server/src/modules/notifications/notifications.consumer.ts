import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { ChangeBus } from '../../changes/change-bus.js';
import { UserBus } from '../../changes/user-bus.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { runJob } from '../../observability/log-ids.js';
import { MailOutboxRepository } from './mail-outbox.repository.js';
import { mailEnabled } from './mail-worker.js';
import { deriveNotifications } from './notification-deriver.js';
import { NotificationsRepository, type StoredNotification, turnedOff } from './notifications.repository.js';

const PAGE = 200;

/**
 * How long a commit waits for the next ones before the consumer reads them: a burst of writes is
 * derived in one transaction rather than one per commit, off the writers' way.
 */
export const NOTIFY_COALESCE_MS = 50;

/**
 * A consumer of the committed change log (beside the realtime relay): it turns changes into
 * notifications with a durable cursor per committee. Each batch is read, derived, stored and the
 * cursor moved in one transaction that holds the cursor row (`FOR UPDATE SKIP LOCKED`): with
 * several instances one of them derives each change, once; the others skip that committee, and
 * the holder reads again after its commit, so a change committed meanwhile is not left behind.
 * Recipients are told (ids only, through `UserBus`) after that commit. A commit here is read
 * `NOTIFY_COALESCE_MS` later with every other commit of that time, from its committee's cursor
 * (the sweep reads every committee behind).
 */
@Injectable()
export class NotificationsConsumer implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(NotificationsConsumer.name);
  private subscription: Subscription | undefined;
  private sweep: NodeJS.Timeout | undefined;
  private draining: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** Committees committed to here since the last read of them; null: every committee behind. */
  private pending: Set<string> | null = new Set();
  private soon: NodeJS.Timeout | undefined;

  constructor(
    private readonly bus: ChangeBus,
    private readonly userBus: UserBus,
    private readonly repository: NotificationsRepository,
    private readonly outbox: MailOutboxRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.subscription = this.bus.committed$.subscribe(({ committeeId }) => this.committed(committeeId));
    // Changes committed by other instances (or while this one was busy) are read within one sweep.
    this.sweep = setInterval(() => void this.drain(), this.config.RELAY_SWEEP_MS);
    this.sweep.unref();
    void this.drain();
  }

  async onModuleDestroy(): Promise<void> {
    this.subscription?.unsubscribe();
    clearInterval(this.sweep);
    // Commits still waiting for their read are read before the instance stops, not left to another.
    if (this.soon) {
      clearTimeout(this.soon);
      this.soon = undefined;
      await this.drain(this.pending ? [...this.pending] : undefined);
    }
    this.stopped = true;
    await this.draining;
  }

  /** A commit here: its committee is read with the others of the next `NOTIFY_COALESCE_MS`. */
  private committed(committeeId: string): void {
    this.pending?.add(committeeId);
    if (this.soon || this.stopped) return;
    this.soon = setTimeout(() => {
      this.soon = undefined;
      void this.drain(this.pending ? [...this.pending] : undefined);
    }, NOTIFY_COALESCE_MS);
    this.soon.unref();
  }

  /**
   * Reads every committee's log to its end, or only those of `committees` (a commit here); resolves
   * when this node has nothing left to derive of them.
   */
  drain(committees?: readonly string[]): Promise<void> {
    if (this.draining) {
      // Read once this run ends: the committees named, or (a sweep) every one behind.
      if (committees && this.pending) for (const id of committees) this.pending.add(id);
      else this.pending = null;
      this.again = true;
      return this.draining;
    }
    // A run of its own (a job id in its log lines), whichever commit or sweep started it.
    this.draining = runJob('notifications', async () => {
      try {
        let which: readonly string[] | undefined = committees;
        do {
          this.again = false;
          this.pending = new Set();
          for (const committeeId of which ?? (await this.repository.committeesBehind())) {
            if (this.stopped) return;
            await this.drainCommittee(committeeId);
          }
          which = this.pending ? [...this.pending] : undefined;
        } while (this.again && !this.stopped);
      } catch (error) {
        if (!this.stopped) this.logger.warn(`Deriving notifications failed (retried on the next sweep): ${(error as Error).message}`);
      } finally {
        this.draining = null;
      }
    });
    return this.draining;
  }

  private async drainCommittee(committeeId: string): Promise<void> {
    for (;;) {
      const batch = await this.repository.dataSource.transaction(async (manager) => {
        const cursor = await this.repository.lockCursor(manager, committeeId);
        if (cursor === null) return null;
        const changes = await this.repository.changesAfter(manager, committeeId, cursor, PAGE);
        const last = changes.at(-1);
        if (!last) return null;
        const members = new Map((await this.repository.recipients(manager, committeeId)).map((member) => [member.userId, member]));
        const followers = await this.repository.followers(
          manager,
          changes.flatMap((change) => [change.entityId, ...(change.parentId ? [change.parentId] : [])]),
        );
        const choices = await this.repository.choices(manager, [...members.keys()]);
        const off = turnedOff(choices);
        const stored: StoredNotification[] = [];
        for (const change of changes) {
          const derived = deriveNotifications(change, { committeeId, members, followers, turnedOff: off });
          for (const follow of derived.follows) {
            await this.repository.follow(manager, { ...follow, committeeId });
            followers.set(follow.entityId, (followers.get(follow.entityId) ?? new Set()).add(follow.userId));
          }
          stored.push(...(await this.repository.insert(manager, derived.notifications)));
        }
        if (mailEnabled(this.config)) await this.outbox.enqueue(manager, stored, choices);
        await this.repository.moveCursor(manager, committeeId, last.seq);
        return { stored, full: changes.length === PAGE };
      });
      if (!batch) return;
      for (const notice of batch.stored) this.userBus.announce(notice);
      if (!batch.full) return;
    }
  }
}
