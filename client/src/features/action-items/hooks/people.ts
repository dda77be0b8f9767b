import type { Member } from '@sidang/shared';
import { personLabel } from '@sidang/shared/constants';

/**
 * A member as a choice in a list: "Name (AGENCY)", once (the one formatter every screen and
 * file uses, `personLabel`).
 */
export function memberLabel(member: Pick<Member, 'name' | 'agency'>): string {
  return personLabel(member);
}

/** The key an agency code is compared by: `jmg`, ` JMG ` and `JMG` are one agency. */
export function agencyKey(agency: string): string {
  return agency.trim().toLocaleUpperCase('en');
}
