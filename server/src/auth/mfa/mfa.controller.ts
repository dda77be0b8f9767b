import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type LoginResponse,
  type MfaCodeRequest,
  type MfaStatus,
  type MfaVerifyRequest,
  mfaCodeRequestSchema,
  mfaVerifyRequestSchema,
  type RecoveryCodes,
  type TotpEnrolment,
} from '@sidang/shared';
import type { Request } from 'express';
import type { Repository } from 'typeorm';
import type { Actor } from '../../access/actor.js';
import { UserEntity } from '../../access/user.entity.js';
import { ApiException, NotFoundError } from '../../common/errors.js';
import { ZodValidationPipe } from '../../common/zod-validation.pipe.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { originOf } from '../auth.controller.js';
import { AuthService } from '../auth.service.js';
import { CurrentActor, CurrentSignIn, type SignInState } from '../current-actor.decorator.js';
import { Public } from '../public.decorator.js';
import { SignInAudit } from '../sign-in-audit.js';
import './mfa.openapi.js';
import { MfaService, WrongCodeException } from './mfa.service.js';
import { mfaRequiredFor } from './mfa-policy.js';

/** Second factors: completing a sign-in, enrolling an authenticator app, recovery codes, stepping a session up. */
@Controller('auth/mfa')
export class MfaController {
  constructor(
    private readonly mfa: MfaService,
    private readonly auth: AuthService,
    private readonly audit: SignInAudit,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Completes a sign-in with an authenticator code or a recovery code: the session starts here. */
  @Public()
  @Post('verify')
  @HttpCode(200)
  async verify(
    @Req() request: Request,
    @Body(new ZodValidationPipe(mfaVerifyRequestSchema)) body: MfaVerifyRequest,
  ): Promise<LoginResponse> {
    const { userId, jti } = await this.mfa.readChallenge(body.mfaToken);
    const origin = originOf(request);
    const factor = await this.mfa.verifyCode(userId, body.code);
    if (!factor) {
      this.mfa.failed(jti);
      await this.audit.record(userId, 'second-factor-failed', origin);
      throw new WrongCodeException(401);
    }
    this.mfa.spent(jti);
    const user = await this.users.findOne({ where: { id: userId } });
    if (!user?.active) throw new ApiException(401, 'unauthorized', 'The sign-in has expired; sign in again');
    const signedIn = await this.auth.startSession(user, { amr: `pwd ${factor}`, ...origin });
    await this.audit.record(userId, 'second-factor-passed', { ...origin, method: factor, sessionId: signedIn.sessionId });
    return { accessToken: signedIn.accessToken, expiresAt: signedIn.expiresAt, refreshToken: signedIn.refreshToken, user: signedIn.user };
  }

  /** The caller's second factors and how the MFA policy treats this session. */
  @Get()
  async status(@CurrentActor() actor: Actor, @CurrentSignIn() signIn: SignInState): Promise<MfaStatus> {
    const summary = await this.mfa.summary(actor.id);
    const user = await this.users.findOneOrFail({ where: { id: actor.id } });
    return {
      totp: summary.totp,
      passkeys: summary.passkeys.map((key) => ({
        id: key.id,
        name: key.name,
        createdAt: key.createdAt.toISOString(),
        lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
      })),
      recoveryCodesLeft: summary.recoveryCodesLeft,
      sessionPassed: signIn.secondFactor,
      requiredFor: mfaRequiredFor(this.config),
      servedClearance: actor.clearance,
      limited: signIn.mfaLimited || !!actor.adminNeedsSecondFactor || (user.isAdmin && !actor.isAdmin),
    };
  }

  /** Starts enrolling an authenticator app: the secret and its otpauth URI, this once. */
  @Post('totp')
  @HttpCode(200)
  beginTotp(@CurrentActor() actor: Actor): Promise<TotpEnrolment> {
    return this.mfa.beginTotp(actor);
  }

  /** Confirms the authenticator with a first code; answers ten recovery codes. This session now counts as having passed it. */
  @Post('totp/confirm')
  @HttpCode(200)
  async confirmTotp(
    @Req() request: Request,
    @CurrentActor() actor: Actor,
    @CurrentSignIn() signIn: SignInState,
    @Body(new ZodValidationPipe(mfaCodeRequestSchema)) body: MfaCodeRequest,
  ): Promise<RecoveryCodes> {
    const codes = await this.mfa.confirmTotp(actor, body.code);
    await this.auth.addSecondFactor(actor.id, signIn.sessionId, 'otp');
    await this.audit.record(actor.id, 'totp-enrolled', { ...originOf(request), sessionId: signIn.sessionId });
    return codes;
  }

  /** Removes the authenticator app (a session that passed a second factor only). */
  @Delete('totp')
  @HttpCode(204)
  async removeTotp(@Req() request: Request, @CurrentActor() actor: Actor, @CurrentSignIn() signIn: SignInState): Promise<void> {
    requireSecondFactor(signIn);
    if (!(await this.mfa.removeTotp(actor.id))) throw new NotFoundError('authenticator app');
    await this.audit.record(actor.id, 'totp-removed', { ...originOf(request), sessionId: signIn.sessionId });
  }

  /** Ten new recovery codes; the old ones stop working (a session that passed a second factor only). */
  @Post('recovery-codes')
  @HttpCode(200)
  async renewRecoveryCodes(
    @Req() request: Request,
    @CurrentActor() actor: Actor,
    @CurrentSignIn() signIn: SignInState,
  ): Promise<RecoveryCodes> {
    requireSecondFactor(signIn);
    const codes = await this.mfa.newRecoveryCodes(actor.id);
    await this.audit.record(actor.id, 'recovery-codes-renewed', { ...originOf(request), sessionId: signIn.sessionId });
    return codes;
  }

  /** Gives this session a second factor after signing in (a code from the app, or a recovery code). */
  @Post('step-up')
  @HttpCode(200)
  async stepUp(
    @Req() request: Request,
    @CurrentActor() actor: Actor,
    @CurrentSignIn() signIn: SignInState,
    @Body(new ZodValidationPipe(mfaCodeRequestSchema)) body: MfaCodeRequest,
  ): Promise<LoginResponse> {
    const origin = originOf(request);
    const factor = await this.mfa.verifyCode(actor.id, body.code);
    if (!factor) {
      await this.audit.record(actor.id, 'second-factor-failed', { ...origin, sessionId: signIn.sessionId });
      throw new WrongCodeException(403);
    }
    const upgraded = await this.auth.addSecondFactor(actor.id, signIn.sessionId, factor);
    if (!upgraded) throw new ApiException(401, 'unauthorized', 'The session has ended; sign in again');
    await this.audit.record(actor.id, 'stepped-up', { ...origin, method: factor, sessionId: signIn.sessionId });
    return upgraded;
  }
}

/** Changing second factors needs a session that passed one (else a stolen password alone could swap them). */
function requireSecondFactor(signIn: SignInState): void {
  if (!signIn.secondFactor)
    throw new ApiException(403, 'mfa_required', 'Use your second factor on this device first (step up), then try again');
}
