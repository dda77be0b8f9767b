import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '../access/actor.js';

/** The authenticated actor the guard attached to the request. */
export const CurrentActor = createParamDecorator(
  (_: unknown, context: ExecutionContext): Actor => context.switchToHttp().getRequest<{ actor: Actor }>().actor,
);
