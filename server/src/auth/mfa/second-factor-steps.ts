import { createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { LoginResponse } from '@sidang/shared';
import type { Request } from 'express';
import type { Repository } from 'typeorm';
import type { Actor } from '../../access/actor.js';
import { UserEntity } from '../../access/user.entity.js';
import { ApiException } from '../../common/errors.js';
import { originOf } from '../auth.controller.js';
import { AuthService } from '../auth.service.js';
import type { SignInState } from '../current-actor.decorator.js';
import { SignInAudit, type SignInVerb } from '../sign-in-audit.js';
import { MfaService, type SecondFactor, WrongCodeException } from './mfa.service.js';

/** A signed-in request that changes the caller's second factors: who, which session, from where. */
export interface SessionRequest {
  actor: Actor;
  signIn: SignInState;
  origin: ReturnType<typeof originOf>;
}

/** The request's actor, session and origin, as the guard accepted them. */
export const CurrentSession = createParamDecorator((_: unknown, context: ExecutionContext): SessionRequest => {
  const request = context.switchToHttp().getRequest<Request & { actor: Actor; signIn: SignInState }>();
  return { actor: request.actor, signIn: request.signIn, origin: originOf(request) };
});

/** Changing second factors needs a session that passed one (else a stolen password alone could swap them). */
export function requireSecondFactor({ signIn }: SessionRequest): void {
  if (!signIn.secondFactor)
    throw new ApiException(403, 'mfa_required', 'Use your second factor on this device first (step up), then try again');
}

/** One way of answering a sign-in's second-factor challenge (`mfaToken`). */
export interface ChallengeAnswer {
  /** What the answer proved for `userId`, or null when it is wrong. */
  check(userId: string): Promise<SecondFactor | null>;
  /** The method recorded with a wrong answer, where it is known before the check. */
  method?: SecondFactor;
  /** The refusal's message (401 `wrong_code`). */
  wrong?: string;
}

/**
 * The steps the second-factor routes share (authenticator codes, recovery codes, passkeys):
 * completing a sign-in's challenge, and recording a change of factors against the session.
 */
@Injectable()
export class SecondFactorSteps {
  constructor(
    private readonly mfa: MfaService,
    private readonly auth: AuthService,
    private readonly audit: SignInAudit,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  /**
   * Completes the sign-in whose challenge is `mfaToken`: the session starts here. A wrong answer
   * counts against the challenge and is refused (401 `wrong_code`); a right one spends it.
   */
  async completeSignIn(request: Request, mfaToken: string, answer: ChallengeAnswer): Promise<LoginResponse> {
    const { userId, jti } = await this.mfa.readChallenge(mfaToken);
    const origin = originOf(request);
    const factor = await answer.check(userId);
    if (!factor) {
      await this.mfa.failed(jti);
      await this.audit.record(userId, 'second-factor-failed', { ...origin, method: answer.method });
      throw new WrongCodeException(401, answer.wrong);
    }
    await this.mfa.spent(jti);
    const user = await this.users.findOne({ where: { id: userId } });
    if (!user?.active) throw new ApiException(401, 'unauthorized', 'The sign-in has expired; sign in again');
    const signedIn = await this.auth.startSession(user, { amr: `pwd ${factor}`, ...origin });
    await this.audit.record(userId, 'second-factor-passed', { ...origin, method: factor, sessionId: signedIn.sessionId });
    return { accessToken: signedIn.accessToken, expiresAt: signedIn.expiresAt, refreshToken: signedIn.refreshToken, user: signedIn.user };
  }

  /** A factor set up on this session counts as passed by it; recorded as `verb`. */
  async added({ actor, signIn, origin }: SessionRequest, factor: SecondFactor, verb: SignInVerb): Promise<void> {
    await this.auth.addSecondFactor(actor.id, signIn.sessionId, factor);
    await this.changed({ actor, signIn, origin }, verb);
  }

  /** Records a change of the caller's factors against their session. */
  changed({ actor, signIn, origin }: SessionRequest, verb: SignInVerb): Promise<void> {
    return this.audit.record(actor.id, verb, { ...origin, sessionId: signIn.sessionId });
  }
}
