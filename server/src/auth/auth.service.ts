import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { Classification, Locale, LoginRequest, LoginResponse, SessionInfo, User } from '@sidang/shared';
import * as argon2 from 'argon2';
import { IsNull, LessThan, type Repository } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { Actor } from '../access/actor.js';
import { UserEntity } from '../access/user.entity.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { mfaRequiredFor, passedSecondFactor, secondFactorMissing, servedClearance } from './mfa/mfa-policy.js';
import { SessionEntity } from './session.entity.js';
import { SessionEvents } from './session-events.js';

/** Verifying against this keeps a wrong e-mail as slow as a wrong password. */
const DUMMY_HASH = '$argon2id$v=19$m=65536,p=4,t=3$tHM1GDXYxoJ9qKIR0HcNLw$xVQu0UGhGko+T/PqFPq6nFwcqaTMGJiJNJ2CBFGhwu4';

/**
 * How long an instance trusts what it last read about a session. Revocation reaches every
 * instance within this time even without Redis (with Redis, at once).
 */
export const SESSION_CACHE_MS = 1_000;

export function toUser(entity: UserEntity): User {
  return {
    id: entity.id,
    email: entity.email,
    name: entity.name,
    agency: entity.agency,
    clearance: entity.clearance,
    locale: entity.locale,
    isAdmin: entity.isAdmin,
  };
}

