import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server tests create their databases on; `with-test-db.mjs` checks that it answers. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database that exists for one test file (or one bench run). */
export interface TestDatabase {
  /** Connection URL of the new database, usable as `DATABASE_URL`. */
  url: string;
  /** Drops the database, disconnecting whoever is still on it. Safe to call more than once. */
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
 * Creates an empty database `sidang_test_<random>` on the TEST_DATABASE_URL server.
 * Each caller gets its own, so test files can run in parallel and a crashed run leaves
 * nothing behind that a later run would trip over.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `sidang_test_${randomBytes(6).toString('hex')}`;
  // The name is generated here from hex digits only, so quoting it is enough.
  await onAdminDatabase((client) => client.query(`CREATE DATABASE "${name}"`));

  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;

  let dropped = false;
  return {
    url: url.toString(),
    async drop() {
      if (dropped) return;
      // FORCE: a SIGKILLed server or a leaked pool must not keep the database alive.
      await onAdminDatabase((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      dropped = true;
    },
  };
}
