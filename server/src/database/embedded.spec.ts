import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { DataDirLockedError, lockDataDir } from './embedded.js';

describe(lockDataDir.name, () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sidang-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('should refuse a directory held by another live process, naming it', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'sidang.lock'), String(process.ppid)); // the parent is alive
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(dir);
  });

  it('should take over a lock left by a process that is gone', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'sidang.lock'), '2147483646');
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'sidang.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(() => readFileSync(join(dir, 'sidang.lock'))).toThrow();
  });
});