export function toActor(entity: UserEntity): Actor {
  return {
    id: entity.id,
    name: entity.name,
    email: entity.email,
    agency: entity.agency,
    clearance: entity.clearance,
    isAdmin: entity.isAdmin,
  };
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** What an access token stands for. */
export interface AuthenticatedSession {
  actor: Actor;
  /** When the access token expires (ms since the epoch). */
  expiresAt: number;
  /** The session (`sid`) the token belongs to. */
  sessionId: string;
  /** The session passed a second factor (or single sign-on). */
  secondFactor: boolean;
  /** The MFA policy serves this session below its user's clearance (`actor.clearance` is already the lower one). */
  mfaLimited: boolean;
}

/** Where a sign-in came from, kept on its session (the devices list). */
export interface SessionOrigin {
  /** How it signed in: `pwd`, `pwd otp`, `pwd rec`, `pwd hwk`, `oidc`. */
  amr: string;
  userAgent?: string | null;
  ip?: string | null;
}

/** What a live session stands for, whichever of its access tokens is presented. */
type ServedSession = Pick<AuthenticatedSession, 'actor' | 'secondFactor' | 'mfaLimited'>;

interface CachedSession {
  live: boolean;
  userId: string;
  readAt: number;
  amr: string;
  /** Null when the session is not live or its account is gone or deactivated. */
  served: ServedSession | null;
}

/** A session and its user as `liveSession` reads them (the user's columns null when it is gone). */
interface SessionRow {
  user_id: string;
  revoked: boolean;
  amr: string;
  id: string | null;
  name: string;
  email: string;
  agency: string;
  clearance: Classification;
  is_admin: boolean;
  active: boolean | null;
}

function rowActor(row: SessionRow): Actor {
  return {
    id: row.id ?? row.user_id,
    name: row.name,
    email: row.email,
    agency: row.agency,
    clearance: row.clearance,
    isAdmin: row.is_admin,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How often sessions that can no longer be used are deleted. */
const SESSION_PRUNE_MS = 60 * 60_000;

/** A signed-in user and their new session's tokens. */
export type SignedIn = LoginResponse & { refreshToken: string; sessionId: string };

@Injectable()
export class AuthService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AuthService.name);
  /**
   * sid → what was last read of it: whether it was live, for whom, how it signed in, and the
   * actor it stands for (null: the account is gone or deactivated). One query reads the session
   * and its user; the next read is at most SESSION_CACHE_MS later, or at once after a revocation
   * or a change of an account, a membership or a committee (`SessionEvents`, on every instance).
   */
  private readonly sessionCache = new Map<string, CachedSession>();
  /** Moves on each time the cache is told to forget: a read begun before then is not kept. */
  private generation = 0;
  private pruneTimer?: NodeJS.Timeout;

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly jwt: JwtService,
    private readonly events: SessionEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
  ) {}

  onModuleInit(): void {
    // A peer's revocation takes effect here at once, not only after the cache time.
    this.events.revoked$.subscribe(({ userId, sessionId }) => this.forget(userId, sessionId));
    // A changed account, membership or committee (here or on a peer): read them again.
    this.events.accessChanged$.subscribe(() => this.forgetAccess());
    this.pruneTimer = setInterval(() => {
      this.pruneSessions().catch((error: unknown) => this.logger.warn(`Could not prune sessions: ${String(error)}`));
    }, SESSION_PRUNE_MS);
    this.pruneTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.pruneTimer);
  }

  /**
   * Deletes sessions that can never be used again: expired ones, and revoked ones once every
   * access token issued for them has expired too. A missing session is refused like a revoked
   * one, so this never lets a token back in. Answers how many rows went.
   */
  async pruneSessions(now = new Date()): Promise<number> {
    const tokensGone = new Date(now.getTime() - this.config.ACCESS_TOKEN_TTL_SECONDS * 1000);
    const expired = await this.sessions.delete({ expiresAt: LessThan(now) });
    const revoked = await this.sessions.delete({ revokedAt: LessThan(tokensGone) });
    return (expired.affected ?? 0) + (revoked.affected ?? 0);
  }

  /** Checks the password; the user on success, null otherwise (as slow either way). */
  async verifyPassword({ email, password }: LoginRequest): Promise<UserEntity | null> {
    const user = await this.users.findOne({ where: { email } });
    const valid = await argon2.verify(user?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
    // A deactivated account cannot sign in, whatever the password.
    return user && valid && user.active ? user : null;
  }

  async login(request: LoginRequest): Promise<SignedIn> {
    const user = await this.verifyPassword(request);
    if (!user) throw new UnauthorizedException('Wrong e-mail or password');
    return this.startSession(user);
  }

  /** A new session for a user whose password was just checked. */
  async startSession(user: UserEntity, origin: SessionOrigin = { amr: 'pwd' }): Promise<SignedIn> {
    const sessionId = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await this.sessions.insert({
      id: sessionId,
      userId: user.id,
      refreshHash: sha256(secret),
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000),
      revokedAt: null,
      amr: origin.amr,
      userAgent: origin.userAgent?.slice(0, 400) ?? null,
      ip: origin.ip?.slice(0, 64) ?? null,
      lastSeenAt: new Date(),
    });
    return { ...(await this.accessToken(user, sessionId, origin.amr)), refreshToken: `${sessionId}.${secret}`, sessionId };
  }

  /**
   * Adds a second factor to a live session of the user (a code given after signing in, or an
   * enrolment just confirmed); its tokens are served at the full clearance from now on, on
   * every instance (they re-read the session within SESSION_CACHE_MS). Answers a new access
   * token that says so, or null for a session that is not the user's or not live.
   */
  async addSecondFactor(userId: string, sessionId: string, factor: 'otp' | 'rec' | 'hwk'): Promise<LoginResponse | null> {
    const session = await this.sessions.findOne({ where: { id: sessionId, userId, revokedAt: IsNull() } });
    if (!session) return null;
    const amr = passedSecondFactor(session.amr) ? session.amr : `${session.amr} ${factor}`;
    await this.sessions.update({ id: sessionId }, { amr });
    this.sessionCache.delete(sessionId);
    this.generation += 1;
    const user = await this.users.findOneOrFail({ where: { id: userId } });
    return this.accessToken(user, sessionId, amr);
  }

  /** The user's live sessions, one per device, the newest seen first. */
  async listSessions(userId: string, currentId: string): Promise<SessionInfo[]> {
    const rows = await this.sessions.find({ where: { userId, revokedAt: IsNull() }, order: { createdAt: 'DESC' } });
    const now = Date.now();
    return rows
      .filter((row) => row.expiresAt.getTime() > now)
      .map((row) => ({
        id: row.id,
        userAgent: row.userAgent,
        ip: row.ip,
        createdAt: row.createdAt.toISOString(),
        lastSeenAt: (row.lastSeenAt ?? row.createdAt).toISOString(),
        current: row.id === currentId,
        secondFactor: passedSecondFactor(row.amr),
        method: row.amr,
      }))
      .sort((a, b) => Number(b.current) - Number(a.current) || (b.lastSeenAt ?? '').localeCompare(a.lastSeenAt ?? ''));
  }

  /** Revokes one live session of the user (false: none such); its sockets close as at logout. */
  async revokeOwnSession(userId: string, sessionId: string): Promise<boolean> {
    const session = await this.sessions.findOne({ where: { id: sessionId, userId, revokedAt: IsNull() }, select: { id: true } });
    if (!session) return false;
    await this.revokeSession(userId, sessionId);
    return true;
  }

  /**
   * Trades a refresh token for a new access token and a new refresh token (rotation). A refresh
   * token that was already used means it leaked: the whole session is revoked.
   */
  async refresh(refreshToken: string): Promise<SignedIn> {
    const [sessionId, secret] = refreshToken.split('.');
    const refused = () => new UnauthorizedException('The session has ended; sign in again');
    if (!sessionId || !secret || !/^[0-9a-f-]{36}$/.test(sessionId)) throw refused();
    const session = await this.sessions.findOne({ where: { id: sessionId } });
    if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now()) throw refused();
    const presented = Buffer.from(sha256(secret));
    if (presented.length !== session.refreshHash.length || !timingSafeEqual(presented, Buffer.from(session.refreshHash))) {
      await this.revokeSession(session.userId, session.id);
      throw refused();
    }
    const next = randomBytes(32).toString('base64url');
    // Compare-and-set: of two refreshes racing with the same token, one wins.
    const result = await this.sessions.update(
      { id: session.id, refreshHash: session.refreshHash, revokedAt: IsNull() },
      {
        refreshHash: sha256(next),
        expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000),
        lastSeenAt: new Date(),
      },
    );
    if (!result.affected) throw refused();
    const user = await this.users.findOne({ where: { id: session.userId } });
    if (!user?.active) throw refused();
    return { ...(await this.accessToken(user, session.id, session.amr)), refreshToken: `${session.id}.${next}`, sessionId: session.id };
  }

  /** Revokes one session; its tokens are refused on every instance from now on. */
  async revokeSession(userId: string, sessionId: string): Promise<void> {
    await this.sessions.update({ id: sessionId, userId, revokedAt: IsNull() }, { revokedAt: new Date() });
    this.forget(userId, sessionId);
    await this.events.revoked({ userId, sessionId });
  }

  /** Revokes every session of the user. */
  async revokeAll(userId: string): Promise<void> {
    await this.sessions.update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
    this.forget(userId);
    await this.events.revoked({ userId });
  }

  /** The actor a token stands for, with its expiry; null for a bad, expired, revoked or orphaned token. */
  async authenticate(token: unknown): Promise<AuthenticatedSession | null> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return null;
    let payload: { sub?: unknown; exp?: unknown; sid?: unknown; typ?: unknown };
    try {
      payload = await this.jwt.verifyAsync(token);
    } catch {
      return null;
    }
    const { sub, exp, sid } = payload;
    if (typeof sub !== 'string' || typeof exp !== 'number' || typeof sid !== 'string' || payload.typ !== 'access') return null;
    const session = await this.liveSession(sid, sub);
    if (!session) return null;
    return { ...session, expiresAt: exp * 1000, sessionId: sid };
  }

  /** Forgets every account and membership read (they are read again on the next request). */
  forgetAccess(): void {
    this.generation += 1;
    this.sessionCache.clear();
    this.access.forget();
  }

  async me(actor: Actor): Promise<User> {
    return toUser(await this.users.findOneOrFail({ where: { id: actor.id } }));
  }

  async setLocale(actor: Actor, locale: Locale): Promise<User> {
    await this.users.update({ id: actor.id }, { locale });
    return this.me(actor);
  }

  private async accessToken(user: UserEntity, sessionId: string, amr = 'pwd'): Promise<LoginResponse> {
    const ttl = this.config.ACCESS_TOKEN_TTL_SECONDS;
    // `amr` says how the session signed in (informative: the session row is what counts).
    const accessToken = await this.jwt.signAsync({ sub: user.id, sid: sessionId, typ: 'access', amr: amr.split(' ') }, { expiresIn: ttl });
    return { accessToken, expiresAt: new Date(Date.now() + ttl * 1000).toISOString(), user: toUser(user) };
  }

  /** What a live session of the user stands for (cached, see `sessionCache`); null otherwise. */
  private async liveSession(sessionId: string, userId: string): Promise<ServedSession | null> {
    const now = Date.now();
    const cached = this.sessionCache.get(sessionId);
    if (cached && now - cached.readAt < SESSION_CACHE_MS) return cached.live && cached.userId === userId ? cached.served : null;
    if (!UUID.test(sessionId)) return null;
    const generation = this.generation;
    // The session and its user in one round trip.
    const rows: SessionRow[] = await this.sessions.manager.query(
      `SELECT s.user_id, s.revoked_at IS NOT NULL AS revoked, s.amr,
              u.id, u.name, u.email, u.agency, u.clearance, u.is_admin, u.active
       FROM sessions s LEFT JOIN users u ON u.id = s.user_id
       WHERE s.id = $1`,
      [sessionId],
    );
    const row = rows[0];
    const live = !!row && row.user_id === userId && !row.revoked;
    const amr = row?.amr ?? 'pwd';
    const served = live && row.id && row.active ? this.served(rowActor(row), amr) : null;
    // A read begun before a revocation or an access change is not kept: it may predate them.
    if (generation === this.generation) {
      if (this.sessionCache.size > 50_000) this.sessionCache.clear();
      this.sessionCache.set(sessionId, { live, userId: row?.user_id ?? userId, readAt: now, amr, served });
    }
    return live ? served : null;
  }

  /**
   * The MFA policy, in one place: a session without a second factor is served below the level
   * that needs one, on every channel (REST, sockets, catch-up, search, exports…).
   */
  private served(actor: Actor, amr: string): ServedSession {
    const requiredFor = mfaRequiredFor(this.config);
    const secondFactor = passedSecondFactor(amr);
    const clearance = servedClearance(actor.clearance, secondFactor, requiredFor);
    const missing = secondFactorMissing(actor, secondFactor, requiredFor);
    const adminNeedsSecondFactor = missing && actor.isAdmin;
    return {
      actor: { ...actor, clearance, ...(adminNeedsSecondFactor ? { isAdmin: false, adminNeedsSecondFactor } : {}) },
      secondFactor,
      mfaLimited: clearance !== actor.clearance,
    };
  }

  private forget(userId: string, sessionId?: string): void {
    this.generation += 1;
    if (sessionId) {
      this.sessionCache.set(sessionId, { live: false, userId, readAt: Date.now(), amr: 'pwd', served: null });
      return;
    }
    for (const [sid, entry] of this.sessionCache)
      if (entry.userId === userId) this.sessionCache.set(sid, { ...entry, live: false, readAt: Date.now() });
  }
}
