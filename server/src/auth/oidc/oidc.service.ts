import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import * as client from 'openid-client';
import type { Repository } from 'typeorm';
import { UserEntity } from '../../access/user.entity.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { SharedCounters } from '../shared-counters.js';

/** The cookie that carries a single sign-on attempt from its start to the provider's answer. */
export const OIDC_COOKIE = 'sidang_oidc';
/** How long a single sign-on attempt (and the hand-off to the page) may take. */
export const OIDC_ATTEMPT_SECONDS = 10 * 60;
const HANDOFF_SECONDS = 60;

/** Why single sign-on refused someone: the sign-in page says it in the reader's language. */
export type SsoRefusal = 'unverified' | 'unknown' | 'failed';

export class SsoRefused extends Error {
  constructor(
    readonly reason: SsoRefusal,
    readonly userId?: string,
  ) {
    super(reason);
  }
}

/**
 * Single sign-on by OpenID Connect (authorization code + PKCE, openid-client) when OIDC_ISSUER,
 * OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set. The provider's verified e-mail names an existing
 * active account; nobody is created. The attempt's state, nonce and PKCE verifier travel in a
 * signed HttpOnly cookie (any instance can finish it); the page gets a one-minute hand-off token
 * it trades once, on any instance, for a session, never the tokens in a URL.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private configuration?: Promise<client.Configuration>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly jwt: JwtService,
    private readonly counters: SharedCounters,
  ) {}

  get enabled(): boolean {
    return !!(this.config.OIDC_ISSUER && this.config.OIDC_CLIENT_ID && this.config.OIDC_CLIENT_SECRET);
  }

  redirectUri(requestOrigin: string): string {
    return this.config.OIDC_REDIRECT_URI ?? `${this.config.APP_URL ?? requestOrigin}/api/auth/oidc/callback`;
  }

  /** The provider's address to send the browser to, and the signed cookie that remembers the attempt. */
  async start(requestOrigin: string): Promise<{ url: string; cookie: string }> {
    const configuration = await this.discover();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri(requestOrigin),
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const cookie = await this.jwt.signAsync({ typ: 'oidc', state, nonce, verifier }, { expiresIn: OIDC_ATTEMPT_SECONDS });
    return { url: url.href, cookie };
  }

  /** The provider's answer (the callback's query) → the account it names, or why not. */
  async finish(requestOrigin: string, query: string, cookie: string | undefined): Promise<UserEntity> {
    let attempt: { typ?: unknown; state?: unknown; nonce?: unknown; verifier?: unknown };
    try {
      attempt = await this.jwt.verifyAsync(cookie ?? '');
    } catch {
      throw new SsoRefused('failed');
    }
    if (
      attempt.typ !== 'oidc' ||
      typeof attempt.state !== 'string' ||
      typeof attempt.nonce !== 'string' ||
      typeof attempt.verifier !== 'string'
    )
      throw new SsoRefused('failed');
    const configuration = await this.discover();
    let claims: client.IDToken | undefined;
    try {
      const current = new URL(this.redirectUri(requestOrigin));
      current.search = query;
      const tokens = await client.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: attempt.verifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      this.logger.warn(`single sign-on failed: ${(error as Error).message}`);
      throw new SsoRefused('failed');
    }
    const email = typeof claims?.email === 'string' ? claims.email.trim().toLowerCase() : '';
    if (!email || claims?.email_verified !== true) throw new SsoRefused('unverified');
    const user = await this.users.findOne({ where: { email } });
    if (!user?.active) throw new SsoRefused('unknown', user?.id);
    return user;
  }

  /** A one-minute, one-use token the sign-in page trades for a session. */
  handoff(userId: string): Promise<string> {
    return this.jwt.signAsync({ typ: 'sso', sub: userId, jti: randomUUID() }, { expiresIn: HANDOFF_SECONDS });
  }

  /**
   * The user a hand-off token names, once on any instance (the trade is counted in the database,
   * atomically: of two instances trading it at the same moment, one wins); null for a bad,
   * expired or used one.
   */
  async redeem(token: string): Promise<string | null> {
    let payload: { typ?: unknown; sub?: unknown; jti?: unknown; exp?: unknown };
    try {
      payload = await this.jwt.verifyAsync(token);
    } catch {
      return null;
    }
    if (payload.typ !== 'sso' || typeof payload.sub !== 'string' || typeof payload.jti !== 'string') return null;
    const left = typeof payload.exp === 'number' ? payload.exp * 1000 - Date.now() : HANDOFF_SECONDS * 1000;
    // Remembered a little past the token's own expiry, after which the signature check refuses it.
    const trades = await this.counters.add(`sso:handoff:${payload.jti}`, Math.max(left, 0) + 5_000);
    return trades === 1 ? payload.sub : null;
  }

  private discover(): Promise<client.Configuration> {
    const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = this.config;
    if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) throw new SsoRefused('failed');
    this.configuration ??= client
      .discovery(new URL(OIDC_ISSUER), OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, undefined, {
        // A plain-http issuer (a provider on this machine, in tests) is allowed as configured.
        ...(OIDC_ISSUER.startsWith('http://') ? { execute: [client.allowInsecureRequests] } : {}),
      })
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw error;
      });
    return this.configuration;
  }
}
