import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  CLOSED_STATUSES,
  type Classification,
  clearedLevels,
  type FieldClassifications,
  type HomeChange,
  type RsvpResponse,
} from '@sidang/shared';
import type { Repository } from 'typeorm';
import { UserEntity } from '../../access/user.entity.js';
import { AuditEntryEntity } from '../../changes/audit-entry.entity.js';
import { ChangeEventEntity } from '../../changes/change-event.entity.js';
import { ownActSql } from '../../changes/own-acts.js';
import { governingLevelSql, paperWithheldSql, whereReaderMaySee } from '../../changes/visibility.js';
import { MeetingEntity } from '../meetings/meeting.entity.js';
import { HomeVisitEntity } from './home-visit.entity.js';

/** Who reads: the user, their clearance and the committee. */
export interface HomeReader {
  committeeId: string;
  userId: string;
  clearance: Classification;
  /** The chair and the secretariat see drafts (a meeting not yet scheduled and what it governs). */
  drafts: boolean;
}

export interface ActionRow {
  id: string;
  committee_id: string;
  title: string;
  status: string;
  due_date: string | null;
  classification: Classification;
}

export interface PaperRow {
  id: string;
  number: string | null;
  title: string;
  classification: Classification;
  /** The reader has opened the paper's current file version. */
  opened: boolean;
}

export interface MinutesRow {
  id: string;
  committee_id: string;
  meeting_id: string;
  meeting_title: string;
  number_in_year: number;
  year: number;
  comments_due_at: Date | string | null;
}

export interface ChangeRow {
  seq: string;
  at: Date;
  committee_id: string;
  entity_type: string;
  entity_id: string;
  parent_id: string | null;
  verb: HomeChange['verb'];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  actor_name: string | null;
  level: number;
  previous_level: number | null;
  field_levels: FieldClassifications | string | null;
}

/**
 * A record `alias` is within the reader: its own level and its governing chain's
 * (`governing_level`, the one ancestor rule every channel uses). Parameters `$2` (levels the
 * reader is cleared for) and `$3` (the reader's level) of every query below.
 */
const within = (alias: string) => `${alias}.classification = ANY($2) AND ${governingLevelSql(`${alias}.id`)} <= $3`;

/** Late (achieved after its date) or overdue (not done, its date passed): as the R&D list's `slipping`. */
const SLIPPING = `((m.actual_on IS NOT NULL AND m.planned_on IS NOT NULL AND m.actual_on > m.planned_on)
  OR (m.planned_on IS NOT NULL AND m.status NOT IN ('done', 'cancelled') AND m.planned_on < $4::date))`;

/** The columns of a `ChangeRow`, by name: the event, its audit entry, its author and its scope. */
const CHANGE_COLUMNS: Record<keyof ChangeRow, string> = {
  seq: 'e.seq',
  at: 'e.at',
  committee_id: 'e.committee_id',
  entity_type: 'a.entity_type',
  entity_id: 'a.entity_id',
  parent_id: 's.parent_id',
  verb: 'a.verb',
  before: 'a.before',
  after: 'a.after',
  actor_name: 'u.name',
  level: 'e.level',
  previous_level: 'e.previous_level',
  field_levels: 's.field_levels',
};

/** Queries only: what the home shows, each filtered to what the reader may see. */
@Injectable()
export class HomeRepository {
  constructor(
    @InjectRepository(HomeVisitEntity) private readonly visits: Repository<HomeVisitEntity>,
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
  ) {}

  private query<T>(sql: string, reader: HomeReader, ...more: unknown[]): Promise<T[]> {
    const { clearedLevels: levels, level } = bands(reader.clearance);
    return this.visits.manager.query(sql, [reader.committeeId, levels, level, ...more]);
  }

  /** The reader's own open actions due on or before `until`, overdue (oldest) first. */
  myActions(reader: HomeReader, until: string): Promise<ActionRow[]> {
    return this.query<ActionRow>(
      `SELECT i.id, i.committee_id, i.title, i.status, i.due_date::text AS due_date, i.classification
       FROM action_items i
       WHERE i.committee_id = $1 AND i.deleted_at IS NULL AND $5::uuid = ANY(i.owner_ids)
         AND i.status <> ALL($6) AND i.due_date IS NOT NULL AND i.due_date <= $4::date AND ${within('i')}
       ORDER BY i.due_date, i.created_at LIMIT 50`,
      reader,
      until,
      reader.userId,
      CLOSED_STATUSES,
    );
  }

  /** The meeting in progress (`in_progress`) or the next one still ahead (`scheduled`). */
  async meeting(reader: HomeReader, status: 'in_progress' | 'scheduled'): Promise<MeetingEntity | null> {
    const { clearedLevels: levels, level } = bands(reader.clearance);
    const query = this.meetings
      .createQueryBuilder('m')
      .where('m.committee_id = :committeeId AND m.status = :status', { committeeId: reader.committeeId, status })
      .andWhere(`m.classification IN (:...levels) AND ${governingLevelSql('m.id')} <= :level`, { levels, level });
    if (status === 'scheduled') query.andWhere("COALESCE(m.ends_at, m.starts_at + interval '1 day') >= now()");
    return query.orderBy('m.starts_at', 'ASC').getOne();
  }

  /** The reader's answer to the meeting's invitation (null until they answer). */
  async rsvp(reader: HomeReader, meetingId: string): Promise<RsvpResponse | null> {
    const rows: Array<{ response: RsvpResponse | null }> = await this.visits.manager.query(
      'SELECT response FROM meeting_invitations WHERE meeting_id = $1 AND user_id = $2',
      [meetingId, reader.userId],
    );
    return rows[0]?.response ?? null;
  }

