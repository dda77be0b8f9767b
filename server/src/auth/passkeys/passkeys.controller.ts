import { Body, Controller, Delete, HttpCode, Param, Post, Req } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type LoginResponse,
  type Passkey,
  type PasskeyOptions,
  type PasskeyRegisterRequest,
  type PasskeySignInRequest,
  passkeyRegisterRequestSchema,
  passkeySignInOptionsRequestSchema,
  passkeySignInRequestSchema,
} from '@sidang/shared';
import type { Request } from 'express';
import type { Repository } from 'typeorm';
import type { Actor } from '../../access/actor.js';
import { UserEntity } from '../../access/user.entity.js';
import { ApiException, NotFoundError } from '../../common/errors.js';
import { UuidParamPipe, ZodValidationPipe } from '../../common/zod-validation.pipe.js';
import { originOf } from '../auth.controller.js';
import { AuthService } from '../auth.service.js';
import { CurrentActor, CurrentSignIn, type SignInState } from '../current-actor.decorator.js';
import { MfaService, WrongCodeException } from '../mfa/mfa.service.js';
import { Public } from '../public.decorator.js';
import { SignInAudit } from '../sign-in-audit.js';
import './passkeys.openapi.js';
import { PasskeysService } from './passkeys.service.js';

const requestOrigin = (request: Request) => `${request.protocol}://${request.get('host') ?? 'localhost'}`;

/** Passkeys: register one (signed in), remove one, and sign in with one as the second factor. */
@Controller('auth')
export class PasskeysController {
  constructor(
    private readonly passkeys: PasskeysService,
    private readonly mfa: MfaService,
    private readonly auth: AuthService,
    private readonly audit: SignInAudit,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  /** Options for the browser to create a passkey (navigator.credentials.create). */
  @Post('passkeys/options')
  @HttpCode(200)
  registrationOptions(@Req() request: Request, @CurrentActor() actor: Actor): Promise<PasskeyOptions> {
    return this.passkeys.registrationOptions(actor, this.passkeys.relyingParty(requestOrigin(request)));
  }

  /** Keeps the passkey the browser created; this session counts as having passed it. */
  @Post('passkeys')
  @HttpCode(201)
  async register(
    @Req() request: Request,
    @CurrentActor() actor: Actor,
    @CurrentSignIn() signIn: SignInState,
    @Body(new ZodValidationPipe(passkeyRegisterRequestSchema)) body: PasskeyRegisterRequest,
  ): Promise<Passkey> {
    const passkey = await this.passkeys.register(
      actor,
      this.passkeys.relyingParty(requestOrigin(request)),
      body.challengeToken,
      body.response,
      body.name,
    );
    await this.auth.addSecondFactor(actor.id, signIn.sessionId, 'hwk');
    await this.audit.record(actor.id, 'passkey-added', { ...originOf(request), sessionId: signIn.sessionId });
    return passkey;
  }

  /** Removes a passkey (a session that passed a second factor only). */
  @Delete('passkeys/:id')
  @HttpCode(204)
  async remove(
    @Req() request: Request,
    @CurrentActor() actor: Actor,
    @CurrentSignIn() signIn: SignInState,
    @Param('id', new UuidParamPipe()) id: string,
  ): Promise<void> {
    if (!signIn.secondFactor) throw new ApiException(403, 'mfa_required', 'Use your second factor on this device first, then try again');
    if (!(await this.mfa.removePasskey(actor.id, id))) throw new NotFoundError('passkey');
    await this.audit.record(actor.id, 'passkey-removed', { ...originOf(request), sessionId: signIn.sessionId });
  }

  /** Options for completing a sign-in with a passkey (navigator.credentials.get). */
  @Public()
  @Post('mfa/passkey/options')
  @HttpCode(200)
  async signInOptions(
    @Req() request: Request,
    @Body(new ZodValidationPipe(passkeySignInOptionsRequestSchema)) body: { mfaToken: string },
  ): Promise<PasskeyOptions> {
    const { userId } = await this.mfa.readChallenge(body.mfaToken);
    const options = await this.passkeys.authenticationOptions(userId, this.passkeys.relyingParty(requestOrigin(request)));
    if (!options) throw new NotFoundError('passkey');
    return options;
  }

  /** Completes a sign-in with the passkey's answer: the session starts here. */
  @Public()
  @Post('mfa/passkey')
  @HttpCode(200)
  async signIn(
    @Req() request: Request,
    @Body(new ZodValidationPipe(passkeySignInRequestSchema)) body: PasskeySignInRequest,
  ): Promise<LoginResponse> {
    const { userId, jti } = await this.mfa.readChallenge(body.mfaToken);
    const origin = originOf(request);
    if (
      !(await this.passkeys.authenticate(userId, this.passkeys.relyingParty(requestOrigin(request)), body.challengeToken, body.response))
    ) {
      this.mfa.failed(jti);
      await this.audit.record(userId, 'second-factor-failed', { ...origin, method: 'hwk' });
      throw new WrongCodeException(401, 'The passkey could not be verified');
    }
    this.mfa.spent(jti);
    const user = await this.users.findOne({ where: { id: userId } });
    if (!user?.active) throw new ApiException(401, 'unauthorized', 'The sign-in has expired; sign in again');
    const signedIn = await this.auth.startSession(user, { amr: 'pwd hwk', ...origin });
    await this.audit.record(userId, 'second-factor-passed', { ...origin, method: 'hwk', sessionId: signedIn.sessionId });
    return { accessToken: signedIn.accessToken, expiresAt: signedIn.expiresAt, refreshToken: signedIn.refreshToken, user: signedIn.user };
  }
}
