import type { Classification } from '@sidang/shared';

/** The signed-in user, as every service receives it. */
export interface Actor {
  id: string;
  name: string;
  email: string;
  agency: string;
  clearance: Classification;
  isAdmin: boolean;
}
