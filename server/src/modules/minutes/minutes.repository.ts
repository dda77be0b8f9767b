import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AttendanceStatus, agendaNumber, type Classification, type Role } from '@sidang/shared';
import type { DataSource, EntityManager } from 'typeorm';

/** An agenda item as the minutes need it, numbered as the agenda shows it. */
export interface MinutesItem {
  id: string;
  number: string;
  title: string;
  classification: Classification;
}

export interface MinutesAttendee {
  name: string;
  agency: string;
  role: Role | 'guest';
  status: AttendanceStatus;
}

/** Reads of the meeting's agenda and attendance that every reader's render starts from. */
@Injectable()
export class MinutesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every agenda item of the meeting (not deleted), in agenda order, whatever the reader's clearance. */
  async items(meetingId: string, manager?: EntityManager): Promise<MinutesItem[]> {
    const rows: Array<{ id: string; parent_id: string | null; position: number; title: string; classification: Classification }> = await (
      manager ?? this.dataSource
    ).query(
      'SELECT id, parent_id, position, title, classification FROM agenda_items WHERE meeting_id = $1 AND deleted_at IS NULL ORDER BY position, created_at',
      [meetingId],
    );
    const tops = rows.filter((row) => row.parent_id === null);
    const out: MinutesItem[] = [];
    for (const top of tops) {
      out.push({ id: top.id, number: agendaNumber(null, top.position), title: top.title, classification: top.classification });
      for (const child of rows.filter((row) => row.parent_id === top.id)) {
        out.push({
          id: child.id,
          number: agendaNumber(top.position, child.position),
          title: child.title,
          classification: child.classification,
        });
      }
    }
    return out;
  }

  /** Members (marked or not), people marked in attendance and the meeting's guests (in attendance: "Hadir bersama"). */
  async attendance(meetingId: string, committeeId: string): Promise<MinutesAttendee[]> {
    const rows: Array<{ name: string; agency: string; role: Role | null; status: AttendanceStatus | null }> = await this.dataSource.query(
      `SELECT name, agency, role, status FROM (
         SELECT u.name, u.agency, m.role, a.status
         FROM users u
         LEFT JOIN memberships m ON m.user_id = u.id AND m.committee_id = $2
         LEFT JOIN meeting_attendance a ON a.user_id = u.id AND a.meeting_id = $1
         WHERE m.user_id IS NOT NULL OR a.status = 'in_attendance'
         UNION ALL
         SELECT g.name, g.agency, NULL, 'in_attendance' FROM meeting_guests g WHERE g.meeting_id = $1
       ) people
       ORDER BY name`,
      [meetingId, committeeId],
    );
    return rows.map((row) => ({ name: row.name, agency: row.agency, role: row.role ?? 'guest', status: row.status ?? 'absent' }));
  }

  /** The names of `ids` (users), by id. */
  async userNames(ids: ReadonlyArray<string | null>): Promise<Map<string, string>> {
    const wanted = ids.filter((id): id is string => Boolean(id));
    if (wanted.length === 0) return new Map();
    const rows: Array<{ id: string; name: string }> = await this.dataSource.query('SELECT id, name FROM users WHERE id = ANY($1::uuid[])', [
      wanted,
    ]);
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** The committee's chair (the first, should there be more), who signs the confirmed minutes. */
  async chairName(committeeId: string): Promise<string | null> {
    const rows: Array<{ name: string }> = await this.dataSource.query(
      `SELECT u.name FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.committee_id = $1 AND m.role = 'chair' ORDER BY u.name LIMIT 1`,
      [committeeId],
    );
    return rows[0]?.name ?? null;
  }

  async committeeName(committeeId: string): Promise<{ name: string; nameMs: string }> {
    const rows: Array<{ name: string; name_ms: string }> = await this.dataSource.query(
      'SELECT name, name_ms FROM committees WHERE id = $1',
      [committeeId],
    );
    return { name: rows[0]?.name ?? '', nameMs: rows[0]?.name_ms ?? '' };
  }
}
