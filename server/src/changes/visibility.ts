import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { RecordScopeEntity } from './record-scope.entity.js';

/**
 * The one description of who may read a logged change, as SQL over `change_events e`. A
 * reader cleared to `level` may read an event when it was within their level when committed
 * and the record and its governing records (up to three up) are still within it now. With `includeHidden`, also
 * the events that took a record they could see above them (delivered as `hidden`). Catch-up
 * and activity both filter through it; the relay applies the same rule to rooms.
 */
export function whereReaderMaySee<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  level: number,
  { includeHidden }: { includeHidden: boolean },
): SelectQueryBuilder<T> {
  const visible =
    'e.level <= :level AND COALESCE(s.level, 0) <= :level AND COALESCE(p.level, 0) <= :level AND COALESCE(g.level, 0) <= :level AND COALESCE(gg.level, 0) <= :level';
  const hidden = 'e.previous_level <= :level AND e.level > :level';
  return (
    query
      .leftJoin(RecordScopeEntity, 's', 's.scope_id = e.entity_id')
      .leftJoin(RecordScopeEntity, 'p', 'p.scope_id = s.parent_id')
      // Up to three governing records: a decision → its agenda item → its meeting; a minutes
      // comment → its section → the agenda item → the meeting.
      .leftJoin(RecordScopeEntity, 'g', 'g.scope_id = p.parent_id')
      .leftJoin(RecordScopeEntity, 'gg', 'gg.scope_id = g.parent_id')
      .andWhere(includeHidden ? `((${visible}) OR (${hidden}))` : `(${visible})`, { level })
  );
}
