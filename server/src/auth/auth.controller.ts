import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import {
  type LoginRequest,
  type LoginResponse,
  loginRequestSchema,
  type MfaChallenge,
  type RefreshRequest,
  refreshRequestSchema,
  type SessionInfo,
  type UpdateMe,
  type User,
  updateMeSchema,
} from '@sidang/shared';
import type { Request, Response } from 'express';
import type { Actor } from '../access/actor.js';
import { NotFoundError } from '../common/errors.js';
import { UuidParamPipe, ZodValidationPipe } from '../common/zod-validation.pipe.js';
import './auth.openapi.js';
import { AuthService } from './auth.service.js';
import { CurrentActor, CurrentSessionId } from './current-actor.decorator.js';
import { DEVICE_COOKIE, DEVICE_TTL_SECONDS, DeviceTokens, readCookie } from './device-tokens.js';
import { LoginThrottle } from './login-throttle.js';
import { MfaService } from './mfa/mfa.service.js';
import { PasswordQueue } from './password-queue.js';
import { Public } from './public.decorator.js';
import { SignInAudit } from './sign-in-audit.js';

/** Where a request came from, for the devices list and the audit trail. */
export function originOf(request: Request): { ip: string; userAgent: string | null } {
  const agent = request.headers['user-agent'];
  return { ip: request.ip ?? request.socket.remoteAddress ?? 'unknown', userAgent: typeof agent === 'string' ? agent.slice(0, 400) : null };
}

@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottle,
    private readonly passwords: PasswordQueue,
    private readonly devices: DeviceTokens,
    private readonly mfa: MfaService,
    private readonly audit: SignInAudit,
  ) {}

  /**
   * Limits first (no hashing for a refused attempt), then the password check in a bounded,
   * fair queue; a successful sign-in remembers the device in an HttpOnly cookie. An account with
   * a second factor gets no session yet: `{mfaRequired, mfaToken, methods}` to complete at
   * POST /api/auth/mfa/verify (or with a passkey).
   */
  @Public()
  @Post('login')
  @HttpCode(200)
  async login(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Body(new ZodValidationPipe(loginRequestSchema)) body: LoginRequest,
  ): Promise<LoginResponse | MfaChallenge> {
    const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const device = await this.devices.deviceFor(readCookie(request.headers.cookie, DEVICE_COOKIE), body.email);
    const ticket = await this.throttle.begin({ address, account: body.email, device });
    let user: Awaited<ReturnType<AuthService['verifyPassword']>>;
    try {
      user = await this.passwords.run(address, ticket.priority, () => this.auth.verifyPassword(body));
    } catch (error) {
      ticket.cancelled(); // no verdict on the password: the server was busy
      throw error;
    }
    if (!user) {
      await ticket.failed();
      throw new UnauthorizedException('Wrong e-mail or password');
    }
    await ticket.succeeded();
    response.cookie(DEVICE_COOKIE, await this.devices.issue(user.id, user.email), {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.secure,
      path: '/api/auth',
      maxAge: DEVICE_TTL_SECONDS * 1000,
    });
    const origin = originOf(request);
    const methods = await this.mfa.methodsOf(user.id);
    if (methods.length > 0) {
      await this.audit.record(user.id, 'second-factor-asked', { ...origin, method: 'pwd' });
      return this.mfa.challenge(user.id, methods);
    }
    const signedIn = await this.auth.startSession(user, { amr: 'pwd', ...origin });
    await this.audit.record(user.id, 'signed-in', { ...origin, method: 'pwd', sessionId: signedIn.sessionId });
    return { accessToken: signedIn.accessToken, expiresAt: signedIn.expiresAt, refreshToken: signedIn.refreshToken, user: signedIn.user };
  }

  /** A new access token (and refresh token) for a live session. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Body(new ZodValidationPipe(refreshRequestSchema)) body: RefreshRequest): Promise<LoginResponse> {
    const signedIn = await this.auth.refresh(body.refreshToken);
    return { accessToken: signedIn.accessToken, expiresAt: signedIn.expiresAt, refreshToken: signedIn.refreshToken, user: signedIn.user };
  }

  /** Ends this session: its access and refresh tokens are refused from now on, on every instance. */
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentActor() actor: Actor, @CurrentSessionId() sessionId: string): Promise<void> {
    await this.auth.revokeSession(actor.id, sessionId);
  }

  /** Ends every session of the caller, on every device. */
  @Post('logout-all')
  @HttpCode(204)
  async logoutAll(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.revokeAll(actor.id);
  }

  /** The caller's live sessions, one per signed-in device, this one first. */
  @Get('sessions')
  sessions(@CurrentActor() actor: Actor, @CurrentSessionId() sessionId: string): Promise<SessionInfo[]> {
    return this.auth.listSessions(actor.id, sessionId);
  }

  /** Signs one of the caller's devices out: its tokens are refused and its sockets closed, on every instance. */
  @Delete('sessions/:id')
  @HttpCode(204)
  async revoke(@Req() request: Request, @CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<void> {
    if (!(await this.auth.revokeOwnSession(actor.id, id))) throw new NotFoundError('session');
    await this.audit.record(actor.id, 'session-revoked', { ...originOf(request), sessionId: id });
  }

  @Get('me')
  me(@CurrentActor() actor: Actor): Promise<User> {
    return this.auth.me(actor);
  }

  @Patch('me')
  update(@CurrentActor() actor: Actor, @Body(new ZodValidationPipe(updateMeSchema)) body: UpdateMe): Promise<User> {
    return this.auth.setLocale(actor, body.locale);
  }
}
