import { z } from 'zod';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, fallback: z.output<T>) =>
  z.preprocess(emptyAsUndefined, schema.default(fallback as never));
const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/**
 * Every environment variable the server reads, parsed once at boot. `.env.example` documents
 * the same list; keep them together.
 */
export const configSchema = z.object({
  /** HTTP and socket.io port. */
  PORT: withDefault(z.coerce.number().int().min(0).max(65535), 3000),
  /** Interface to bind. */
  HOST: withDefault(z.string().min(1), '0.0.0.0'),
  /** PostgreSQL server. Without it the embedded store under DATA_DIR is used. */
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://')),
  /** Where the embedded store keeps its files (only without DATABASE_URL). */
  DATA_DIR: withDefault(z.string().min(1), './data'),
  /** Connections in the database pool. */
  DB_POOL_SIZE: withDefault(z.coerce.number().int().min(2).max(100), 10),
  /** Redis shared by several instances for realtime fan-out. Optional on one node. */
  REDIS_URL: optional(z.string().regex(/^rediss?:\/\//, 'must start with redis://')),
  /** How often each instance re-reads the change log as a safety net for missed signals, in ms. */
  RELAY_SWEEP_MS: withDefault(z.coerce.number().int().min(100).max(600_000), 2_000),
  /** How often a live socket's user, clearance and memberships are checked again, in ms. */
  SESSION_RECHECK_MS: withDefault(z.coerce.number().int().min(100).max(3_600_000), 60_000),
  /** Secret that signs access tokens. Without it one is generated and kept in the database. */
  JWT_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  /** Lifetime of an access token, in seconds. */
  ACCESS_TOKEN_TTL_SECONDS: withDefault(
    z.coerce
      .number()
      .int()
      .min(60)
      .max(30 * 24 * 3600),
    12 * 3600,
  ),
  /** Sign-in attempts allowed per minute for one e-mail address from one client address. */
  LOGIN_ATTEMPTS_PER_MINUTE: withDefault(z.coerce.number().int().min(1).max(10_000), 10),
  /** Seed the demo committee on first start of an empty database. */
  SEED_DEMO: withDefault(booleanFlag, true),
  /** Password of every demo account. */
  DEMO_PASSWORD: withDefault(z.string().min(8, 'must be at least 8 characters'), 'sidang-demo'),
  /** pino log level. */
  LOG_LEVEL: withDefault(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  /** Log lines: `pretty` (one readable line each, for a terminal) or `json` (one JSON object each, for a log collector). */
  LOG_FORMAT: withDefault(z.enum(['pretty', 'json']), 'pretty'),
  /** Folder of the built client; served at /. */
  CLIENT_DIST: optional(z.string().min(1)),
});

export type AppConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Parses `env`; a bad value stops the start with a message naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration — ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** Injection token for the parsed configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
