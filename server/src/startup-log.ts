import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppConfig } from './config/config.js';

/** Whether the embedded store under `dataDir` was created by an earlier start (PGlite's cluster is there). */
export function embeddedStoreExists(dataDir: string): boolean {
  return existsSync(join(resolve(dataDir), 'pg', 'PG_VERSION'));
}

/** The line `npm start` prints before it opens the database: "creating" only when it will create it. */
export function openingLine(config: Pick<AppConfig, 'DATABASE_URL' | 'DATA_DIR'>, storeExists: boolean): string {
  if (config.DATABASE_URL) return 'Sidang: connecting to PostgreSQL at DATABASE_URL…';
  return storeExists
    ? `Sidang: opening the embedded database in ${config.DATA_DIR}…`
    : `Sidang: creating the embedded database in ${config.DATA_DIR} (first start)…`;
}

/** The demo accounts, the administrator's included, once the app is up with the demo committee. */
export function demoAccountsLine(config: Pick<AppConfig, 'SEED_DEMO' | 'DEMO_PASSWORD'>): string | null {
  if (!config.SEED_DEMO) return null;
  return (
    'Demo accounts: chair@, secretariat@, member@, observer@demo.sidang.my, and the administrator admin@demo.sidang.my' +
    ` — password: ${config.DEMO_PASSWORD}`
  );
}
