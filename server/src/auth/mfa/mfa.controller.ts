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
import { AuthService } from '../auth.service.js';
import { CurrentActor, CurrentSignIn, type SignInState } from '../current-actor.decorator.js';
import { Public } from '../public.decorator.js';
import { SignInAudit } from '../sign-in-audit.js';
import './mfa.openapi.js';
import { MfaService, WrongCodeException } from './mfa.service.js';
import { mfaRequiredFor } from './mfa-policy.js';
import { CurrentSession, requireSecondFactor, SecondFactorSteps, type SessionRequest } from './second-factor-steps.js';

/** Second factors: completing a sign-in, enrolling an authenticator app, recovery codes, stepping a session up. */
@Controller('auth/mfa')
export class MfaController {
  constructor(
    private readonly mfa: MfaService,
    private readonly steps: SecondFactorSteps,
    private readonly auth: AuthService,
    private readonly audit: SignInAudit,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Completes a sign-in with an authenticator code or a recovery code: the session starts here. */
  @Public()
  @Post('verify')
  @HttpCode(200)
  verify(@Req() request: Request, @Body(new ZodValidationPipe(mfaVerifyRequestSchema)) body: MfaVerifyRequest): Promise<LoginResponse> {
    return this.steps.completeSignIn(request, body.mfaToken, { check: (userId) => this.mfa.verifyCode(userId, body.code) });
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
    @CurrentSession() session: SessionRequest,
    @Body(new ZodValidationPipe(mfaCodeRequestSchema)) body: MfaCodeRequest,
  ): Promise<RecoveryCodes> {
    const codes = await this.mfa.confirmTotp(session.actor, body.code);
    await this.steps.added(session, 'otp', 'totp-enrolled');
    return codes;
  }

  /** Removes the authenticator app (a session that passed a second factor only). */
  @Delete('totp')
  @HttpCode(204)
  async removeTotp(@CurrentSession() session: SessionRequest): Promise<void> {
    requireSecondFactor(session);
    if (!(await this.mfa.removeTotp(session.actor.id))) throw new NotFoundError('authenticator app');
    await this.steps.changed(session, 'totp-removed');
  }

  /** Ten new recovery codes; the old ones stop working (a session that passed a second factor only). */
  @Post('recovery-codes')
  @HttpCode(200)
  async renewRecoveryCodes(@CurrentSession() session: SessionRequest): Promise<RecoveryCodes> {
    requireSecondFactor(session);
    const codes = await this.mfa.newRecoveryCodes(session.actor.id);
    await this.steps.changed(session, 'recovery-codes-renewed');
    return codes;
  }

  /** Gives this session a second factor after signing in (a code from the app, or a recovery code). */
  @Post('step-up')
  @HttpCode(200)
  async stepUp(
    @CurrentSession() { actor, signIn, origin }: SessionRequest,
    @Body(new ZodValidationPipe(mfaCodeRequestSchema)) body: MfaCodeRequest,
  ): Promise<LoginResponse> {
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
