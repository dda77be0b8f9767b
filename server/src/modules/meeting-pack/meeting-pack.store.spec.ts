import { mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PACK_MAX_AGE_MS, PackStore } from './meeting-pack.store.js';

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const keyOf = (n: number) => n.toString(16).padStart(64, 'a');

describe(PackStore.name, () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'sidang-packs-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('should stream a kept pack with its length, and miss one never kept', async () => {
    const store = new PackStore(join(root, 'a'));
    expect(await store.open(keyOf(1))).toBeNull();
    await store.save(keyOf(1), Buffer.from('%PDF-1.7 kertas'));
    const opened = await store.open(keyOf(1));
    expect(opened?.length).toBe(15);
    expect((await bytesOf(opened?.stream as Readable)).toString()).toBe('%PDF-1.7 kertas');
  });

  it('should sweep the least recently served beyond its size, and any unused too long', async () => {
    const pdf = Buffer.alloc(10, 1);
    const roomy = new PackStore(join(root, 'b'));
    for (const n of [1, 2, 3, 4]) await roomy.save(keyOf(n), pdf);
    // The same folder with room for two packs and a half.
    const store = new PackStore(join(root, 'b'), 25);
    const file = (n: number) => join(root, 'b', keyOf(n).slice(0, 2), keyOf(n));
    // Served in the order 3, 1, 4, 2 (2 most recently); 4 last served long ago.
    const base = Date.now() / 1000 - 60;
    await utimes(file(3), base, base);
    await utimes(file(1), base + 1, base + 1);
    const old = (Date.now() - PACK_MAX_AGE_MS - 60_000) / 1000;
    await utimes(file(4), old, old);
    await utimes(file(2), base + 3, base + 3);
    await store.sweep();
    const left = (await readdir(join(root, 'b', keyOf(1).slice(0, 2)))).sort();
    expect(left).toEqual([keyOf(1), keyOf(2)].sort());
  });
});
