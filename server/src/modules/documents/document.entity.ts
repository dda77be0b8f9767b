import type { AnnotationVisibility, Highlight, PaperStatus } from '@sidang/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ServerStampedRecordEntity } from '../../database/versioned.entity.js';

/** A class whose instances are `T` (an entity or one of its abstract bases). */
type Instances<T> = abstract new () => T;

/**
 * The columns of one stored file, added to the columns of `base`: a document (its current file)
 * and each version of its file (`document_files`) keep the same ones.
 */
function withStoredFile<T extends object>(base: Instances<T>) {
  abstract class StoredFile extends (base as Instances<object>) {
    @Column({ name: 'file_name', type: 'varchar', length: 255 })
    fileName: string;

    /** Detected from the content, from the allowlist. */
    @Column({ name: 'media_type', type: 'varchar', length: 100 })
    mediaType: string;

    @Column({ type: 'int' })
    size: number;

    @Column({ type: 'varchar', length: 64 })
    sha256: string;

    /** Where the content is in the document storage. */
    @Column({ name: 'storage_key', type: 'varchar', length: 128 })
    storageKey: string;

    @Column({ name: 'uploaded_by', type: 'uuid' })
    uploadedBy: string;
  }
  return StoredFile as Instances<T & StoredFile>;
}

/**
 * An uploaded document: the record, with the key of its content in the document storage and
 * the plain text extracted for search (never sent in list answers). Its id and times are set by
 * the server (millisecond precision: list cursors carry them).
 */
@Entity({ name: 'documents' })
@Index('documents_committee_idx', ['committeeId', 'createdAt', 'id'])
@Index('documents_parent_idx', ['parentId'])
export class DocumentEntity extends withStoredFile(ServerStampedRecordEntity) {
  /** The record it belongs to (an agenda item, a milestone, …), which governs who may see it. */
  @Column({ name: 'parent_id', type: 'uuid' })
  parentId: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** "Kertas Bil. 4/2026" for a paper of an agenda item; null for other documents. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  number: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  presenter: string | null;

  @Column({ name: 'presenter_id', type: 'uuid', nullable: true })
  presenterId: string | null;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status: PaperStatus;

  /** The version of the current file (`document_files` keeps every one). */
  @Column({ name: 'file_version', type: 'int', default: 1 })
  fileVersion: number;

  /** Plain text of the content for search; null where none could be extracted. */
  @Column({ type: 'text', nullable: true, select: false })
  text: string | null;
}

/** A base with no columns of its own. */
abstract class NoColumns {}

/** One version of a document's file, the current one included: a superseded file stays readable. */
@Entity({ name: 'document_files' })
export class DocumentFileEntity extends withStoredFile(NoColumns) {
  @PrimaryColumn({ name: 'document_id', type: 'uuid' })
  documentId: string;

  @PrimaryColumn({ name: 'file_version', type: 'int' })
  fileVersion: number;

  @Column({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt: Date;
}

/**
 * A note on a page of a paper. A shared one is a record of the change pipeline governed by its
 * paper; a private one is its author's alone: audited, never an event. Its `classification` is the
 * note's own level (it is seen at the higher of this and its paper's chain).
 */
@Entity({ name: 'document_annotations' })
@Index('document_annotations_document_idx', ['documentId', 'createdAt'])
export class AnnotationEntity extends ServerStampedRecordEntity {
  @Column({ name: 'document_id', type: 'uuid' })
  documentId: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ type: 'varchar', length: 10 })
  visibility: AnnotationVisibility;

  @Column({ type: 'int' })
  page: number;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'jsonb', nullable: true })
  highlight: Highlight | null;
}
