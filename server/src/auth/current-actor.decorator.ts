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
