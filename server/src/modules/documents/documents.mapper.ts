import type { DocumentRecord } from '@sidang/shared';
import type { DocumentEntity } from './document.entity.js';

/** The only place a document entity becomes a wire shape: never its text or storage key. */
export function toDocument(entity: DocumentEntity): DocumentRecord {
  return {
    id: entity.id,
    committeeId: entity.committeeId,
    parentId: entity.parentId,
    title: entity.title,
    number: entity.number,
    presenter: entity.presenter,
    presenterId: entity.presenterId,
    status: entity.status,
    fileVersion: entity.fileVersion,
    fileName: entity.fileName,
    mediaType: entity.mediaType,
    size: entity.size,
    sha256: entity.sha256,
    uploadedBy: entity.uploadedBy,
    classification: entity.classification,
    version: entity.version,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

/** An opaque list cursor: the position after the last document of a page. */
export function encodeCursor(entity: Pick<DocumentEntity, 'createdAt' | 'id'>): string {
  return Buffer.from(`${entity.createdAt.toISOString()}|${entity.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (rest.length > 0 || !id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(createdAt.getTime())) return null;
  return { createdAt, id };
}
