import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type Repository, type SelectQueryBuilder } from 'typeorm';
import { ChangeEventEntity } from '../changes/change-event.entity.js';
import { RecordScopeEntity } from '../changes/record-scope.entity.js';

/**
 * The one description of who may read a logged change, as SQL over `change_events e`: a
 * reader cleared to `:level` receives an event when it was within their level when it was
 * committed and the record and its governing parent are still within it now, or when it took
 * a record they could see above them (delivered as `hidden`). Catch-up and activity both use it.
 */
export function whereReaderMaySee<T extends object>(query: SelectQueryBuilder<T>, level: number): SelectQueryBuilder<T> {
  return query
    .leftJoin(RecordScopeEntity, 's', 's.scope_id = e.entity_id')
    .leftJoin(RecordScopeEntity, 'p', 'p.scope_id = s.parent_id')
    .andWhere(
      `((e.level <= :level AND COALESCE(s.level, 0) <= :level AND COALESCE(p.level, 0) <= :level)
        OR (e.previous_level <= :level AND e.level > :level))`,
      { level },
    );
}

/** Reads of the committed change log, for the relay and for catch-up. */
@Injectable()
export class ChangeLogRepository {
  constructor(@InjectRepository(ChangeEventEntity) private readonly events: Repository<ChangeEventEntity>) {}

  /** Every event after `after`, oldest first. */
  after(committeeId: string, after: number, limit: number): Promise<ChangeEventEntity[]> {
    return this.events
      .createQueryBuilder('e')
      .where('e.committee_id = :committeeId AND e.seq > :after', { committeeId, after })
      .orderBy('e.seq', 'ASC')
      .limit(limit)
      .getMany();
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

  /** Events after `after` (up to `upTo`) that a reader cleared to `level` may receive. */
  visibleAfter(committeeId: string, after: number, upTo: number, level: number, limit: number): Promise<ChangeEventEntity[]> {
    const query = this.events
      .createQueryBuilder('e')
      .where('e.committee_id = :committeeId AND e.seq > :after AND e.seq <= :upTo', { committeeId, after, upTo });
    return whereReaderMaySee(query, level).orderBy('e.seq', 'ASC').limit(limit).getMany();
  }
}
