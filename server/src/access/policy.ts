import type { Role } from '@sidang/shared';

/**
 * Who may do what, by role in the committee. Clearance and membership decide what anyone may
 * see; this table decides who may write. The README's permission table is this table.
 */
export const PERMISSIONS = {
  'action-item.create': ['chair', 'secretariat'],
  'action-item.edit': ['chair', 'secretariat'],
  'action-item.delete': ['chair', 'secretariat'],
  /** Owners (by user or agency) may move the status of their own items. */
  'action-item.update-own-status': ['chair', 'secretariat', 'member'],
  'progress-update.create': ['chair', 'secretariat', 'member'],
  /** Schedule, edit and close meetings; build and reorder agendas. */
  'meeting.manage': ['chair', 'secretariat'],
  'agenda.manage': ['chair', 'secretariat'],
  /** See drafts: a meeting not yet scheduled, its agenda and everything under it, on every channel. */
  'meeting.see-drafts': ['chair', 'secretariat'],
  /** Drive a meeting in progress: set the current item, mark attendance, record decisions. */
  'meeting.run': ['chair', 'secretariat'],
  /** Upload, reclassify and remove documents (papers of agenda items, evidence). */
  'document.manage': ['chair', 'secretariat'],
  /** A member marks themself present on arrival, or sends apologies. */
  'attendance.mark-own': ['chair', 'secretariat', 'member'],
  /** Those who classify records see members' clearances; others see only their own. */
  'member.see-clearance': ['chair', 'secretariat'],
  /** A committee's chair manages its memberships (administrators manage every committee's). */
  'member.manage': ['chair'],
  /** Keep the registers: bilateral meetings, agreements, negotiations, R&D projects and their children. */
  'register.manage': ['chair', 'secretariat'],
  /** Classify a derived record (an action raised from an item, a decision, a paper) below its origin, with a reason. */
  'record.declassify': ['chair', 'secretariat'],
  /** Link one record to another (both must be visible to the one who links them). */
  'record-link.manage': ['chair', 'secretariat', 'member'],
  /** Open and close a vote in the meeting. */
  'vote.run': ['chair'],
  /** Circulate a resolution for decision between meetings. */
  'resolution.circulate': ['secretariat', 'chair'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleMay(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
