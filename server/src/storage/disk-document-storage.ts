import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertStorageKey, type DocumentStorage, StoredObjectMissingError } from './document-storage.js';

/**
 * Documents as files under one folder (DATA_DIR/documents), fanned out by the first two
 * characters of the key so no folder grows too large. A write goes to a temporary file in the
 * same folder, is flushed, then renamed into place: a crash leaves either the whole file or
 * none, never a torn one.
 */
export class DiskDocumentStorage implements DocumentStorage {
  constructor(readonly root: string) {}

  /** The folder and the file `key` is kept in (a cache that sizes and ages its files reads them). */
  pathOf(key: string): { dir: string; file: string } {
    assertStorageKey(key);
    const dir = join(this.root, key.slice(0, 2));
    return { dir, file: join(dir, key) };
  }

  async put(key: string, content: Readable): Promise<void> {
    const { dir, file } = this.pathOf(key);
    await mkdir(dir, { recursive: true });
    const temp = join(dir, `.${key}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await pipeline(content, createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
      const handle = await open(temp, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    const { file } = this.pathOf(key);
    const stream = createReadStream(file);
    // Open before answering, so a missing file is an error here rather than mid-response.
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new StoredObjectMissingError(key) : error));
    });
    return stream;
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key).file, { force: true });
  }
}
