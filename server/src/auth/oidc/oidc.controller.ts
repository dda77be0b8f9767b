import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type LoginResponse, type SsoCompleteRequest, type SsoConfig, ssoCompleteRequestSchema } from '@sidang/shared';
import type { Request, Response } from 'express';
import type { Repository } from 'typeorm';
import { UserEntity } from '../../access/user.entity.js';
import { ApiException, NotFoundError } from '../../common/errors.js';
import { ZodValidationPipe } from '../../common/zod-validation.pipe.js';
import { originOf } from '../auth.controller.js';
import { AuthService } from '../auth.service.js';
import { readCookie } from '../device-tokens.js';
import { Public } from '../public.decorator.js';
import { SignInAudit } from '../sign-in-audit.js';
import './oidc.openapi.js';
import { OIDC_ATTEMPT_SECONDS, OIDC_COOKIE, OidcService, SsoRefused } from './oidc.service.js';

const requestOrigin = (request: Request) => `${request.protocol}://${request.get('host') ?? 'localhost'}`;

/** Single sign-on by OpenID Connect: start, the provider's answer, and the page's hand-off. */
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    private readonly auth: AuthService,
    private readonly audit: SignInAudit,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  /** Whether single sign-on is configured (the sign-in page shows its button then). */
  @Public()
  @Get()
  status(): SsoConfig {
    return { oidc: this.oidc.enabled };
  }

  /** Sends the browser to the provider (authorization code + PKCE). */
  @Public()
  @Get('start')
  async start(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.oidc.enabled) throw new NotFoundError('single sign-on');
    const { url, cookie } = await this.oidc.start(requestOrigin(request));
    response.cookie(OIDC_COOKIE, cookie, {
      httpOnly: true,
      // The provider's redirect back is a top-level navigation from another site: Lax is sent with it.
      sameSite: 'lax',
      secure: request.secure,
      path: '/api/auth/oidc',
      maxAge: OIDC_ATTEMPT_SECONDS * 1000,
    });
    response.redirect(302, url);
  }

  /** The provider's answer: back to the sign-in page with a one-minute hand-off, or with why not. */
  @Public()
  @Get('callback')
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.oidc.enabled) throw new NotFoundError('single sign-on');
    response.clearCookie(OIDC_COOKIE, { path: '/api/auth/oidc' });
    const query = request.originalUrl.includes('?') ? request.originalUrl.slice(request.originalUrl.indexOf('?')) : '';
    try {
      const user = await this.oidc.finish(requestOrigin(request), query, readCookie(request.headers.cookie, OIDC_COOKIE));
      response.redirect(302, `/login?sso=${encodeURIComponent(await this.oidc.handoff(user.id))}`);
    } catch (error) {
      const reason = error instanceof SsoRefused ? error.reason : 'failed';
      if (error instanceof SsoRefused && error.userId)
        await this.audit.record(error.userId, 'sso-refused', { ...originOf(request), method: reason });
      response.redirect(302, `/login?sso_error=${reason}`);
    }
  }

  /** Trades the hand-off for a session (it counts as a second factor: the provider signed the person in). */
  @Public()
  @Post('complete')
  @HttpCode(200)
  async complete(
    @Req() request: Request,
    @Body(new ZodValidationPipe(ssoCompleteRequestSchema)) body: SsoCompleteRequest,
  ): Promise<LoginResponse> {
    const userId = await this.oidc.redeem(body.handoff);
    const user = userId ? await this.users.findOne({ where: { id: userId } }) : null;
    if (!user?.active) throw new ApiException(401, 'unauthorized', 'The single sign-on has expired; start again');
    const origin = originOf(request);
    const signedIn = await this.auth.startSession(user, { amr: 'oidc', ...origin });
    await this.audit.record(user.id, 'sso-signed-in', { ...origin, method: 'oidc', sessionId: signedIn.sessionId });
    return { accessToken: signedIn.accessToken, expiresAt: signedIn.expiresAt, refreshToken: signedIn.refreshToken, user: signedIn.user };
  }
}
