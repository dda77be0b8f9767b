import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { clearedLevels } from '@sidang/shared';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor.js';
import { CommitteeEntity } from '../../access/committee.entity.js';
import { MembershipEntity } from '../../access/membership.entity.js';
import { UserEntity } from '../../access/user.entity.js';
import { resolveTokenSecret } from '../../auth/token-secret.js';
import { RateLimiter } from '../../common/rate-limit/rate-limiter.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { CalendarFeedEntity } from './calendar-feed.entity.js';
import { MeetingEntity } from './meeting.entity.js';
import { type CalendarEntry, meetingsCalendar } from './meeting-calendar.js';
import { toMeeting } from './meetings.mapper.js';

/** The window of CALENDAR_FEED_REQUESTS_PER_MINUTE. */
const WINDOW_MS = 60_000;
/** The feed holds at most this many meetings, the latest first. */
const FEED_LIMIT = 1_000;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The feed token of a user and salt: an HMAC under the server's secret, so it is never stored. */
function derive(secret: string, userId: string, salt: string): string {
  return createHmac('sha256', secret).update(`calendar-feed\u0000${userId}\u0000${salt}`).digest('base64url');
}

/**
 * Ends `userId`'s feed URL inside the caller's transaction (a password reset, a deactivation):
 * the old URL answers 404 from the commit on, and the next `GET /api/me/calendar-feed` draws a
 * new salt, so a reactivated account never gets its old URL back.
 */
export async function revokeCalendarFeed(manager: EntityManager, userId: string): Promise<void> {
  await manager.delete(CalendarFeedEntity, { userId });
}

export class FeedNotFoundException extends NotFoundException {
  constructor() {
    super('Calendar feed not found');
  }
}

/**
 * Per-user calendar feeds: a secret URL that lists every meeting the user may see now, in
 * every committee they are in. The URL is the credential, so it is checked against the
 * user's current state on every request (deactivated → 404; clearance and memberships as now).
 */
@Injectable()
export class CalendarFeedService {
  private secretOnce: Promise<string> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly limits: RateLimiter,
  ) {}

  /** The caller's feed token, made on first use. */
  async token(actor: Actor): Promise<string> {
    // Read before the transaction: inside it, the embedded store answers only its own connection.
    const secret = await this.secret();
    return this.dataSource.transaction(async (manager) => {
      const feed = await manager.findOne(CalendarFeedEntity, { where: { userId: actor.id }, lock: { mode: 'pessimistic_write' } });
      if (!feed) return this.store(manager, secret, actor.id);
      const token = derive(secret, actor.id, feed.salt);
      // The server secret changed since: the token it gives now is the feed's token.
      if (sha256(token) !== feed.tokenHash) await manager.update(CalendarFeedEntity, { userId: actor.id }, { tokenHash: sha256(token) });
      return token;
    });
  }

  /** A new token; the old URL answers 404 from now on. */
  async renew(actor: Actor): Promise<string> {
    const secret = await this.secret();
    return this.dataSource.transaction((manager) => this.store(manager, secret, actor.id));
  }

  /** The feed behind `token`, as its owner may see it now; 404 for any token that is not a live feed. */
  async feed(token: string): Promise<string> {
    if (!TOKEN_SHAPE.test(token)) throw new FeedNotFoundException();
    const feed = await this.dataSource.manager.findOne(CalendarFeedEntity, { where: { tokenHash: sha256(token) } });
    const user = feed ? await this.dataSource.manager.findOne(UserEntity, { where: { id: feed.userId } }) : null;
    if (!feed || !user || !user.active) throw new FeedNotFoundException();
    const rows = await this.dataSource.manager
      .createQueryBuilder(MeetingEntity, 'm')
      .innerJoin(MembershipEntity, 'ms', 'ms.committee_id = m.committee_id AND ms.user_id = :userId', { userId: user.id })
      .innerJoinAndMapOne('m.committee', CommitteeEntity, 'c', 'c.id = m.committee_id')
      .where('m.classification IN (:...levels)', { levels: clearedLevels(user.clearance) })
      // A draft is the chair's and the secretariat's only.
      .andWhere("(m.status <> 'draft' OR ms.role IN ('chair', 'secretariat'))")
      .orderBy('m.starts_at', 'DESC')
      .limit(FEED_LIMIT)
      .getMany();
    const entries: CalendarEntry[] = rows.map((row) => ({
      meeting: toMeeting(row),
      committeeCode: (row as MeetingEntity & { committee: CommitteeEntity }).committee.code,
    }));
    return meetingsCalendar('Sidang', entries.reverse());
  }

  /**
   * Counts a request from `address` (across instances with REDIS_URL); 429 with the wait once it
   * made more than CALENDAR_FEED_REQUESTS_PER_MINUTE this minute.
   */
  admit(address: string): Promise<void> {
    return this.limits.consume(
      `calendar-feed:${address}`,
      this.config.CALENDAR_FEED_REQUESTS_PER_MINUTE,
      WINDOW_MS,
      'Too many calendar requests',
    );
  }

  private async store(manager: EntityManager, secret: string, userId: string): Promise<string> {
    const salt = randomBytes(24).toString('base64url');
    const token = derive(secret, userId, salt);
    await manager.upsert(CalendarFeedEntity, { userId, salt, tokenHash: sha256(token) }, ['userId']);
    return token;
  }

  private secret(): Promise<string> {
    this.secretOnce ??= resolveTokenSecret(this.dataSource, this.config.JWT_SECRET).catch((error: unknown) => {
      this.secretOnce = undefined;
      throw error;
    });
    return this.secretOnce;
  }
}
