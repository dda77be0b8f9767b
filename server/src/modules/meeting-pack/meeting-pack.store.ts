import { createReadStream } from 'node:fs';
import { readdir, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { DiskDocumentStorage } from '../../storage/disk-document-storage.js';

/** The most the compiled packs on disk may take together; the least recently served go first. */
export const PACKS_MAX_BYTES = 256 * 1024 * 1024;
/** A pack not served for this long is removed at the next sweep. */
export const PACK_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

/** A compiled pack as it is sent: a stream of its file, and its length. */
export interface StoredPack {
  stream: Readable;
  length: number;
}

/**
 * Compiled packs as files (DATA_DIR/packs), one per reader and version of what is in them (the
 * key), written whole or not at all by the documents' disk store. A request for a pack already
 * compiled streams its file: the server never holds it whole. Serving one marks it used; after
 * each new pack the least recently used go until the folder is under PACKS_MAX_BYTES.
 */
export class PackStore {
  private readonly logger = new Logger(PackStore.name);
  private readonly files: DiskDocumentStorage;
  private sweeping: Promise<void> | null = null;

  constructor(
    readonly root: string,
    private readonly maxBytes = PACKS_MAX_BYTES,
  ) {
    this.files = new DiskDocumentStorage(root);
  }

  /** The pack under `key`, opened, or null when it has not been compiled (or was swept). */
  async open(key: string): Promise<StoredPack | null> {
    const { file } = this.files.pathOf(key);
    try {
      const { size } = await stat(file);
      const stream = createReadStream(file);
      // Open before answering: a pack swept meanwhile is a miss here, not an error mid-response.
      await new Promise<void>((resolve, reject) => {
        stream.once('open', () => resolve());
        stream.once('error', reject);
      });
      const now = new Date();
      void utimes(file, now, now).catch(() => undefined);
      return { stream, length: size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Keeps `pdf` under `key`; then sweeps, without holding up the caller. */
  async save(key: string, pdf: Buffer): Promise<void> {
    await this.files.put(key, Readable.from([pdf]));
    this.sweeping ??= this.sweep()
      .catch((error: Error) => this.logger.warn(`sweeping compiled packs failed: ${error.message}`))
      .finally(() => {
        this.sweeping = null;
      });
  }

  /** Removes packs unused for PACK_MAX_AGE_MS, then the least recently used above the size limit. */
  async sweep(): Promise<void> {
    const entries: Array<{ file: string; size: number; used: number }> = [];
    for (const dir of await readdir(this.root).catch(() => [] as string[])) {
      for (const name of await readdir(join(this.root, dir)).catch(() => [] as string[])) {
        if (name.startsWith('.')) continue;
        const file = join(this.root, dir, name);
        const info = await stat(file).catch(() => null);
        if (info?.isFile()) entries.push({ file, size: info.size, used: info.mtimeMs });
      }
    }
    entries.sort((a, b) => b.used - a.used);
    let kept = 0;
    const oldest = Date.now() - PACK_MAX_AGE_MS;
    for (const entry of entries) {
      if (kept + entry.size > this.maxBytes || entry.used < oldest) await rm(entry.file, { force: true });
      else kept += entry.size;
    }
  }
}
