import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Observable, Subject } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/** The Redis channel that carries revocations and access changes between instances (ids only). */
export const SESSION_CHANNEL = 'sidang:sessions';

/**
 * A revocation: one session of a user (`sessionId`), or every session of the user (no
 * `sessionId`). Carries ids only.
 */
export interface SessionRevoked {
  userId: string;
  sessionId?: string;
}

function isRevocation(value: unknown): value is SessionRevoked {
  const candidate = value as Partial<SessionRevoked> | null;
  return (
    typeof candidate?.userId === 'string' &&
    candidate.userId.length <= 64 &&
    (candidate.sessionId === undefined || (typeof candidate.sessionId === 'string' && candidate.sessionId.length <= 64))
  );
}

/**
 * Revoked sessions, as they happen, on every instance. `revoked$` emits after a logout or
 * logout-all has committed — here, and (with REDIS_URL) on every other instance — so whatever
 * holds a live connection (the socket gateway) can close the ones of that session or user.
 * `accessChanged$` emits likewise after a change of an account, a membership or a committee
 * has committed, so that what an instance keeps of them (AuthService's session cache,
 * AccessService's memberships) is read again on the next request.
 *
 * ```ts
 * sessionEvents.revoked$.subscribe(({ userId, sessionId }) => closeSockets(userId, sessionId));
 * ```
 */
@Injectable()
export class SessionEvents implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SessionEvents.name);
  private readonly subject = new Subject<SessionRevoked>();
  private readonly access = new Subject<void>();
  private readonly instanceId = crypto.randomUUID();
  private publisher?: Redis;
  private subscriber?: Redis;

  /** Every revocation, local or from a peer instance. */
  readonly revoked$: Observable<SessionRevoked> = this.subject.asObservable();

  /** Every committed change of an account, a membership or a committee, local or from a peer. */
  readonly accessChanged$: Observable<void> = this.access.asObservable();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    const url = this.config.REDIS_URL;
    if (!url) return;
    this.publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
    this.subscriber = new Redis(url, { lazyConnect: true });
    for (const client of [this.publisher, this.subscriber]) client.on('error', (error) => this.logger.warn(`Redis: ${error.message}`));
    this.subscriber.on('message', (_channel: string, message: string) => this.receive(message));
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
    await this.subscriber.subscribe(SESSION_CHANNEL);
  }

  async onModuleDestroy(): Promise<void> {
    this.subject.complete();
    this.access.complete();
    await Promise.all([this.publisher?.quit().catch(() => undefined), this.subscriber?.quit().catch(() => undefined)]);
  }

  /** Called after the revocation committed: tells this instance and, over Redis, the others. */
  async revoked(event: SessionRevoked): Promise<void> {
    const revocation: SessionRevoked = event.sessionId ? { userId: event.userId, sessionId: event.sessionId } : { userId: event.userId };
    this.subject.next(revocation);
    if (!this.publisher) return;
    try {
      await this.publisher.publish(SESSION_CHANNEL, JSON.stringify({ from: this.instanceId, ...revocation }));
    } catch (error) {
      // Peers still refuse the session within their cache time: they re-read it from the database.
      this.logger.warn(`could not publish a revocation: ${(error as Error).message}`);
    }
  }

  /**
   * Called after a change of an account, a membership or a committee committed: this instance
   * forgets what it kept of them at once (before the write is answered), and the others as soon
   * as Redis carries it to them (within the session cache time without Redis).
   */
  async accessChanged(): Promise<void> {
    this.access.next();
    if (!this.publisher) return;
    try {
      await this.publisher.publish(SESSION_CHANNEL, JSON.stringify({ from: this.instanceId, access: true }));
    } catch (error) {
      this.logger.warn(`could not publish an access change: ${(error as Error).message}`);
    }
  }

  private receive(message: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      return;
    }
    if ((parsed as { from?: unknown } | null)?.from === this.instanceId) return;
    if ((parsed as { access?: unknown } | null)?.access === true) {
      this.access.next();
      return;
    }
    if (!isRevocation(parsed)) return;
    this.subject.next(parsed.sessionId ? { userId: parsed.userId, sessionId: parsed.sessionId } : { userId: parsed.userId });
  }
}
