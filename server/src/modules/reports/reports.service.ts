import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type ActionsByAgencyReport,
  type ActionsByAgencyRow,
  type AttendanceReport,
  type AttendanceReportRow,
  CLOSED_STATUSES,
  type Classification,
  clearedLevels,
  higherOf,
  isOverdue,
  LOCALES,
  type Locale,
  MEETING_TIME_ZONE,
} from '@sidang/shared';
import type { DataSource } from 'typeorm';
import { AccessService } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import { todayIn } from '../../common/today.js';
import { ActionItemsService } from '../action-items/action-items.service.js';
import { buildExport, type ExportFile } from '../exports/spreadsheet.js';

/** The roles in the order the report lists them. */
const ROLE_ORDER = ['chair', 'secretariat', 'member', 'observer'];

/** Meetings that took place (started): the ones attendance is counted over. */
const HELD = ['in_progress', 'adjourned', 'closed'];

type Say = readonly [en: string, ms: string];

const WORDS = {
  attendanceSheet: ['Attendance', 'Kehadiran'],
  actionsSheet: ['Actions by agency', 'Tindakan mengikut agensi'],
  classification: ['Classification', 'Peringkat keselamatan'],
  withheld: ['Withheld fields', 'Medan dirahsiakan'],
  name: ['Name', 'Nama'],
  agency: ['Agency', 'Agensi'],
  role: ['Role', 'Peranan'],
  invited: ['Invited', 'Dijemput'],
  present: ['Present', 'Hadir'],
  apologies: ['Apologies', 'Memohon maaf'],
  absent: ['Absent', 'Tidak hadir'],
  rate: ['Attendance (%)', 'Kehadiran (%)'],
  open: ['Open', 'Belum selesai'],
  overdue: ['Overdue', 'Lewat'],
  done: ['Done', 'Selesai'],
  noAgency: ['(no agency)', '(tiada agensi)'],
} satisfies Record<string, Say>;

const ROLES: Record<string, Say> = {
  chair: ['Chair', 'Pengerusi'],
  secretariat: ['Secretariat', 'Urus setia'],
  member: ['Member', 'Ahli'],
  observer: ['Observer', 'Pemerhati'],
};

