import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { FieldClassifications } from '@sidang/shared';
import type { Repository } from 'typeorm';
import { ChangeEventEntity } from '../changes/change-event.entity.js';
import { governingViewSql, type ReaderScope, readerMaySeeLoggedSql, usersOf } from '../changes/visibility.js';

/** A logged event with where its record stands now: what every channel serving history projects through. */
export interface LoggedEvent extends ChangeEventEntity {
  /** The higher of the event's level and its record's current governing level. */
  currentLevel: number;
  /** The record's current field levels (merged with the event's own by `projectFor`). */
  currentFieldLevels: FieldClassifications | null;
  /** Logged in a draft, or the record (or one governing it) is a draft now: for the chair and the secretariat only. */
  currentDraft: boolean;
}

/** A row of `LOGGED_EVENTS`, as either driver returns it. */
interface LoggedRow {
  committee_id: string;
  seq: number | string;
  entity_type: string;
  verb: string;
  entity_id: string;
  scope_id: string;
  version: number;
  actor_id: string;
  level: number;
  previous_level: number | null;
  draft: boolean;
  data: object | string;
  at: Date | string;
  current_level: number | string;
  current_field_levels: FieldClassifications | string | null;
  current_draft: boolean;
  withheld_from?: string[] | string | null;
}

/**
 * The change log `e` with each record's current levels, from one walk of its governing chain per
 * event (`governing_view`, joined as `g`) and its scope row `s` (current field levels), read as
 * rows: a page is up to hundreds of events, and hydrating them as entities cost more than the query.
 */
function loggedEvents(withheldFrom: boolean): string {
  return `SELECT e.committee_id, e.seq, e.entity_type, e.verb, e.entity_id, e.scope_id, e.version, e.actor_id,
      e.level, e.previous_level, e.draft, e.data, e.at,
      GREATEST(e.level, g.level) AS current_level, s.field_levels AS current_field_levels, (e.draft OR g.draft) AS current_draft
      ${withheldFrom ? ', g.withheld_from::text[] AS withheld_from' : ''}
    FROM change_events e
    LEFT JOIN record_scopes s ON s.scope_id = e.entity_id
    CROSS JOIN LATERAL ${governingViewSql('e.entity_id')} g`;
}

function toLogged(row: LoggedRow): LoggedEvent {
  const fieldLevels = row.current_field_levels;
  const level = Number(row.level);
  const draft = row.draft === true;
  return {
    committeeId: row.committee_id,
    seq: Number(row.seq),
    entityType: row.entity_type,
    verb: row.verb,
    entityId: row.entity_id,
    scopeId: row.scope_id,
    version: Number(row.version),
    actorId: row.actor_id,
    level,
    previousLevel: row.previous_level === null ? null : Number(row.previous_level),
    draft,
    data: typeof row.data === 'string' ? (JSON.parse(row.data) as object) : row.data,
    at: row.at instanceof Date ? row.at : new Date(row.at),
    currentLevel: Math.max(level, Number(row.current_level)),
    currentFieldLevels: typeof fieldLevels === 'string' ? (JSON.parse(fieldLevels) as FieldClassifications) : fieldLevels,
    currentDraft: draft || row.current_draft === true,
    ...(row.withheld_from === undefined ? {} : { withheldFrom: usersOf(row.withheld_from) }),
  };
}

/** Reads of the committed change log, for the relay and for catch-up. */
@Injectable()
export class ChangeLogRepository {
  constructor(@InjectRepository(ChangeEventEntity) private readonly events: Repository<ChangeEventEntity>) {}

  /** Every event after `after`, oldest first, with its record's current levels and who the papers rule withholds it from. */
  async after(committeeId: string, after: number, limit: number): Promise<LoggedEvent[]> {
    const rows: LoggedRow[] = await this.events.manager.query(
      `${loggedEvents(true)} WHERE e.committee_id = $1 AND e.seq > $2 ORDER BY e.seq ASC LIMIT $3`,
      [committeeId, after, limit],
    );
    return rows.map(toLogged);
  }

  /** The newest seq of each of these committees, in one query. */
  async heads(committeeIds: readonly string[]): Promise<Map<string, number>> {
    if (committeeIds.length === 0) return new Map();
    const rows: Array<{ committee_id: string; last_seq: string }> = await this.events.manager.query(
      'SELECT committee_id, last_seq FROM committee_sequences WHERE committee_id = ANY($1::uuid[])',
      [committeeIds],
    );
    return new Map(rows.map((row) => [row.committee_id, Number(row.last_seq)]));
  }

  /** Events after `after` (up to `upTo`) that `reader` may receive, with the events that took a record out of their sight. */
  async visibleAfter(committeeId: string, after: number, upTo: number, reader: ReaderScope, limit: number): Promise<LoggedEvent[]> {
    const rows: LoggedRow[] = await this.events.manager.query(
      `${loggedEvents(false)}
       WHERE e.committee_id = $1 AND e.seq > $2 AND e.seq <= $3 AND ${readerMaySeeLoggedSql(reader, '$4::smallint')}
       ORDER BY e.seq ASC LIMIT $5`,
      [committeeId, after, upTo, reader.level, limit],
    );
    return rows.map(toLogged);
  }
}
