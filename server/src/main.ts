import 'reflect-metadata';
import { createApp, shutdownApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';
import { DataDirLockedError } from './database/embedded.js';
import { openStore } from './database/store.js';
import { SHUTDOWN_HARD_LIMIT_MS } from './observability/shutdown.js';
import { demoAccountsLine, embeddedStoreExists, openingLine } from './startup-log.js';

async function main(): Promise<void> {
  const config = loadConfig();
  console.log(openingLine(config, !config.DATABASE_URL && embeddedStoreExists(config.DATA_DIR)));
  const store = await openStore(config);
  console.log(
    `Sidang: bringing the database schema up to date${config.SEED_DEMO ? ', and adding the demo committee if the database is empty' : ''}…`,
  );
  let app: Awaited<ReturnType<typeof createApp>>;
  try {
    app = await createApp({ ...config, DATABASE_URL: store.url, DB_POOL_SIZE: store.poolSize });
    await app.listen(config.PORT, config.HOST);
  } catch (error) {
    // Unlock the data directory before exiting.
    await store.stop().catch(() => undefined);
    throw error;
  }
  const where = store.embedded ? `embedded database in ${config.DATA_DIR}` : 'PostgreSQL at DATABASE_URL';
  console.log(`Sidang is up on http://localhost:${config.PORT} (${where}${config.REDIS_URL ? ', Redis fan-out' : ''}).`);
  const accounts = demoAccountsLine(config);
  console.log(accounts ?? 'No demo accounts (SEED_DEMO is off). The first administrator: npm run admin:create -- --email <address>');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    const began = Date.now();
    console.log(`${signal}: draining (at most ${SHUTDOWN_HARD_LIMIT_MS / 1000} s)`);
    // Whatever hangs, the process is gone within the limit (an orchestrator's grace period).
    const hardStop = setTimeout(() => {
      console.error(`${signal}: not closed after ${SHUTDOWN_HARD_LIMIT_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_HARD_LIMIT_MS);
    hardStop.unref();
    try {
      await shutdownApp(app, (message) => console.log(`${signal}: ${message}`));
    } catch (error) {
      console.error(`${signal}: closing failed:`, error);
    }
    await store.stop().catch(() => undefined);
    console.log(`${signal}: closed in ${Date.now() - began} ms`);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
  } else {
    console.error('Sidang could not start:', error);
  }
  process.exit(1);
});
