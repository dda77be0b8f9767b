import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore } from '../../server/src/database/store.js';

/** The server tests create their databases on; `with-test-db.mjs` checks that it answers. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Which store a test run uses: `postgres` (a throwaway database on TEST_DATABASE_URL) or
 * `embedded` (PGlite in a fresh temporary folder, as `npm start` runs without DATABASE_URL).
 * Read when a database is created, so a Jest setup file may set TEST_STORE per project.
 */
export type TestStore = 'postgres' | 'embedded';

export function testStore(): TestStore {
  const value = process.env.TEST_STORE || 'postgres';
  if (value !== 'postgres' && value !== 'embedded') throw new Error(`TEST_STORE must be postgres or embedded, not ${value}`);
  return value;
}

/** A database that exists for one test file (or one bench run). */
export interface TestDatabase {
  /** Connection URL of the new database, usable as `DATABASE_URL`. */
  url: string;
  store: TestStore;
  /** Pool size the app must use on it (the embedded store's, as `npm start` sets it); unset: the configured one. */
  poolSize?: number;
  /** Drops the database (or stops the embedded store and removes its folder). Safe to call more than once. */
  drop(): Promise<void>;
}

async function onAdminDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database on the store `store` (default: TEST_STORE).
 *
 * PostgreSQL: `sidang_test_<random>` on the TEST_DATABASE_URL server. Each caller gets its own,
 * so test files can run in parallel and a crashed run leaves nothing behind that a later run
 * would trip over.
 *
 * Embedded: a PGlite store in a new temporary folder, started by the same code as `npm start`
 * (and so with the same pool size), served to this process only.
 */
export async function createTestDatabase(store: TestStore = testStore()): Promise<TestDatabase> {
  return store === 'embedded' ? createEmbeddedDatabase() : createPostgresDatabase();
}

async function createEmbeddedDatabase(): Promise<TestDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'sidang-test-store-'));
  try {
    // A freshly initialised, empty cluster made once per run (embedded-store-setup.mjs):
    // copying it saves each test file the seconds PGlite takes to initialise one.
    const template = process.env.SIDANG_TEST_STORE_TEMPLATE;
    if (template) await cp(template, join(dir, 'pg'), { recursive: true });
    const opened = await openStore({ DATABASE_URL: undefined, DATA_DIR: dir, DB_POOL_SIZE: 10 });
    let stopped = false;
    return {
      url: opened.url,
      store: 'embedded',
      poolSize: opened.poolSize,
      async drop() {
        if (stopped) return;
        stopped = true;
        await opened.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `sidang_test_${randomBytes(6).toString('hex')}`;
  // The name is generated here from hex digits only, so quoting it is enough.
  await onAdminDatabase((client) => client.query(`CREATE DATABASE "${name}"`));

  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;

  let dropped = false;
  return {
    url: url.toString(),
    store: 'postgres',
    async drop() {
      if (dropped) return;
      // FORCE: a SIGKILLed server or a leaked pool must not keep the database alive.
      await onAdminDatabase((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      dropped = true;
    },
  };
}
