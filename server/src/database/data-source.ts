import { DataSource, type DataSourceOptions, type MixedList } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';

/** One place that builds TypeORM options: the app, the migration generator and tests use it. */
export function dataSourceOptions(url: string, entities: MixedList<Function>, poolSize = 10): DataSourceOptions {
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
    extra: { max: poolSize, connectionTimeoutMillis: 10_000 },
  };
}

/** Arbitrary constant: the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK_KEY = 7_301_2025;

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock, so that instances
 * starting together do not race (TypeORM has no migration lock of its own).
 */
export async function runMigrations(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'each' });
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
