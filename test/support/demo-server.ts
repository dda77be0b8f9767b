import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresDatabase, createTestDatabase, type TestDatabase, testStore } from './databases.js';
import { oncePerRun } from './once-per-run.js';
import { killAllServers, type RunningServer, startServer } from './server-process.js';

/**
 * What most browser test files start from: the built server (`node server/dist/main.js`) on a
 * database of its own that holds the demo data. `env` is added to the server's environment
 * (settings that change what the seed writes do not belong in it: the database comes seeded).
 *
 * On PostgreSQL the database is a copy (`CREATE DATABASE … TEMPLATE`) of one the built server
 * migrated and seeded once per run (`SIDANG_TEST_RUN`, set by with-test-db.mjs, which drops it at
 * the end): each server's migrations and seed still run and find nothing to do, which saves every
 * file the seconds of migrating and seeding an empty database. The demo papers' files are in the
 * servers' shared default DATA_DIR, written there when the template was seeded. Without a run id,
 * or if building the template fails, each server seeds an empty database as before.
 */
export async function startDemoServer(env: Record<string, string> = {}): Promise<{ database: TestDatabase; server: RunningServer }> {
  const database = await demoDatabase();
  try {
    const server = await startServer({ env: { ...env, DATABASE_URL: database.url } });
    return { database, server };
  } catch (error) {
    await killAllServers();
    await database.drop();
    throw error;
  }
}

/** The store of a server `startEmbeddedDemoServer` started: its data folder, removed by `drop`. */
export interface EmbeddedDemoStore {
  dataDir: string;
  drop(): Promise<void>;
}

/**
 * The built server on the embedded store with the demo data, in a new data folder, as `npm start`
 * runs without DATABASE_URL, whatever TEST_STORE says. A first start creates the store, migrates
 * and seeds it: on a loaded machine that can take over a minute, hence the long default wait.
 */
export async function startEmbeddedDemoServer(healthTimeoutMs = 180_000): Promise<{ database: EmbeddedDemoStore; server: RunningServer }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sidang-e2e-store-'));
  const database: EmbeddedDemoStore = { dataDir, drop: () => rm(dataDir, { recursive: true, force: true }) };
  try {
    const server = await startServer({ env: { DATABASE_URL: undefined, DATA_DIR: dataDir }, healthTimeoutMs });
    return { database, server };
  } catch (error) {
    await killAllServers();
    await database.drop();
    throw error;
  }
}

/**
 * Stops what `startDemoServer` (or `startEmbeddedDemoServer`) started (SIGTERM, then SIGKILL after 10 s, with a warning) and
 * drops its database. Either may be undefined: an `afterAll` runs after a `beforeAll` that failed.
 */
export async function stopDemoServer(server: RunningServer | undefined, database: Pick<TestDatabase, 'drop'> | undefined): Promise<void> {
  const stopped = await server?.stop();
  if (stopped?.forced) console.warn('The server ignored SIGTERM for 10 s and was killed.');
  await killAllServers();
  await database?.drop();
}

async function demoDatabase(): Promise<TestDatabase> {
  if (testStore() !== 'postgres') return createTestDatabase();
  const template = await oncePerRun('e2e', async (_folder, run) => {
    const name = `sidang_tpl_${run}_e2e`;
    const database = await createPostgresDatabase({ name });
    try {
      const server = await startServer({ env: { DATABASE_URL: database.url } });
      const stopped = await server.stop();
      if (stopped.forced) throw new Error('the server seeding the template ignored SIGTERM');
    } finally {
      await killAllServers();
    }
    return name;
  });
  return template ? createPostgresDatabase({ template }) : createTestDatabase();
}
