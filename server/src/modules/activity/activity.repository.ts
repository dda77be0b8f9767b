import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { DescribedVerb, FieldClassifications } from '@sidang/shared';
import type { Repository } from 'typeorm';
import { UserEntity } from '../../access/user.entity.js';
import { AuditEntryEntity } from '../../changes/audit-entry.entity.js';
import { ChangeEventEntity } from '../../changes/change-event.entity.js';
import { ownActSql } from '../../changes/own-acts.js';
import { RecordScopeEntity } from '../../changes/record-scope.entity.js';
import { type ReaderScope, readerLevelSql, whereReaderMaySee } from '../../changes/visibility.js';

export interface AuditRow {
  seq: string;
  at: Date;
  actor_id: string;
  actor_name: string | null;
  entity_type: string;
  entity_id: string;
  verb: DescribedVerb;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  level: number;
  previous_level: number | null;
  /** The record's current field levels: before and after are projected through the higher of theirs and these. */
  field_levels: FieldClassifications | null;
  /** The records that govern it (where it opens). */
  parent_id: string | null;
  grandparent_id: string | null;
  great_grandparent_id: string | null;
}

/** A record as last logged, with its current field levels: to name it where another points at it. */
export interface NamedRecordRow {
  entity_id: string;
  entity_type: string;
  after: Record<string, unknown>;
  field_levels: FieldClassifications | string | null;
}

/** Queries only: the audit trail of a committee, as far as a reader may see it. */
@Injectable()
export class ActivityRepository {
  constructor(@InjectRepository(AuditEntryEntity) private readonly audit: Repository<AuditEntryEntity>) {}

  /** Newest first, `limit` rows before seq `before`, optionally of one record and its children. */
  async visible(filter: {
    committeeId: string;
    level: number;
    drafts: boolean;
    userId: string;
    before?: number;
    entityId?: string;
    limit: number;
  }): Promise<AuditRow[]> {
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
        's.parent_id AS parent_id',
        'p.parent_id AS grandparent_id',
        'g.parent_id AS great_grandparent_id',
      ])
      .where('a.committee_id = :committeeId', { committeeId: filter.committeeId })
      // A record that only followed another's change in the same commit is not a line of its own.
      .andWhere(ownActSql('a'));
    whereReaderMaySee(query, { level: filter.level, drafts: filter.drafts, userId: filter.userId }, { includeHidden: false, logged: true });
    // A minutes comment opens on its meeting's minutes: comment → section → minutes → meeting.
    query.leftJoin(RecordScopeEntity, 'g', 'g.scope_id = p.parent_id');
    if (filter.before !== undefined) query.andWhere('a.seq < :before', { before: filter.before });
    if (filter.entityId) query.andWhere('(a.entity_id = :entityId OR s.parent_id = :entityId)', { entityId: filter.entityId });
    return query.orderBy('a.seq', 'DESC').limit(filter.limit).getRawMany<AuditRow>();
  }

  /**
   * The records of a committee among `ids` as last logged, only those a reader cleared to
   * `level` may see now (the one ancestor rule): a name never tells of a record above them.
   */
  async namedRecords(committeeId: string, reader: ReaderScope, ids: readonly string[]): Promise<NamedRecordRow[]> {
    if (ids.length === 0) return [];
    return this.audit.manager.query(
      `SELECT DISTINCT ON (a.entity_id) a.entity_id, a.entity_type, a.after, s.field_levels
       FROM audit_entries a JOIN record_scopes s ON s.scope_id = a.entity_id
       WHERE a.committee_id = $1::uuid AND a.entity_id = ANY($2::uuid[]) AND a.after IS NOT NULL
         AND ${readerLevelSql('a.entity_id', reader)} <= $3
       ORDER BY a.entity_id, a.seq DESC`,
      [committeeId, ids, reader.level],
    );
  }

  /** The names of the committee's members among `ids` (a member's name is seen by the whole committee). */
  async memberNames(committeeId: string, ids: readonly string[]): Promise<Array<{ id: string; name: string }>> {
    if (ids.length === 0) return [];
    return this.audit.manager.query(
      `SELECT u.id, u.name FROM users u JOIN memberships m ON m.user_id = u.id AND m.committee_id = $1::uuid
       WHERE u.id = ANY($2::uuid[])`,
      [committeeId, ids],
    );
  }
}
