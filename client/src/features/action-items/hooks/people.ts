import type { Member } from '@sidang/shared';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A member as a choice in a list: "Name (AGENCY)", without repeating an agency the name
 * already carries ("Pegawai Dasar Mineral (NRES)" stays as it is).
 */
export function memberLabel(member: Pick<Member, 'name' | 'agency'>): string {
  const agency = member.agency.trim();
  if (!agency) return member.name;
  const named = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(agency)}($|[^\\p{L}\\p{N}])`, 'iu');
  return named.test(member.name) ? member.name : `${member.name} (${agency})`;
}

/** The key an agency code is compared by: `jmg`, ` JMG ` and `JMG` are one agency. */
export function agencyKey(agency: string): string {
  return agency.trim().toLocaleUpperCase('en');
}
