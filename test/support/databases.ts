import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
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
 * PostgreSQL: `sidang_test_<run>_<random>` on the TEST_DATABASE_URL server (`<run>_` only inside a
 * run of with-test-db.mjs). Each caller gets its own,
 * so test files can run in parallel and a crashed run leaves nothing behind that a later run
 * would trip over.
 *
 * Embedded: a PGlite store in a new temporary folder, started by the same code as `npm start`
 * (and so with the same pool size), served to this process only.
 */
export async function createTestDatabase(store: TestStore = testStore()): Promise<TestDatabase> {
  return store === 'embedded' ? createEmbeddedDatabase() : createPostgresDatabase();
}

/**
 * An embedded store. `fromCluster`: a PGlite data folder to start from (a migrated and seeded
 * one, see harness.ts); otherwise the empty cluster made once per run (embedded-store-setup.mjs):
 * copying either saves each test file the seconds PGlite takes to initialise, migrate and seed.
 */
export async function createEmbeddedDatabase(fromCluster?: string): Promise<TestDatabase & { dataDir: string; stop(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'sidang-test-store-'));
  try {
    const template = fromCluster ?? process.env.SIDANG_TEST_STORE_TEMPLATE;
    if (template) await copyFolder(template, join(dir, 'pg'));
    const opened = await openStore({ DATABASE_URL: undefined, DATA_DIR: dir, DB_POOL_SIZE: 10 });
    let stopped = false;
    let removed = false;
    return {
      url: opened.url,
      store: 'embedded',
      poolSize: opened.poolSize,
      dataDir: join(dir, 'pg'),
      async stop() {
        if (stopped) return;
        stopped = true;
        await opened.stop();
      },
      async drop() {
        if (removed) return;
        removed = true;
        if (!stopped) {
          stopped = true;
          await opened.stop();
        }
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * `cp -R from to`: `to` must not exist yet, or `from` ends in `/.` to copy what it holds into the
 * existing folder `to`. The system's `cp` because a PGlite
 * cluster is about 1,100 files (40 MB), which `fs.cp` copies one promise at a time in
 * JavaScript for about a second of CPU; `cp` takes a tenth of that.
 */
export function copyFolder(from: string, to: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('cp', ['-R', from, to], (error, _stdout, stderr) =>
      error ? reject(new Error(`cp -R ${from} ${to} failed: ${stderr || error.message}`)) : resolve(),
    );
  });
}

/** `<run>_` inside a run of with-test-db.mjs (SIDANG_TEST_RUN), which drops its leftovers by that prefix at the end. */
function runPrefix(): string {
  const run = process.env.SIDANG_TEST_RUN;
  return run && /^[0-9a-f]+$/.test(run) ? `${run}_` : '';
}

/**
 * True when a database made now would be dropped at the end of the run even if nothing else
 * dropped it (its name carries the run id): a test may then leave its drop running in the background.
 */
export function droppedWithTheRun(): boolean {
  return runPrefix() !== '';
}

/**
 * A PostgreSQL database of its own. `name` (hex digits and underscores only) and `template` (a
 * database no one is connected to) are for the seeded template of harness.ts.
 */
export async function createPostgresDatabase(options: { name?: string; template?: string } = {}): Promise<TestDatabase> {
  const name = options.name ?? `sidang_test_${runPrefix()}${randomBytes(6).toString('hex')}`;
  const from = options.template ? ` TEMPLATE "${options.template}"` : '';
  // The names are generated by the tests from hex digits only, so quoting them is enough.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await onAdminDatabase((client) => client.query(`CREATE DATABASE "${name}"${from}`));
      break;
    } catch (error) {
      // Two copies of one template at the same instant: PostgreSQL asks the second to wait.
      if (!options.template || attempt >= 20 || !String(error).includes('being accessed by other users')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }

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
