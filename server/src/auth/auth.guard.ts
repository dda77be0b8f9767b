import { type CanActivate, type ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { VIEW_LEVEL_HEADER } from '@sidang/shared';
import type { Request } from 'express';
import type { Actor } from '../access/actor.js';
import { AuthService } from './auth.service.js';
import type { SignInState } from './current-actor.decorator.js';
import { IS_PUBLIC } from './public.decorator.js';
import { requireViewLevel } from './view-level.js';

/** Global guard: every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor; sessionId?: string; signIn?: SignInState }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    const session = scheme?.toLowerCase() === 'bearer' ? await this.auth.authenticate(token) : null;
    if (!session) throw new UnauthorizedException('A valid access token is required');
    // A screen others see (a projector) may ask to be served below its user's clearance; every
    // service then decides visibility for that lower clearance, on every route alike.
    const requested = request.headers[VIEW_LEVEL_HEADER.toLowerCase()];
    const clearance = requireViewLevel(session.actor.clearance, requested, VIEW_LEVEL_HEADER);
    request.actor = clearance === session.actor.clearance ? session.actor : { ...session.actor, clearance };
    request.sessionId = session.sessionId;
    request.signIn = { sessionId: session.sessionId, secondFactor: session.secondFactor, mfaLimited: session.mfaLimited };
    return true;
  }
}
