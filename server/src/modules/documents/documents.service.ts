import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type Classification,
  type createDocumentFieldsSchema,
  DOCUMENT_KINDS,
  type DocumentLimits,
  type DocumentPage,
  type DocumentRecord,
  isCleared,
  type listDocumentsQuerySchema,
  type UpdateDocument,
} from '@sidang/shared';
import type { z } from 'zod';
import { AccessService, type CommitteeAccess } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import { ChangesService } from '../../changes/changes.service.js';
import { derivedLevel, withDeclassification } from '../../changes/origin-level.js';
import { type RecordDefinition, RecordKit } from '../../changes/record-kit.js';
import { NotFoundError } from '../../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { DOCUMENT_STORAGE, type DocumentStorage, StoredObjectMissingError } from '../../storage/document-storage.js';
import { DocumentEntity } from './document.entity.js';
import { detectKind, docxText, pdfText, safeFileName, sha256Of, titleFromFileName } from './document-content.js';
import { documentErrors } from './documents.errors.js';
import { decodeCursor, encodeCursor, toDocument } from './documents.mapper.js';
import { DocumentsRepository, type ParentState } from './documents.repository.js';

/** A file as the multipart parser left it: in a temporary file, removed after the request. */
export interface UploadedTempFile {
  path: string;
  originalname: string;
  size: number;
}

/** Documents as the record kit writes them: removed with their row (the content after commit). */
const DOCUMENTS: RecordDefinition<DocumentEntity, DocumentRecord> = {
  entityType: 'document',
  entity: DocumentEntity,
  name: 'Document',
  toWire: toDocument,
  hardDelete: true,
};

/** Record types that may not hold documents. */
const NOT_PARENTS = new Set(['document', 'member']);

