import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { FieldClassifications } from '@sidang/shared';
import type { Repository, SelectQueryBuilder } from 'typeorm';
import { ChangeEventEntity } from '../changes/change-event.entity.js';
import { RecordScopeEntity } from '../changes/record-scope.entity.js';
import {
  currentLevelSql,
  governingDraftSql,
  paperWithheldFromSql,
  type ReaderScope,
  usersOf,
  whereReaderMaySee,
} from '../changes/visibility.js';

/** A logged event with where its record stands now: what every channel serving history projects through. */
export interface LoggedEvent extends ChangeEventEntity {
  /** The higher of the event's level and its record's current governing level. */
  currentLevel: number;
  /** The record's current field levels (merged with the event's own by `projectFor`). */
  currentFieldLevels: FieldClassifications | null;
  /** Logged in a draft, or the record (or one governing it) is a draft now: for the chair and the secretariat only. */
  currentDraft: boolean;
}

/** Reads of the committed change log, for the relay and for catch-up. */
@Injectable()
export class ChangeLogRepository {
  constructor(@InjectRepository(ChangeEventEntity) private readonly events: Repository<ChangeEventEntity>) {}

  /** Every event after `after`, oldest first, with its record's current levels. */
  after(committeeId: string, after: number, limit: number): Promise<LoggedEvent[]> {
    const query = this.events
      .createQueryBuilder('e')
      .leftJoin(RecordScopeEntity, 's', 's.scope_id = e.entity_id')
      .where('e.committee_id = :committeeId AND e.seq > :after', { committeeId, after })
      .orderBy('e.seq', 'ASC')
      .limit(limit);
    return withCurrentLevels(query);
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

  /** Events after `after` (up to `upTo`) that `reader` may receive. */
  visibleAfter(committeeId: string, after: number, upTo: number, reader: ReaderScope, limit: number): Promise<LoggedEvent[]> {
    const query = this.events
      .createQueryBuilder('e')
      .where('e.committee_id = :committeeId AND e.seq > :after AND e.seq <= :upTo', { committeeId, after, upTo });
    return withCurrentLevels(whereReaderMaySee(query, reader, { includeHidden: true, logged: true }).orderBy('e.seq', 'ASC').limit(limit));
  }
}

/** Runs a query over `change_events e` joined to its scope row `s`, adding the record's current levels to each event. */
async function withCurrentLevels(query: SelectQueryBuilder<ChangeEventEntity>): Promise<LoggedEvent[]> {
  const { entities, raw } = await query
    .addSelect(currentLevelSql('e'), 'current_level')
    .addSelect('s.field_levels', 'current_field_levels')
    .addSelect(governingDraftSql('e.entity_id'), 'current_draft')
    .addSelect(`${paperWithheldFromSql('e.entity_id')}::text[]`, 'withheld_from')
    .getRawAndEntities<{
      current_level: number | string;
      current_field_levels: FieldClassifications | string | null;
      current_draft: boolean | null;
      withheld_from: string[] | string | null;
    }>();
  return entities.map((event, index) => {
    const row = raw[index];
    const fieldLevels = row?.current_field_levels ?? null;
    return Object.assign(event, {
      currentLevel: Math.max(event.level, Number(row?.current_level ?? event.level)),
      currentFieldLevels: typeof fieldLevels === 'string' ? (JSON.parse(fieldLevels) as FieldClassifications) : fieldLevels,
      currentDraft: event.draft || row?.current_draft === true,
      withheldFrom: usersOf(row?.withheld_from ?? null),
    });
  });
}
