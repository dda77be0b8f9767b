import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config.js';
import { dataSourceOptions, openDataSource } from './database/data-source.js';
import { DataDirLockedError } from './database/embedded.js';
import { openStore } from './database/store.js';
import { ENTITIES } from './entities.js';

/**
 * `node server/dist/migrate.js`: brings the database schema up to date and exits — the
 * migration Job of the Kubernetes manifests and the one-shot service of the compose file. The
 * app does the same at start (under the same advisory lock), so running this first only moves
 * the work out of the instances' start.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const store = await openStore(config);
  try {
    const began = Date.now();
    const dataSource = await openDataSource(dataSourceOptions(store.url, ENTITIES, { size: 1 }));
    const applied = await dataSource.query(`SELECT count(*)::int AS count FROM migrations`);
    await dataSource.destroy();
    console.log(
      `Sidang: the database schema is up to date (${(applied as Array<{ count: number }>)[0]?.count ?? '?'} migrations applied, ${Date.now() - began} ms).`,
    );
  } finally {
    await store.stop().catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof DataDirLockedError ? error.message : `Migration failed: ${String(error)}`);
  process.exit(1);
});
