import { DataSource, type DataSourceOptions, MigrationExecutor, type MixedList } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';

/** Pool settings of the app's data source. */
export interface PoolSettings {
  /** Connections the pool may open (one on the embedded store). */
  size: number;
  /**
   * How long a query may wait for a connection (from the pool, or a new one) before it fails
   * with a pool timeout — answered 503, so a request never hangs on a busy database.
   */
  acquireTimeoutMs: number;
}

const DEFAULT_POOL: PoolSettings = { size: 10, acquireTimeoutMs: 10_000 };

/** One place that builds TypeORM options: the app, the migration generator and tests use it. */
export function dataSourceOptions(url: string, entities: MixedList<Function>, pool: Partial<PoolSettings> = {}): DataSourceOptions {
  const { size, acquireTimeoutMs } = { ...DEFAULT_POOL, ...pool };
  return {
    type: 'postgres',
    url,
    entities,
    // gen_random_uuid() is core PostgreSQL (13+) and PGlite: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    // pg-pool applies connectionTimeoutMillis both to opening a connection and to waiting for
    // a free one.
    extra: { max: size, connectionTimeoutMillis: acquireTimeoutMs },
  };
}

/** Messages of `pg`/`pg-pool` when no connection could be had within connectionTimeoutMillis. */
const POOL_TIMEOUT_MESSAGES = ['timeout exceeded when trying to connect', 'Connection terminated due to connection timeout'];

/** True for the error a query gets when no database connection became free in time. */
export function isPoolTimeout(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 3; depth++) {
    const message = (cause as { message?: unknown }).message;
    if (typeof message === 'string' && POOL_TIMEOUT_MESSAGES.includes(message)) return true;
    cause = (cause as { driverError?: unknown; cause?: unknown }).driverError ?? (cause as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * SQLSTATEs of a database that is not there (class 08, connection exception) or is going or
 * coming back (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now).
 */
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[123])$/;
/** Socket errors of a connection to a database that went away. */
const UNAVAILABLE_SOCKET_CODES = ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'];
/** Messages of `pg` for a connection that ended under a query. */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'terminating connection due to administrator command',
];

/**
 * True for the error a query gets while the database does not answer (stopped, restarting, out
 * of reach): a passing fault the request may retry, not a defect of the server.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 4; depth++) {
    const { code, message } = cause as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.test(code) || UNAVAILABLE_SOCKET_CODES.includes(code))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.includes(message)) return true;
    // Several addresses tried (IPv4 and IPv6): an AggregateError of refusals.
    const errors = (cause as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0 && errors.every((inner) => isDatabaseUnavailable(inner))) return true;
    cause = (cause as { driverError?: unknown; cause?: unknown }).driverError ?? (cause as { cause?: unknown }).cause;
  }
  return false;
}

/** Arbitrary constant: the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK_KEY = 7_301_2025;

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock, so that instances
 * starting together do not race (TypeORM has no migration lock of its own). The migrations
 * run on the connection that holds the lock: with a pool of one (the embedded store) there
 * is no other.
 */
export async function runMigrations(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    await executor.executePendingMigrations();
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  await runMigrations(dataSource);
  return dataSource;
}
