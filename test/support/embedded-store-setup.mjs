/**
 * Jest globalSetup of the `integration-embedded` project: creates ONE freshly initialised PGlite
 * data directory that each test file's embedded store starts from as a copy
 * (test/support/databases.ts). Initialising a PGlite cluster
 * takes seconds of CPU; copying one takes milliseconds. The copy is a real, empty cluster —
 * migrations, seed and everything else still run per test file.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

export default async function setup() {
  const root = await mkdtemp(join(tmpdir(), 'sidang-store-template-'));
  const dataDir = join(root, 'pg');
  const db = await PGlite.create({ dataDir });
  await db.query('SELECT 1');
  await db.close();
  // Workers are started after global setup and inherit this environment. It selects nothing:
  // the project's setup file (embedded-store-env.ts) picks the store per test file.
  process.env.SIDANG_TEST_STORE_TEMPLATE = dataDir;
  globalThis.__sidangStoreTemplate = root;
}
