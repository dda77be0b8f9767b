import { Body, Controller, Delete, HttpCode, Param, Post, Req } from '@nestjs/common';
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
import type { Actor } from '../../access/actor.js';
import { NotFoundError } from '../../common/errors.js';
import { UuidParamPipe, ZodValidationPipe } from '../../common/zod-validation.pipe.js';
import { CurrentActor } from '../current-actor.decorator.js';
import { MfaService } from '../mfa/mfa.service.js';
import { CurrentSession, requireSecondFactor, SecondFactorSteps, type SessionRequest } from '../mfa/second-factor-steps.js';
import { Public } from '../public.decorator.js';
import './passkeys.openapi.js';
import { PasskeysService } from './passkeys.service.js';

const requestOrigin = (request: Request) => `${request.protocol}://${request.get('host') ?? 'localhost'}`;

/** Passkeys: register one (signed in), remove one, and sign in with one as the second factor. */
@Controller('auth')
export class PasskeysController {
  constructor(
    private readonly passkeys: PasskeysService,
    private readonly mfa: MfaService,
    private readonly steps: SecondFactorSteps,
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
    @CurrentSession() session: SessionRequest,
    @Body(new ZodValidationPipe(passkeyRegisterRequestSchema)) body: PasskeyRegisterRequest,
  ): Promise<Passkey> {
    const relyingParty = this.passkeys.relyingParty(requestOrigin(request));
    const passkey = await this.passkeys.register(session.actor, relyingParty, body.challengeToken, body.response, body.name);
    await this.steps.added(session, 'hwk', 'passkey-added');
    return passkey;
  }

  /** Removes a passkey (a session that passed a second factor only). */
  @Delete('passkeys/:id')
  @HttpCode(204)
  async remove(@CurrentSession() session: SessionRequest, @Param('id', new UuidParamPipe()) id: string): Promise<void> {
    requireSecondFactor(session);
    if (!(await this.mfa.removePasskey(session.actor.id, id))) throw new NotFoundError('passkey');
    await this.steps.changed(session, 'passkey-removed');
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
  signIn(
    @Req() request: Request,
    @Body(new ZodValidationPipe(passkeySignInRequestSchema)) body: PasskeySignInRequest,
  ): Promise<LoginResponse> {
    return this.steps.completeSignIn(request, body.mfaToken, {
      method: 'hwk',
      wrong: 'The passkey could not be verified',
      check: async (userId) => {
        const relyingParty = this.passkeys.relyingParty(requestOrigin(request));
        return (await this.passkeys.authenticate(userId, relyingParty, body.challengeToken, body.response)) ? 'hwk' : null;
      },
    });
  }
}
