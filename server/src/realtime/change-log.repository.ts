import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ChangeEventEntity } from '../changes/change-event.entity.js';
import { whereReaderMaySee } from '../changes/visibility.js';

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
    return whereReaderMaySee(query, level, { includeHidden: true }).orderBy('e.seq', 'ASC').limit(limit).getMany();
  }
}
