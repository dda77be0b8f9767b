import { type CanActivate, type ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Actor } from '../access/actor.js';
import { AuthService } from './auth.service.js';
import { IS_PUBLIC } from './public.decorator.js';

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
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor; sessionId?: string }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    const session = scheme?.toLowerCase() === 'bearer' ? await this.auth.authenticate(token) : null;
    if (!session) throw new UnauthorizedException('A valid access token is required');
    request.actor = session.actor;
    request.sessionId = session.sessionId;
    return true;
  }
}
