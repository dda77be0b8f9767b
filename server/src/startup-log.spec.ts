import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { demoAccountsLine, embeddedStoreExists, openingLine } from './startup-log.js';

describe('start-up log', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sidang-startup-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should say "creating" only when the embedded store is not there yet, and "opening" after', () => {
    const config = { DATABASE_URL: undefined, DATA_DIR: dir };
    expect(embeddedStoreExists(dir)).toBe(false);
    expect(openingLine(config, embeddedStoreExists(dir))).toBe(`Sidang: creating the embedded database in ${dir} (first start)…`);
    mkdirSync(join(dir, 'pg'));
    writeFileSync(join(dir, 'pg', 'PG_VERSION'), '17\n');
    expect(embeddedStoreExists(dir)).toBe(true);
    const line = openingLine(config, embeddedStoreExists(dir));
    expect(line).toBe(`Sidang: opening the embedded database in ${dir}…`);
    expect(line).not.toMatch(/creat/);
    expect(openingLine({ DATABASE_URL: 'postgres://x', DATA_DIR: dir }, false)).toBe('Sidang: connecting to PostgreSQL at DATABASE_URL…');
  });

  it('should list the administrator among the demo accounts, with the password', () => {
    const line = demoAccountsLine({ SEED_DEMO: true, DEMO_PASSWORD: 'sidang-demo' });
    expect(line).toContain('admin@demo.sidang.my');
    expect(line).toContain('chair@');
    expect(line).toMatch(/password: sidang-demo$/);
    expect(demoAccountsLine({ SEED_DEMO: false, DEMO_PASSWORD: 'sidang-demo' })).toBeNull();
  });
});
