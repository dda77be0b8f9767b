import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { SOCKET_EVENTS } from '@sidang/shared';
import { Redis } from 'ioredis';
import type { Subscription } from 'rxjs';
import { ChangeBus } from '../changes/change-bus.js';
import { UserBus, type UserNotice } from '../changes/user-bus.js';
import { APP_CONFIG, type AppConfig, ConfigError } from '../config/config.js';
import { EventRelay } from './event-relay.js';

const CHANNEL = 'sidang:committed';
/** Per-user notices (a notification's id and its recipient's): ids only, never a title. */
const USER_CHANNEL = 'sidang:user-notices';
const CONNECT_TIMEOUT_MS = 5_000;

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/** The whole of what one commit puts on Redis. */
export function fanoutSignal(committeeId: string, seq: number): string {
  return JSON.stringify({ committeeId, seq });
}

/**
 * With REDIS_URL, tells every instance that a committee's log grew, so each relays the change
 * to its own sockets. Only the signal crosses Redis; the events are read from PostgreSQL.
 */
@Injectable()
export class RedisFanout implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RedisFanout.name);
  private publisher: Redis | undefined;
  private subscriber: Redis | undefined;
  private subscription: Subscription | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bus: ChangeBus,
    private readonly relay: EventRelay,
    private readonly userBus: UserBus,
  ) {}

  async onModuleInit(): Promise<void> {
    const url = this.config.REDIS_URL;
    if (!url) return;
    this.publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
    this.subscriber = new Redis(url, { lazyConnect: true });
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error) => this.logger.warn(`Redis: ${error.message}`));
    }
    // Fail the start clearly rather than wait forever on a wrong REDIS_URL; later drops reconnect.
    await Promise.race([
      Promise.all([this.publisher.connect(), this.subscriber.connect()]),
      new Promise((_, reject) =>
        setTimeout(() => reject(new ConfigError(`REDIS_URL: no Redis answers at ${redactUrl(url)}`)), CONNECT_TIMEOUT_MS).unref(),
      ),
    ]).catch((error: Error) => {
      this.publisher?.disconnect();
      this.subscriber?.disconnect();
      throw error instanceof ConfigError ? error : new ConfigError(`REDIS_URL: no Redis answers at ${redactUrl(url)} (${error.message})`);
    });
    this.subscriber.on('message', (channel, message: string) => {
      if (channel === USER_CHANNEL) return this.userNotice(message);
      try {
        const { committeeId } = JSON.parse(message) as { committeeId?: unknown };
        if (typeof committeeId === 'string') this.relay.notify(committeeId.toLowerCase());
      } catch {
        this.logger.warn('Ignored a malformed fan-out message');
      }
    });
    await this.subscriber.subscribe(CHANNEL, USER_CHANNEL);
    this.userBus.attachFanout((notice) => {
      this.publisher
        ?.publish(USER_CHANNEL, JSON.stringify({ userId: notice.userId, id: notice.id, event: notice.event }))
        .catch((error: Error) => {
          this.logger.warn(`Fan-out of a notification failed (it is listed, not pushed): ${error.message}`);
        });
    });
    this.subscription = this.bus.committed$.subscribe(({ committeeId, seq }) => {
      // A signal only: which committee's log grew and to where. Records never cross Redis.
      this.publisher?.publish(CHANNEL, fanoutSignal(committeeId, seq)).catch((error: Error) => {
        this.logger.warn(`Fan-out publish failed (peers catch up within seconds): ${error.message}`);
      });
    });
    this.logger.log('Realtime fan-out through Redis is on');
  }

  private userNotice(message: string): void {
    try {
      const { userId, id, event } = JSON.parse(message) as Partial<UserNotice>;
      const named = event === SOCKET_EVENTS.annotation || event === SOCKET_EVENTS.annotationRemoved ? { event } : {};
      if (typeof userId === 'string' && typeof id === 'string') this.userBus.arrive({ userId, id, ...named });
    } catch {
      this.logger.warn('Ignored a malformed user notice');
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.subscription?.unsubscribe();
    await Promise.all([this.publisher?.quit(), this.subscriber?.quit()].map((p) => p?.catch(() => undefined)));
  }
}
