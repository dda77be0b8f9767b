import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DiskDocumentStorage } from './disk-document-storage.js';
import { StoredObjectMissingError } from './document-storage.js';

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe(DiskDocumentStorage.name, () => {
  let root: string;
  let storage: DiskDocumentStorage;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'sidang-storage-'));
    storage = new DiskDocumentStorage(root);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('should store, read back and delete content by key', async () => {
    const key = '0f5e7a52-6f43-4a57-9d5e-3cbb0e2b9c11';
    await storage.put(key, Readable.from([Buffer.from('kertas '), Buffer.from('kerja')]));
    expect((await bytesOf(await storage.get(key))).toString()).toBe('kertas kerja');
    expect(await readFile(join(root, '0f', key), 'utf8')).toBe('kertas kerja');
    await storage.delete(key);
    await expect(storage.get(key)).rejects.toBeInstanceOf(StoredObjectMissingError);
    await storage.delete(key);
  });

  it('should leave no partial file when the content fails midway', async () => {
    const key = '1a2b3c4d-0000-4000-8000-000000000001';
    const failing = new Readable({
      read() {
        this.push(Buffer.from('half'));
        this.destroy(new Error('connection lost'));
      },
    });
    await expect(storage.put(key, failing)).rejects.toThrow('connection lost');
    expect(await readdir(join(root, '1a'))).toEqual([]);
  });

  it('should refuse a key that could name a path outside its folder', async () => {
    await expect(storage.put('../escape', Readable.from(['x']))).rejects.toThrow('Invalid storage key');
    await expect(storage.get('a/b')).rejects.toThrow('Invalid storage key');
  });
});
