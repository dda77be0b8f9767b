import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { FieldClassifications } from '@sidang/shared';
import type { Repository } from 'typeorm';
import { UserEntity } from '../../access/user.entity.js';
import { AuditEntryEntity } from '../../changes/audit-entry.entity.js';
import { ChangeEventEntity } from '../../changes/change-event.entity.js';
import { whereReaderMaySee } from '../../changes/visibility.js';

export interface AuditRow {
  seq: string;
  at: Date;
  actor_id: string;
  actor_name: string | null;
  entity_type: string;
  entity_id: string;
  verb: 'created' | 'updated' | 'deleted';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  level: number;
  previous_level: number | null;
  /** The record's current field levels: before and after are projected through the higher of theirs and these. */
  field_levels: FieldClassifications | null;
}

/** Queries only: the audit trail of a committee, as far as a reader may see it. */
@Injectable()
export class ActivityRepository {
  constructor(@InjectRepository(AuditEntryEntity) private readonly audit: Repository<AuditEntryEntity>) {}

  /** Newest first, `limit` rows before seq `before`, optionally of one record and its children. */
  async visible(filter: { committeeId: string; level: number; before?: number; entityId?: string; limit: number }): Promise<AuditRow[]> {
    const query = this.audit
      .createQueryBuilder('a')
      .innerJoin(ChangeEventEntity, 'e', 'e.committee_id = a.committee_id AND e.seq = a.seq')
      .leftJoin(UserEntity, 'u', 'u.id = a.actor_id')
      .select([
        'a.seq AS seq',
        'a.at AS at',
        'a.actor_id AS actor_id',
        'u.name AS actor_name',
        'a.entity_type AS entity_type',
        'a.entity_id AS entity_id',
        'a.verb AS verb',
        'a.before AS before',
        'a.after AS after',
        'e.level AS level',
        'e.previous_level AS previous_level',
        's.field_levels AS field_levels',
      ])
      .where('a.committee_id = :committeeId', { committeeId: filter.committeeId });
    whereReaderMaySee(query, filter.level, { includeHidden: false });
    if (filter.before !== undefined) query.andWhere('a.seq < :before', { before: filter.before });
    if (filter.entityId) query.andWhere('(a.entity_id = :entityId OR s.parent_id = :entityId)', { entityId: filter.entityId });
    return query.orderBy('a.seq', 'DESC').limit(filter.limit).getRawMany<AuditRow>();
  }
}
