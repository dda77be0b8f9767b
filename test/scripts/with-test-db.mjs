#!/usr/bin/env node
/**
 * Runs a command once a PostgreSQL server answers at TEST_DATABASE_URL.
 *
 *   node test/scripts/with-test-db.mjs <command> [args…]
 *
 * Tests create and drop their own databases on that server (test/support/databases.ts), so all
 * this wrapper does is fail fast, in one readable line, when there is no server — instead of
 * every integration test timing out on its own.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const PROBE_TIMEOUT_MS = 3_000;

const url = process.env.TEST_DATABASE_URL || DEFAULT_URL;
const [command, ...args] = process.argv.slice(2);

if (!command) {
  console.error('Usage: node test/scripts/with-test-db.mjs <command> [args…]');
  process.exit(2);
}

/** The URL with any password masked, so the message can go into CI logs. */
function redact(value) {
  try {
    const parsed = new URL(value);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return value;
  }
}

async function postgresAnswers(connectionString) {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  // connectionTimeoutMillis covers the TCP/startup phase only; the race bounds the query too.
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
  });
  const probe = client
    .connect()
    .then(() => client.query('SELECT 1'))
    .then(
      () => true,
      () => false,
    );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
    client.end().catch(() => {});
  }
}

if (!(await postgresAnswers(url))) {
  console.error(`No PostgreSQL answers at TEST_DATABASE_URL=${redact(url)} — start one or set TEST_DATABASE_URL.`);
  process.exit(1);
}

// The tests of this run share one migrated and seeded template per store (harness.ts, and
// demo-server.ts for the browser tests); removed below.
const run = process.env.SIDANG_TEST_RUN || randomBytes(4).toString('hex');

/** Drops this run's template database and folders. */
async function removeTemplates() {
  for (const store of ['postgres', 'embedded', 'e2e']) {
    await rm(join(tmpdir(), `sidang-seed-${run}-${store}`), { recursive: true, force: true }).catch(() => {});
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  try {
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "sidang_tpl_${run}" WITH (FORCE)`);
    // The browser tests' (test/support/demo-server.ts).
    await client.query(`DROP DATABASE IF EXISTS "sidang_tpl_${run}_e2e" WITH (FORCE)`);
    // The tests' own databases (sidang_test_<run>_<random>, test/support/databases.ts) that are
    // left: a drop still running when the tests ended, or a run cut short.
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [`sidang_test_${run}_`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } catch {
    // Nothing to drop, or the server went away: a later run does not trip over it.
  } finally {
    await client.end().catch(() => {});
  }
}

const child = spawn(command, args, {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: url, SIDANG_TEST_RUN: run },
});

// Pass Ctrl-C / CI cancellation on, so the child can tear down its databases and servers.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}

child.on('error', (error) => {
  console.error(`Could not run ${command}: ${error.message}`);
  process.exit(127);
});

child.on('exit', async (code, signal) => {
  await removeTemplates();
  if (signal) {
    // Mirror the shell's convention: 128 + signal number.
    const numbers = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
    process.exit(128 + (numbers[signal] ?? 1));
  }
  process.exit(code ?? 1);
});
