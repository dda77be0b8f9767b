import type { Readable } from 'node:stream';

/**
 * Where the bytes of uploaded documents live. The database keeps the record (and its key);
 * this keeps the content. The disk implementation is the default; an object store (S3, MinIO,
 * …) implements the same three calls.
 */
export interface DocumentStorage {
  /** Stores `content` under `key`, replacing nothing: a reader never sees a half-written object. */
  put(key: string, content: Readable): Promise<void>;
  /** The content under `key`; rejects with `StoredObjectMissingError` when there is none. */
  get(key: string): Promise<Readable>;
  /** Removes the content under `key`; a missing key is not an error. */
  delete(key: string): Promise<void>;
}

/** Injection token of the configured `DocumentStorage`. */
export const DOCUMENT_STORAGE = Symbol('DOCUMENT_STORAGE');

export class StoredObjectMissingError extends Error {
  constructor(readonly key: string) {
    super(`No stored object under ${key}`);
  }
}

/** Keys are chosen by the server (record ids); anything else is refused before it reaches a path. */
export function assertStorageKey(key: string): void {
  if (!/^[a-z0-9][a-z0-9-]{0,127}$/.test(key)) throw new Error(`Invalid storage key: ${JSON.stringify(key)}`);
}
