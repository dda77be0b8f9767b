import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '../access/actor.js';

/** The authenticated actor the guard attached to the request. */
export const CurrentActor = createParamDecorator(
  (_: unknown, context: ExecutionContext): Actor => context.switchToHttp().getRequest<{ actor: Actor }>().actor,
);

/** The session (`sid`) of the access token the guard accepted. */
export const CurrentSessionId = createParamDecorator(
  (_: unknown, context: ExecutionContext): string => context.switchToHttp().getRequest<{ sessionId: string }>().sessionId,
);

/** What the guard learnt of the request's session: its id, and how the MFA policy treats it. */
export interface SignInState {
  sessionId: string;
  /** The session passed a second factor (or single sign-on). */
  secondFactor: boolean;
  /** The MFA policy serves it below its user's clearance. */
  mfaLimited: boolean;
}

/** The request's session as the guard accepted it (see SignInState). */
export const CurrentSignIn = createParamDecorator(
  (_: unknown, context: ExecutionContext): SignInState => context.switchToHttp().getRequest<{ signIn: SignInState }>().signIn,
);
