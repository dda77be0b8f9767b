import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type Classification,
  type createDocumentFieldsSchema,
  DOCUMENT_KINDS,
  type DocumentFileVersion,
  type DocumentLimits,
  type DocumentPage,
  type DocumentRecord,
  isCleared,
  type listDocumentsQuerySchema,
  paperNumber,
  parsePaperNumber,
  type UpdateDocument,
} from '@sidang/shared';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { AccessService, type CommitteeAccess } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import { ChangesService } from '../../changes/changes.service.js';
import { derivedLevel, withDeclassification } from '../../changes/origin-level.js';
import { type RecordDefinition, RecordKit } from '../../changes/record-kit.js';
import { NotFoundError } from '../../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { DOCUMENT_STORAGE, type DocumentStorage, StoredObjectMissingError } from '../../storage/document-storage.js';
import { DocumentEntity, DocumentFileEntity } from './document.entity.js';
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
export const DOCUMENTS: RecordDefinition<DocumentEntity, DocumentRecord> = {
  entityType: 'document',
  entity: DocumentEntity,
  name: 'Document',
  toWire: toDocument,
  hardDelete: true,
};

/** Record types that may not hold documents. */
const NOT_PARENTS = new Set(['document', 'member']);

/** Where a stored file is and what it is: the same columns on the document and on its file version. */
type StoredContent = Pick<DocumentFileEntity, 'fileName' | 'mediaType' | 'size' | 'sha256' | 'storageKey'>;

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
    const rows = await this.repository.visible(
      committeeId,
      access.clearance,
      { level: access.clearanceLevel, drafts: access.seesDrafts, userId: access.actor.id },
      {
        parentId: query.parentId,
        after,
        limit: query.limit + 1,
      },
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page.map(toDocument), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
  }

  /** The documents of one record, when the reader may see it (404 otherwise). */
  async ofParent(actor: Actor, parentId: string): Promise<DocumentRecord[]> {
    const parent = await this.repository.parentState(parentId);
    const access = parent ? await this.access.forCommittee(actor, parent.committeeId) : null;
    if (!parent || !access || parent.deleted || parent.level > access.clearanceLevel || (parent.draft && !access.seesDrafts)) {
      throw new NotFoundError('Parent record');
    }
    const rows = await this.repository.visible(
      parent.committeeId,
      access.clearance,
      { level: access.clearanceLevel, drafts: access.seesDrafts, userId: access.actor.id },
      { parentId, limit: 500 },
    );
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
        parent.level > access.clearanceLevel ||
        (parent.draft && !access.seesDrafts)
      ) {
        throw documentErrors.noSuchParent();
      }
      if (fields.classification) this.assertClassifiable(access, fields.classification);
      const presenter = await this.presenterOf(committeeId, fields.presenterId, fields.presenter);
      const id = randomUUID();
      const { text, content } = await this.store(file, id);
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
          // A paper of an agenda item is numbered in its committee's series of the year.
          const number =
            fields.number ?? (parent.entityType === 'agenda-item' ? await this.nextNumber(tx.manager, committeeId, now) : null);
          await tx.manager.insert(DocumentFileEntity, {
            documentId: id,
            fileVersion: 1,
            ...content,
            uploadedBy: actor.id,
            uploadedAt: now,
          });
          const row = {
            id,
            parentId: fields.parentId,
            title: fields.title || titleFromFileName(content.fileName),
            number,
            presenter: presenter.name,
            presenterId: presenter.id,
            status: fields.status ?? 'draft',
            fileVersion: 1,
            ...content,
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
    if (Object.values(changes).every((value) => value === undefined)) throw documentErrors.nothingToChange();
    if (changes.classification) this.assertClassifiable(access, changes.classification);
    const patch: Partial<DocumentEntity> = {};
    if (changes.title !== undefined) patch.title = changes.title;
    if (changes.classification !== undefined) patch.classification = changes.classification;
    if (changes.number !== undefined) patch.number = changes.number;
    if (changes.status !== undefined) patch.status = changes.status;
    // A presenter is a member (`presenterId`, named by them unless a name is given) or a name alone.
    if (changes.presenterId !== undefined || changes.presenter !== undefined) {
      const presenter = await this.presenterOf(document.committeeId, changes.presenterId ?? undefined, changes.presenter ?? undefined);
      patch.presenterId = presenter.id;
      patch.presenter = presenter.name;
    }
    return this.changes.transact(actor, (tx) =>
      this.records.update(DOCUMENTS, tx, access, document, version, patch, { parent: { id: document.parentId } }),
    );
  }

  async remove(actor: Actor, id: string, version: number): Promise<void> {
    const { document, access } = await this.visible(actor, id);
    access.require('document.manage');
    const keys = await this.changes.transact(actor, async (tx) => {
      await this.records.remove(DOCUMENTS, tx, access, document, version, { parent: { id: document.parentId } });
      const files = await tx.manager.find(DocumentFileEntity, { where: { documentId: id } });
      await tx.manager.delete(DocumentFileEntity, { documentId: id });
      return new Set([document.storageKey, ...files.map((file) => file.storageKey)]);
    });
    // After commit: a failed removal leaves an orphan file, never a record without its content.
    for (const key of keys) {
      await this.storage.delete(key).catch((error: unknown) => {
        this.logger.warn(`Could not remove the content of document ${id}: ${String(error)}`);
      });
    }
  }

  /**
   * A new file for a paper (chair, secretariat): it supersedes the current one, which stays
   * readable by its version number. One change of the record (`document.updated`).
   */
  async uploadVersion(actor: Actor, id: string, file: UploadedTempFile | undefined, version: number): Promise<DocumentRecord> {
    try {
      const { document, access } = await this.visible(actor, id);
      access.require('document.manage');
      if (!file) throw documentErrors.fileRequired();
      if (file.size > this.config.UPLOAD_MAX_BYTES) throw documentErrors.tooLarge(this.config.UPLOAD_MAX_BYTES);
      if (file.size === 0) throw documentErrors.empty();
      const key = randomUUID();
      const { text, content } = await this.store(file, key);
      try {
        return await this.changes.transact(actor, async (tx) => {
          const fileVersion = document.fileVersion + 1;
          const now = new Date();
          const written = await this.records.update(
            DOCUMENTS,
            tx,
            access,
            document,
            version,
            { fileVersion, ...content, text },
            { parent: { id: document.parentId }, searchText: text },
          );
          await tx.manager.insert(DocumentFileEntity, { documentId: id, fileVersion, ...content, uploadedBy: actor.id, uploadedAt: now });
          return written;
        });
      } catch (error) {
        await this.storage.delete(key).catch(() => undefined);
        throw error;
      }
    } finally {
      if (file) await rm(file.path, { force: true }).catch(() => undefined);
    }
  }

  /** Every version of the paper's file, newest first. */
  async versions(actor: Actor, id: string): Promise<DocumentFileVersion[]> {
    const { document } = await this.visible(actor, id);
    const files = await this.repository.files(id);
    return files.map((file) => ({
      fileVersion: file.fileVersion,
      fileName: file.fileName,
      mediaType: file.mediaType,
      size: file.size,
      sha256: file.sha256,
      uploadedBy: file.uploadedBy,
      uploadedAt: file.uploadedAt.toISOString(),
      current: file.fileVersion === document.fileVersion,
    }));
  }

  /** One version's file, for a reader who may see the paper now (404 for a version that never was). */
  async versionContent(actor: Actor, id: string, fileVersion: number): Promise<{ file: DocumentFileEntity; stream: Readable }> {
    await this.visible(actor, id);
    const file = (await this.repository.files(id)).find((candidate) => candidate.fileVersion === fileVersion);
    if (!file) throw documentErrors.noSuchVersion();
    try {
      const stream = await this.storage.get(file.storageKey);
      await this.noteRead(actor, id, file.fileVersion);
      return { file, stream };
    } catch (error) {
      if (error instanceof StoredObjectMissingError) throw new NotFoundError('Document content');
      throw error;
    }
  }

  /**
   * The papers of `parentIds` a reader cleared to `access` may see, for a compiled document (the
   * meeting pack): the same rule as every list, nothing above them.
   */
  async visibleOf(access: CommitteeAccess, parentIds: readonly string[]): Promise<DocumentEntity[]> {
    if (parentIds.length === 0) return [];
    const rows: DocumentEntity[] = [];
    for (const parentId of parentIds) {
      rows.push(
        ...(await this.repository.visible(
          access.committee.id,
          access.clearance,
          { level: access.clearanceLevel, drafts: access.seesDrafts, userId: access.actor.id },
          { parentId, limit: 500 },
        )),
      );
    }
    return rows;
  }

  /** The stored content of a document the caller has already checked the reader may see, whole (a compiled pack). */
  async readStoredBytes(document: Pick<DocumentEntity, 'storageKey'>): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.storage.get(document.storageKey)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** The content, for a reader cleared for the document and everything that governs it. */
  async content(actor: Actor, id: string): Promise<{ document: DocumentRecord; stream: Readable }> {
    const { document } = await this.visible(actor, id);
    try {
      const stream = await this.storage.get(document.storageKey);
      await this.noteRead(actor, document.id, document.fileVersion);
      return { document: toDocument(document), stream };
    } catch (error) {
      if (error instanceof StoredObjectMissingError) throw new NotFoundError('Document content');
      throw error;
    }
  }

  /** The reader opened this version (the home's unread papers); a failure to note it never fails the download. */
  private async noteRead(actor: Actor, documentId: string, fileVersion: number): Promise<void> {
    try {
      await this.repository.recordRead(actor.id, documentId, fileVersion);
    } catch (error) {
      this.logger.warn(`A read of document ${documentId} was not noted: ${(error as Error).message}`);
    }
  }

  /**
   * A document is seen by members cleared for it, its parent and what governs the parent, unless
   * the papers rule withholds it from them; 404 for anyone else.
   */
  async visible(actor: Actor, id: string): Promise<{ document: DocumentEntity; parent: ParentState; access: CommitteeAccess }> {
    const document = await this.repository.find(id);
    const access = document ? await this.access.forCommittee(actor, document.committeeId) : null;
    if (!document || !access || !access.canSee(document.classification)) throw new NotFoundError('Document');
    const parent = await this.repository.parentState(document.parentId);
    if (!parent || parent.deleted || parent.level > access.clearanceLevel || (parent.draft && !access.seesDrafts))
      throw new NotFoundError('Document');
    // One who stepped out of the paper's subject, where the committee withholds papers: as if it did not exist.
    if (await this.repository.withheldFrom(document.id, actor.id)) throw new NotFoundError('Document');
    return { document, parent, access };
  }

  /** Checks a file by its content and puts it in the storage under `key`: what the record says of it. */
  private async store(file: UploadedTempFile, key: string): Promise<{ text: string | null; content: StoredContent }> {
    const detected = await detectKind(file.path, file.size, file.originalname);
    if (!detected) throw documentErrors.typeRefused(file.originalname);
    const text =
      detected.kind === 'docx'
        ? await docxText(file.path, file.size)
        : detected.kind === 'pdf'
          ? await pdfText(file.path, file.size)
          : detected.text;
    const fileName = safeFileName(file.originalname, detected.kind);
    const sha256 = await sha256Of(file.path);
    await this.storage.put(key, createReadStream(file.path));
    return { text, content: { fileName, mediaType: DOCUMENT_KINDS[detected.kind].mediaType, size: file.size, sha256, storageKey: key } };
  }

  /**
   * The next "Kertas Bil. n/yyyy" of the committee for the year of `now` (Kuala Lumpur), under
   * the committee's sequence row, which every write of the committee takes first: two uploads
   * at once get two numbers.
   */
  private async nextNumber(manager: EntityManager, committeeId: string, now: Date): Promise<string> {
    await manager.query(
      `INSERT INTO committee_sequences (committee_id, last_seq) VALUES ($1::uuid, 0)
       ON CONFLICT (committee_id) DO UPDATE SET last_seq = committee_sequences.last_seq`,
      [committeeId],
    );
    const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Kuala_Lumpur', year: 'numeric' }).format(now));
    const numbers = await this.repository.numbersOfYear(committeeId, year, manager);
    const last = Math.max(0, ...numbers.map((value) => parsePaperNumber(value)?.seq ?? 0));
    return paperNumber(last + 1, year);
  }

  /** The presenter as given: a member of the committee (named by them unless a name is given), or a name. */
  private async presenterOf(
    committeeId: string,
    presenterId: string | undefined,
    name: string | undefined,
  ): Promise<{ id: string | null; name: string | null }> {
    if (!presenterId) return { id: null, name: name || null };
    const member = (await this.access.membersOf(committeeId)).find((row) => row.user.id === presenterId);
    if (!member) throw documentErrors.noSuchPresenter();
    return { id: presenterId, name: name || member.user.name };
  }

  private assertClassifiable(access: CommitteeAccess, classification: Classification): void {
    if (!isCleared(access.clearance, classification)) throw documentErrors.aboveClearance(access.clearance);
  }
}
