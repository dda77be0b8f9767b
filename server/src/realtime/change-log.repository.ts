import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type Repository } from 'typeorm';
import { ChangeEventEntity } from '../changes/change-event.entity.js';
import { RecordScopeEntity } from '../changes/record-scope.entity.js';

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

  /**
   * Events after `after` (up to `upTo`) that a reader cleared to `level` may receive: those at
   * or below their level whose record is still within it, and those that took a record they
   * could see above it (delivered as `hidden`).
   */
  visibleAfter(committeeId: string, after: number, upTo: number, level: number, limit: number): Promise<ChangeEventEntity[]> {
    return this.events
      .createQueryBuilder('e')
      .leftJoin(RecordScopeEntity, 's', 's.scope_id = e.scope_id')
      .where('e.committee_id = :committeeId AND e.seq > :after AND e.seq <= :upTo', { committeeId, after, upTo })
      .andWhere('((e.level <= :level AND COALESCE(s.level, e.level) <= :level) OR (e.previous_level <= :level AND e.level > :level))', {
        level,
      })
      .orderBy('e.seq', 'ASC')
      .limit(limit)
      .getMany();
  }
}
