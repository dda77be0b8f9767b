import type { Classification } from '@sidang/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An uploaded document: the record, with the key of its content in the document storage and
 * the plain text extracted for search (never sent in list answers).
 */
@Entity({ name: 'documents' })
@Index('documents_committee_idx', ['committeeId', 'createdAt', 'id'])
@Index('documents_parent_idx', ['parentId'])
export class DocumentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  /** The record it belongs to (an agenda item, a milestone, …), which governs who may see it. */
  @Column({ name: 'parent_id', type: 'uuid' })
  parentId: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

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

  /** Plain text of the content for search; null where none could be extracted. */
  @Column({ type: 'text', nullable: true, select: false })
  text: string | null;

  @Column({ type: 'varchar', length: 16 })
  classification: Classification;

  @Column({ name: 'uploaded_by', type: 'uuid' })
  uploadedBy: string;

  @Column({ type: 'int' })
  version: number;

  /** Set by the server (millisecond precision: list cursors carry it). */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