/**
 * Reports of a committee as one reader may see it: attendance per member over a year and action
 * items per agency. Each counts only records the reader may see, and is marked with the highest
 * level of what it counted.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly actionItems: ActionItemsService,
  ) {}

  async attendance(actor: Actor, committeeId: string, year?: number): Promise<AttendanceReport> {
    const access = await this.access.requireCommittee(actor, committeeId);
    const inYear = year ?? Number(todayIn(MEETING_TIME_ZONE).slice(0, 4));
    const meetings: Array<{ id: string; classification: Classification }> = await this.dataSource.query(
      `SELECT id, classification FROM meetings
       WHERE committee_id = $1 AND year = $2 AND deleted_at IS NULL AND status = ANY($3) AND classification = ANY($4)`,
      [committeeId, inYear, HELD, clearedLevels(access.clearance)],
    );
    const members: Array<{ id: string; name: string; agency: string; role: string }> = await this.dataSource.query(
      `SELECT u.id, u.name, u.agency, m.role FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.committee_id = $1 ORDER BY u.name`,
      [committeeId],
    );
    const ids = meetings.map((meeting) => meeting.id);
    const [marks, invitations]: [
      Array<{ meeting_id: string; user_id: string; status: string }>,
      Array<{ meeting_id: string; user_id: string }>,
    ] =
      ids.length === 0
        ? [[], []]
        : await Promise.all([
            this.dataSource.query('SELECT meeting_id, user_id, status FROM meeting_attendance WHERE meeting_id = ANY($1::uuid[])', [ids]),
            this.dataSource.query('SELECT meeting_id, user_id FROM meeting_invitations WHERE meeting_id = ANY($1::uuid[])', [ids]),
          ]);
    // Invited: an invitation (made when the meeting was scheduled); a meeting scheduled before
    // invitations were kept counts every member; someone marked at a meeting was there for it.
    const invitedTo = new Set(invitations.map((row) => `${row.meeting_id}:${row.user_id}`));
    const withInvitations = new Set(invitations.map((row) => row.meeting_id));
    const rows = members
      .map((member): AttendanceReportRow => {
        const own = marks.filter((mark) => mark.user_id === member.id && mark.status !== 'absent');
        const invited = ids.filter(
          (id) => !withInvitations.has(id) || invitedTo.has(`${id}:${member.id}`) || own.some((mark) => mark.meeting_id === id),
        ).length;
        const present = own.filter((mark) => mark.status === 'present' || mark.status === 'in_attendance').length;
        const apologies = own.filter((mark) => mark.status === 'apologies').length;
        return {
          userId: member.id,
          name: member.name,
          agency: member.agency,
          role: member.role,
          invited,
          present,
          apologies,
          absent: Math.max(0, invited - present - apologies),
          rate: invited === 0 ? null : Math.round((present / invited) * 100),
        };
      })
      .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
    const classification = meetings.reduce<Classification>((top, meeting) => higherOf(top, meeting.classification), 'OPEN');
    return { committeeId: access.committee.id, year: inYear, meetings: meetings.length, classification, rows };
  }

  async actionsByAgency(actor: Actor, committeeId: string): Promise<ActionsByAgencyReport> {
    return (await this.countActions(actor, committeeId)).report;
  }

  /** The report, and per agency the highest level of the items it counted. */
  private async countActions(
    actor: Actor,
    committeeId: string,
  ): Promise<{ report: ActionsByAgencyReport; levels: Map<string, Classification> }> {
    const access = await this.access.requireCommittee(actor, committeeId);
    // The list the reader gets (their clearance, the items' governing records): nothing else is counted.
    const items = await this.actionItems.list(actor, committeeId, { status: undefined, overdue: undefined });
    const today = todayIn(access.committee.timeZone);
    const owners = [...new Set(items.flatMap((item) => item.ownerIds))];
    const agencyOf = new Map<string, string>(
      owners.length === 0
        ? []
        : (
            (await this.dataSource.query('SELECT id, agency FROM users WHERE id = ANY($1::uuid[])', [owners])) as Array<{
              id: string;
              agency: string;
            }>
          ).map((row) => [row.id, row.agency]),
    );
    const byAgency = new Map<string, ActionsByAgencyRow & { level: Classification }>();
    let classification: Classification = 'OPEN';
    for (const item of items) {
      const agencies = new Set(
        [...item.ownerAgencies, ...item.ownerIds.map((id) => agencyOf.get(id) ?? '')].map((agency) => agency.trim()).filter(Boolean),
      );
      if (agencies.size === 0) agencies.add('');
      classification = higherOf(classification, item.classification);
      for (const agency of agencies) {
        const row = byAgency.get(agency) ?? { agency, open: 0, overdue: 0, done: 0, level: 'OPEN' as Classification };
        if (item.status === 'done') row.done += 1;
        else if (!CLOSED_STATUSES.includes(item.status)) {
          row.open += 1;
          if (isOverdue(item, today)) row.overdue += 1;
        }
        row.level = higherOf(row.level, item.classification);
        byAgency.set(agency, row);
      }
    }
    const sorted = [...byAgency.values()].sort((a, b) => (a.agency === '' ? 1 : b.agency === '' ? -1 : a.agency.localeCompare(b.agency)));
    const rows = sorted.map(({ level: _level, ...row }) => row);
    return {
      report: { committeeId: access.committee.id, today, classification, rows },
      levels: new Map(sorted.map((row) => [row.agency, row.level])),
    };
  }

  /** The attendance report as a marked CSV or XLSX file, in the reader's language. */
  async attendanceFile(actor: Actor, report: AttendanceReport, format: 'csv' | 'xlsx'): Promise<ExportFile> {
    const locale = await this.localeOf(actor);
    const say = (words: Say) => words[locale === 'ms' ? 1 : 0];
    return buildExport({
      name: `attendance-${report.year}`,
      sheet: `${say(WORDS.attendanceSheet)} ${report.year}`,
      format,
      today: todayIn(MEETING_TIME_ZONE),
      words: { classification: say(WORDS.classification), withheld: say(WORDS.withheld), fieldLabel: (field) => field },
      rows: report.rows.map((row) => ({ ...row, classification: report.classification })),
      columns: [
        { header: say(WORDS.name), value: (row) => row.name },
        { header: say(WORDS.agency), value: (row) => row.agency },
        { header: say(WORDS.role), value: (row) => (ROLES[row.role] ? say(ROLES[row.role] as Say) : row.role) },
        { header: say(WORDS.invited), value: (row) => row.invited },
        { header: say(WORDS.present), value: (row) => row.present },
        { header: say(WORDS.apologies), value: (row) => row.apologies },
        { header: say(WORDS.absent), value: (row) => row.absent },
        { header: say(WORDS.rate), value: (row) => row.rate },
      ],
    });
  }

  /** The actions-by-agency report as a marked CSV or XLSX file; each row marked with what it counted. */
  async actionsByAgencyFile(actor: Actor, committeeId: string, format: 'csv' | 'xlsx'): Promise<ExportFile> {
    const { report, levels } = await this.countActions(actor, committeeId);
    const locale = await this.localeOf(actor);
    const say = (words: Say) => words[locale === 'ms' ? 1 : 0];
    return buildExport({
      name: 'actions-by-agency',
      sheet: say(WORDS.actionsSheet),
      format,
      today: report.today,
      words: { classification: say(WORDS.classification), withheld: say(WORDS.withheld), fieldLabel: (field) => field },
      rows: report.rows.map((row) => ({ ...row, classification: levels.get(row.agency) ?? report.classification })),
      columns: [
        { header: say(WORDS.agency), value: (row) => row.agency || say(WORDS.noAgency) },
        { header: say(WORDS.open), value: (row) => row.open },
        { header: say(WORDS.overdue), value: (row) => row.overdue },
        { header: say(WORDS.done), value: (row) => row.done },
      ],
    });
  }

  /** The reader's language: the one their account keeps. */
  private async localeOf(actor: Actor): Promise<Locale> {
    const rows: Array<{ locale: string }> = await this.dataSource.query('SELECT locale FROM users WHERE id = $1::uuid', [actor.id]);
    const locale = rows[0]?.locale;
    return (LOCALES as readonly string[]).includes(locale ?? '') ? (locale as Locale) : 'en';
  }
}