/**
 * Documents of any record (papers of an agenda item, evidence of a milestone): uploads checked
 * by content, stored through the `DocumentStorage`, recorded through the change pipeline under
 * their parent so that whoever may not see the parent (or what governs it) sees nothing of them.
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger('DocumentsService');

  constructor(
    private readonly repository: DocumentsRepository,
    private readonly access: AccessService,
    private readonly changes: ChangesService,
    private readonly records: RecordKit,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The upload limit a client checks before sending (any signed-in user may read it). */
  limits(): DocumentLimits {
    return { uploadMaxBytes: this.config.UPLOAD_MAX_BYTES };
  }

  async list(actor: Actor, committeeId: string, query: z.output<typeof listDocumentsQuerySchema>): Promise<DocumentPage> {
    const access = await this.access.requireCommittee(actor, committeeId);
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    if (after === null) throw documentErrors.badCursor();
    const rows = await this.repository.visible(committeeId, access.clearance, access.clearanceLevel, {
      parentId: query.parentId,
      after,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page.map(toDocument), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
  }

  /** The documents of one record, when the reader may see it (404 otherwise). */
  async ofParent(actor: Actor, parentId: string): Promise<DocumentRecord[]> {
    const parent = await this.repository.parentState(parentId);
    const access = parent ? await this.access.forCommittee(actor, parent.committeeId) : null;
    if (!parent || !access || parent.deleted || parent.level > access.clearanceLevel) throw new NotFoundError('Parent record');
    const rows = await this.repository.visible(parent.committeeId, access.clearance, access.clearanceLevel, { parentId, limit: 500 });
    return rows.map(toDocument);
  }

  async get(actor: Actor, id: string): Promise<DocumentRecord> {
    return toDocument((await this.visible(actor, id)).document);
  }

  async upload(
    actor: Actor,
    committeeId: string,
    file: UploadedTempFile | undefined,
    fields: z.output<typeof createDocumentFieldsSchema>,
  ): Promise<DocumentRecord> {
    try {
      const access = await this.access.requireCommittee(actor, committeeId);
      access.require('document.manage');
      if (!file) throw documentErrors.fileRequired();
      if (file.size > this.config.UPLOAD_MAX_BYTES) throw documentErrors.tooLarge(this.config.UPLOAD_MAX_BYTES);
      if (file.size === 0) throw documentErrors.empty();
      const parent = await this.repository.parentState(fields.parentId);
      if (
        !parent ||
        parent.committeeId !== committeeId ||
        parent.deleted ||
        NOT_PARENTS.has(parent.entityType) ||
        parent.level > access.clearanceLevel
      ) {
        throw documentErrors.noSuchParent();
      }
      if (fields.classification) this.assertClassifiable(access, fields.classification);
      const detected = await detectKind(file.path, file.size, file.originalname);
      if (!detected) throw documentErrors.typeRefused();
      const text =
        detected.kind === 'docx'
          ? await docxText(file.path, file.size)
          : detected.kind === 'pdf'
            ? await pdfText(file.path, file.size)
            : detected.text;
      const fileName = safeFileName(file.originalname, detected.kind);
      const sha256 = await sha256Of(file.path);
      const id = randomUUID();
      await this.storage.put(id, createReadStream(file.path));
      try {
        return await this.changes.transact(actor, async (tx) => {
          // A paper takes the level of what it was put on (its agenda item, that item's meeting).
          const level = await derivedLevel(tx.manager, access, committeeId, {
            origins: [fields.parentId],
            classification: fields.classification,
            declassificationReason: fields.declassificationReason,
          });
          this.assertClassifiable(access, level.classification);
          const now = new Date();
          const row = {
            id,
            parentId: fields.parentId,
            title: fields.title || titleFromFileName(fileName),
            fileName,
            mediaType: DOCUMENT_KINDS[detected.kind].mediaType,
            size: file.size,
            sha256,
            storageKey: id,
            text,
            classification: level.classification,
            uploadedBy: actor.id,
            createdAt: now,
            updatedAt: now,
          };
          return this.records.create(DOCUMENTS, tx, access, row, {
            parent: { id: fields.parentId },
            logged: (document) => withDeclassification(document, level),
            searchText: text,
          });
        });
      } catch (error) {
        await this.storage.delete(id).catch(() => undefined);
        throw error;
      }
    } finally {
      if (file) await rm(file.path, { force: true }).catch(() => undefined);
    }
  }

  async update(actor: Actor, id: string, input: UpdateDocument): Promise<DocumentRecord> {
    const { document, access } = await this.visible(actor, id);
    access.require('document.manage');
    const { version, ...changes } = input;
    if (changes.title === undefined && changes.classification === undefined) throw documentErrors.nothingToChange();
    if (changes.classification) this.assertClassifiable(access, changes.classification);
    const patch: Partial<DocumentEntity> = {};
    if (changes.title !== undefined) patch.title = changes.title;
    if (changes.classification !== undefined) patch.classification = changes.classification;
    return this.changes.transact(actor, (tx) =>
      this.records.update(DOCUMENTS, tx, access, document, version, patch, { parent: { id: document.parentId } }),
    );
  }

  async remove(actor: Actor, id: string, version: number): Promise<void> {
    const { document, access } = await this.visible(actor, id);
    access.require('document.manage');
    await this.changes.transact(actor, (tx) =>
      this.records.remove(DOCUMENTS, tx, access, document, version, { parent: { id: document.parentId } }),
    );
    // After commit: a failed removal leaves an orphan file, never a record without its content.
    await this.storage.delete(document.storageKey).catch((error: unknown) => {
      this.logger.warn(`Could not remove the content of document ${id}: ${String(error)}`);
    });
  }

  /** The content, for a reader cleared for the document and everything that governs it. */
  async content(actor: Actor, id: string): Promise<{ document: DocumentRecord; stream: Readable }> {
    const { document } = await this.visible(actor, id);
    try {
      return { document: toDocument(document), stream: await this.storage.get(document.storageKey) };
    } catch (error) {
      if (error instanceof StoredObjectMissingError) throw new NotFoundError('Document content');
      throw error;
    }
  }

  /** A document is seen by members cleared for it, its parent and what governs the parent; 404 for anyone else. */
  private async visible(actor: Actor, id: string): Promise<{ document: DocumentEntity; parent: ParentState; access: CommitteeAccess }> {
    const document = await this.repository.find(id);
    const access = document ? await this.access.forCommittee(actor, document.committeeId) : null;
    if (!document || !access || !access.canSee(document.classification)) throw new NotFoundError('Document');
    const parent = await this.repository.parentState(document.parentId);
    if (!parent || parent.deleted || parent.level > access.clearanceLevel) throw new NotFoundError('Document');
    return { document, parent, access };
  }

  private assertClassifiable(access: CommitteeAccess, classification: Classification): void {
    if (!isCleared(access.clearance, classification)) throw documentErrors.aboveClearance(access.clearance);
  }
}
