import type { AppConfig } from '../config/config.js';
import { startEmbeddedDatabase } from './embedded.js';

/**
 * Connections the app opens to the embedded store. PGlite is one single-threaded backend that
 * every connection of its socket server shares: two connections sending extended-protocol
 * messages at once interleave on it (`portal "" does not exist`, wrong answers, hung requests).
 * One connection serialises the app's queries and transactions — which PGlite would do anyway.
 */
export const EMBEDDED_POOL_SIZE = 1;

/**
 * Connections the embedded socket server accepts: the pool's, plus room for a replacement
 * while a dropped connection is still being cleaned up (it refuses the surplus outright).
 */
const EMBEDDED_SOCKET_CONNECTIONS = EMBEDDED_POOL_SIZE + 2;

/** The database the app runs on, as start-up settled it. */
export interface OpenedStore {
  url: string;
  /** Connections the app's pool may open on it. */
  poolSize: number;
  /** True for the embedded store under DATA_DIR. */
  embedded: boolean;
  /** Stops the embedded store (a no-op for a PostgreSQL server). */
  stop(): Promise<void>;
}

/**
 * Settles which database to use: the PostgreSQL server at DATABASE_URL (with DB_POOL_SIZE
 * connections), or the embedded store under DATA_DIR (with one). `npm start` and the tests
 * both open it here, so both run the app with the same pool.
 */
export async function openStore(config: Pick<AppConfig, 'DATABASE_URL' | 'DATA_DIR' | 'DB_POOL_SIZE'>): Promise<OpenedStore> {
  if (config.DATABASE_URL) {
    return { url: config.DATABASE_URL, poolSize: config.DB_POOL_SIZE, embedded: false, stop: async () => undefined };
  }
  const embedded = await startEmbeddedDatabase(config.DATA_DIR, EMBEDDED_SOCKET_CONNECTIONS);
  return { url: embedded.url, poolSize: EMBEDDED_POOL_SIZE, embedded: true, stop: () => embedded.stop() };
}
