import { CLASSIFICATIONS, type Classification, classificationLevel } from '@sidang/shared';

/** MFA_REQUIRED_FOR's values besides `none`: a level at or above which a second factor is needed. */
export const MFA_POLICY_LEVELS = ['RESTRICTED', 'CONFIDENTIAL', 'SECRET'] as const;
export type MfaPolicyValue = (typeof MFA_POLICY_LEVELS)[number] | 'none';

/**
 * The level from which records need a session that passed a second factor, or null when none
 * does. Unset, it is SECRET in production (NODE_ENV=production) and none elsewhere, so the demo
 * (chair cleared SECRET, no second factor) works as the outside contract describes.
 */
export function mfaRequiredFor(config: { MFA_REQUIRED_FOR?: MfaPolicyValue; NODE_ENV?: string }): Classification | null {
  const value = config.MFA_REQUIRED_FOR ?? (config.NODE_ENV === 'production' ? 'SECRET' : 'none');
  return value === 'none' ? null : value;
}

/** Whether an `amr` (space-separated methods of a session) includes a second factor or single sign-on. */
export function passedSecondFactor(amr: string): boolean {
  return amr.split(' ').some((method) => method === 'otp' || method === 'rec' || method === 'hwk' || method === 'oidc');
}

/**
 * The clearance a session is served at: its user's, unless the policy asks a second factor for
 * that level and the session has not passed one — then the level just below `requiredFor`, so
 * every channel's clearance rule withholds those records.
 */
export function servedClearance(clearance: Classification, passed: boolean, requiredFor: Classification | null): Classification {
  if (!requiredFor || passed) return clearance;
  const limit = classificationLevel(requiredFor);
  if (classificationLevel(clearance) < limit) return clearance;
  return CLASSIFICATIONS[limit - 1] ?? 'OPEN';
}

/** Whether a session lacks a second factor the policy asks of its user (an administrator, or one cleared at or above the level). */
export function secondFactorMissing(
  user: { clearance: Classification; isAdmin: boolean },
  passed: boolean,
  requiredFor: Classification | null,
): boolean {
  if (!requiredFor || passed) return false;
  return user.isAdmin || classificationLevel(user.clearance) >= classificationLevel(requiredFor);
}