  /**
   * Papers on the meeting's agenda (or on the meeting itself), in the order they were added, each
   * with whether the reader opened its current file version (a new version is unread again).
   */
  papers(reader: HomeReader, meetingId: string): Promise<PaperRow[]> {
    return this.query<PaperRow>(
      `SELECT d.id, d.number, d.title, d.classification,
         EXISTS (SELECT 1 FROM paper_reads r WHERE r.user_id = $5 AND r.document_id = d.id AND r.file_version = d.file_version) AS opened
       FROM documents d
       WHERE d.committee_id = $1 AND ${within('d')} AND NOT ${paperWithheldSql('d.id', { sql: '$5::uuid' })}
         AND (d.parent_id = $4 OR d.parent_id IN (SELECT a.id FROM agenda_items a WHERE a.meeting_id = $4 AND a.deleted_at IS NULL))
       ORDER BY d.created_at, d.id LIMIT 100`,
      reader,
      meetingId,
      reader.userId,
    );
  }

  /** Minutes circulated for comment, of meetings within the reader, newest meeting first. */
  circulatedMinutes(reader: HomeReader): Promise<MinutesRow[]> {
    return this.query<MinutesRow>(
      `SELECT mi.id, mi.committee_id, mi.meeting_id, m.title AS meeting_title, m.number_in_year, m.year, mi.comments_due_at
       FROM minutes mi JOIN meetings m ON m.id = mi.meeting_id
       WHERE mi.committee_id = $1 AND mi.status = 'circulated' AND m.deleted_at IS NULL AND ${within('m')}
         AND ${governingLevelSql('mi.id')} <= $3
       ORDER BY m.starts_at DESC LIMIT 20`,
      reader,
    );
  }

  /**
   * Changes by others after seq `after` to the actions the reader owns and the records they
   * follow, and to their children, newest first, through the one rule of who may read a logged change.
   */
  changesToMine(reader: HomeReader, after: number, limit: number): Promise<ChangeRow[]> {
    // Theirs: the actions they own and the records they follow (the follows of notifications).
    const mine = `SELECT i.id FROM action_items i WHERE i.committee_id = :committeeId AND :userId = ANY(i.owner_ids)
      UNION SELECT f.entity_id FROM follows f WHERE f.user_id = :userId AND f.committee_id = :committeeId`;
    const query = this.visits.manager
      .createQueryBuilder(ChangeEventEntity, 'e')
      .innerJoin(AuditEntryEntity, 'a', 'a.committee_id = e.committee_id AND a.seq = e.seq')
      .leftJoin(UserEntity, 'u', 'u.id = a.actor_id')
      .select(Object.entries(CHANGE_COLUMNS).map(([name, column]) => `${column} AS ${name}`))
      .where('e.committee_id = :committeeId AND e.seq > :after AND a.actor_id <> :userId', {
        committeeId: reader.committeeId,
        userId: reader.userId,
        after,
      })
      .andWhere(ownActSql('a'));
    whereReaderMaySee(
      query,
      { level: bands(reader.clearance).level, drafts: reader.drafts, userId: reader.userId },
      { includeHidden: false, logged: true },
    );
    return query
      .andWhere(`(e.entity_id IN (${mine}) OR s.parent_id IN (${mine}))`)
      .orderBy('e.seq', 'DESC')
      .limit(limit)
      .getRawMany<ChangeRow>();
  }

  /** Overdue open actions the reader may see, counted per owning agency. */
  overdueByAgency(reader: HomeReader, today: string): Promise<Array<{ agency: string; count: number }>> {
    return this.query(
      `SELECT agency, COUNT(*)::int AS count FROM action_items i, unnest(i.owner_agencies) AS agency
       WHERE i.committee_id = $1 AND i.deleted_at IS NULL AND i.status <> ALL($5) AND i.due_date < $4::date AND ${within('i')}
       GROUP BY agency ORDER BY count DESC, agency LIMIT 20`,
      reader,
      today,
      CLOSED_STATUSES,
    );
  }

  negotiationsByStatus(reader: HomeReader): Promise<Array<{ status: string; count: number }>> {
    return this.query(
      `SELECT n.status, COUNT(*)::int AS count FROM negotiations n
       WHERE n.committee_id = $1 AND n.deleted_at IS NULL AND ${within('n')} GROUP BY n.status`,
      reader,
    );
  }

  milestonesSlipping(reader: HomeReader, today: string): Promise<Array<{ project_id: string; project_title: string; count: number }>> {
    return this.query(
      `SELECT p.id AS project_id, p.title AS project_title, COUNT(*)::int AS count
       FROM rnd_milestones m JOIN rnd_projects p ON p.id = m.rnd_project_id
       WHERE p.committee_id = $1 AND p.deleted_at IS NULL AND m.deleted_at IS NULL AND ${within('p')} AND ${within('m')}
         AND ${SLIPPING}
       GROUP BY p.id, p.title ORDER BY count DESC, p.title LIMIT 10`,
      reader,
      today,
    );
  }

  /** The committee's newest change, 0 before the first. */
  async newestSeq(committeeId: string): Promise<number> {
    const rows: Array<{ seq: string | null }> = await this.visits.manager.query(
      'SELECT MAX(seq) AS seq FROM change_events WHERE committee_id = $1',
      [committeeId],
    );
    return Number(rows[0]?.seq ?? 0);
  }

  visit(userId: string, committeeId: string): Promise<HomeVisitEntity | null> {
    return this.visits.findOne({ where: { userId, committeeId } });
  }

  async saveVisit(visit: HomeVisitEntity): Promise<void> {
    await this.visits.upsert(visit, ['userId', 'committeeId']);
  }
}

function bands(clearance: Classification): { clearedLevels: Classification[]; level: number } {
  const levels = clearedLevels(clearance);
  return { clearedLevels: levels, level: levels.length - 1 };
}
