import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Actor } from '../../access/actor.js';
import { ApiException, ForbiddenError } from '../../common/errors.js';

/**
 * Administrators only. A guard rather than a check in the service alone: it runs before body
 * validation, so a non-administrator learns nothing about the shape of admin requests (403, never 400).
 */
@Injectable()
export class AdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const actor = context.switchToHttp().getRequest<{ actor?: Actor }>().actor;
    if (actor?.adminNeedsSecondFactor)
      throw new ApiException(403, 'mfa_required', 'Administrators need a second factor: set one up or sign in with it');
    if (!actor?.isAdmin) throw new ForbiddenError('Only administrators may manage accounts and committees');
    return true;
  }
}
