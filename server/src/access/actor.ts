import type { Classification } from '@sidang/shared';

/** The signed-in user, as every service receives it. */
export interface Actor {
  id: string;
  name: string;
  email: string;
  agency: string;
  clearance: Classification;
  isAdmin: boolean;
  /**
   * An administrator whose session has not passed the second factor the MFA policy asks of
   * administrators: served as a non-administrator (`isAdmin` false); the admin routes answer
   * 403 `mfa_required`.
   */
  adminNeedsSecondFactor?: boolean;
}
