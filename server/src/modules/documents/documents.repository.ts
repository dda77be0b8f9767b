import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type Classification, clearedLevels } from '@sidang/shared';
import type { EntityManager, Repository } from 'typeorm';
import { paperWithheld, paperWithheldSql, type ReaderScope, readerLevelSql } from '../../changes/visibility.js';
import { DocumentEntity, DocumentFileEntity } from './document.entity.js';

/** Where a parent record stands: its committee, type, the highest level along its governing chain, and whether any of it is deleted. */
export interface ParentState {
  committeeId: string;
  entityType: string;
  /** The highest own level of the parent and the records that govern it. */
  level: number;
  deleted: boolean;
  /** The parent or a record governing it is a draft (a meeting not yet scheduled): for the chair and the secretariat only. */
  draft: boolean;
}

/** Queries only. */
@Injectable()
export class DocumentsRepository {
  constructor(@InjectRepository(DocumentEntity) private readonly documents: Repository<DocumentEntity>) {}

  find(id: string, manager: EntityManager = this.documents.manager): Promise<DocumentEntity | null> {
    return manager.findOne(DocumentEntity, { where: { id } });
  }

  /**
   * Notes that `userId` opened `fileVersion` of the paper: once per version (a second opening adds
   * nothing). A private fact of the reader, not a change of the paper (it moves no version and no one
   * else sees it): written without an event and without an audit row.
   */
  async recordRead(userId: string, documentId: string, fileVersion: number): Promise<void> {
    await this.documents.manager.query(
      'INSERT INTO paper_reads (user_id, document_id, file_version) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [userId, documentId, fileVersion],
    );
  }

  /** Whether the papers rule withholds the document from the user (`paperWithheldSql`). */
  withheldFrom(documentId: string, userId: string): Promise<boolean> {
    return paperWithheld(this.documents.manager, documentId, userId);
  }

  /** Every version of a document's file, newest first. */
  files(documentId: string, manager: EntityManager = this.documents.manager): Promise<DocumentFileEntity[]> {
    return manager.find(DocumentFileEntity, { where: { documentId }, order: { fileVersion: 'DESC' } });
  }

  /** The numbers given to the committee's documents in the series of `year`. */
  async numbersOfYear(committeeId: string, year: number, manager: EntityManager = this.documents.manager): Promise<string[]> {
    const rows: Array<{ number: string }> = await manager.query(
      `SELECT number FROM documents WHERE committee_id = $1::uuid AND number LIKE $2`,
      [committeeId, `%/${year}`],
    );
    return rows.map((row) => row.number);
  }

  /**
   * The parent record and everything that governs it (its meeting, …), from the pipeline's
   * record scopes: any record type may hold documents without this slice knowing it.
   */
  async parentState(parentId: string, manager: EntityManager = this.documents.manager): Promise<ParentState | null> {
    const rows: Array<{
      depth: number;
      committee_id: string;
      level: number;
      draft: boolean;
      entity_type: string | null;
      verb: string | null;
    }> = await manager.query(
      // The pipeline's one ancestor walk (`governing_chain`), with each record's last change.
      `SELECT c.depth, s.committee_id, c.level, s.draft, l.entity_type, l.verb
         FROM governing_chain($1::uuid) c
         JOIN record_scopes s ON s.scope_id = c.scope_id
         LEFT JOIN LATERAL (SELECT entity_type, verb FROM change_events
                            WHERE committee_id = s.committee_id AND entity_id = c.scope_id ORDER BY seq DESC LIMIT 1) l ON true
         ORDER BY c.depth`,
      [parentId],
    );
    const parent = rows[0];
    if (!parent || Number(parent.depth) !== 0 || !parent.entity_type) return null;
    return {
      committeeId: parent.committee_id,
      entityType: parent.entity_type,
      level: Math.max(...rows.map((row) => Number(row.level))),
      deleted: rows.some((row) => row.verb === 'deleted'),
      draft: rows.some((row) => row.draft === true),
    };
  }

  /**
   * A committee's documents that a reader cleared to `clearance` may see: their own level and
   * their parent's governing level (the pipeline's one ancestor rule), parent and grandparent
   * not deleted, and not withheld from the reader (`paperWithheldSql`). Oldest first, keyset-paged.
   */
  async visible(
    committeeId: string,
    clearance: Classification,
    reader: ReaderScope,
    options: { parentId?: string; after?: { createdAt: Date; id: string }; limit: number },
  ): Promise<DocumentEntity[]> {
    const query = this.documents
      .createQueryBuilder('d')
      .innerJoin('record_scopes', 'p', 'p.scope_id = d.parent_id')
      .where('d.committee_id = :committeeId', { committeeId })
      .andWhere('d.classification IN (:...levels)', { levels: clearedLevels(clearance) })
      .andWhere(`${readerLevelSql('d.parent_id', reader)} <= :level`, { level: reader.level })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM change_events x WHERE x.committee_id = d.committee_id
                     AND x.entity_id IN (d.parent_id, p.parent_id) AND x.verb = 'deleted')`,
      );
    // A paper of a subject the reader stepped out of, where the committee withholds them: not theirs.
    if (reader.userId !== null) query.andWhere(`NOT ${paperWithheldSql('d.id', reader.userId)}`);
    if (options.parentId) query.andWhere('d.parent_id = :parentId', { parentId: options.parentId });
    if (options.after) {
      query.andWhere('(d.created_at, d.id) > (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))', {
        afterAt: options.after.createdAt,
        afterId: options.after.id,
      });
    }
    return query.orderBy('d.created_at', 'ASC').addOrderBy('d.id', 'ASC').limit(options.limit).getMany();
  }
}
