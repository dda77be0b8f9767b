import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Classification, classificationLevel, MINUTES_EDITABLE_STATUSES, type MinutesStatus, type Role } from '@sidang/shared';
import type { DataSource } from 'typeorm';

/** What one user may do with one section document right now. */
export interface DocAccess {
  docId: string;
  minutesId: string;
  committeeId: string;
  /** max(meeting, agenda item, section's own). */
  level: number;
  role: Role;
  status: MinutesStatus;
  canEdit: boolean;
}

/** Who may edit a section's text: the chair and the secretariat, while the minutes are a draft. */
export function mayEditText(role: Role, status: MinutesStatus): boolean {
  return (role === 'chair' || role === 'secretariat') && MINUTES_EDITABLE_STATUSES.includes(status);
}

/**
 * The one read of whether a user may see a section document, in one query: an active member of
 * the committee, cleared for the meeting, the agenda item (not deleted) and the section.
 */
@Injectable()
export class MinutesAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async ofDoc(userId: string, docId: string): Promise<DocAccess | null> {
    const rows: Array<{
      minutes_id: string;
      committee_id: string;
      own: Classification;
      item: Classification;
      meeting: Classification;
      status: MinutesStatus;
      role: Role | null;
      clearance: Classification;
      active: boolean;
    }> = await this.dataSource.query(
      `SELECT s.minutes_id, s.committee_id, s.classification AS own, a.classification AS item, m.classification AS meeting,
              mi.status, mem.role, u.clearance, u.active
       FROM minutes_sections s
       JOIN minutes mi ON mi.id = s.minutes_id
       JOIN agenda_items a ON a.id = s.agenda_item_id AND a.deleted_at IS NULL
       JOIN meetings m ON m.id = s.meeting_id AND m.deleted_at IS NULL
       JOIN users u ON u.id = $2
       LEFT JOIN memberships mem ON mem.committee_id = s.committee_id AND mem.user_id = u.id
       WHERE s.id = $1`,
      [docId, userId],
    );
    const row = rows[0];
    if (!row || !row.role || !row.active) return null;
    const level = Math.max(classificationLevel(row.own), classificationLevel(row.item), classificationLevel(row.meeting));
    if (level > classificationLevel(row.clearance)) return null;
    return {
      docId,
      minutesId: row.minutes_id,
      committeeId: row.committee_id,
      level,
      role: row.role,
      status: row.status,
      canEdit: mayEditText(row.role, row.status),
    };
  }
}
