import { isIP } from 'node:net';
import { z } from 'zod';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, fallback: z.output<T>) =>
  z.preprocess(emptyAsUndefined, schema.default(fallback as never));
const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/** Address names express understands in `trust proxy` besides IPs and subnets. */
const PROXY_PRESETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrSubnet(entry: string): boolean {
  if (PROXY_PRESETS.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
}

/**
 * `false` (trust no proxy), a hop count, or the proxies' addresses/subnets. `true` (trust any
 * sender of X-Forwarded-For) is refused: every client could then pick its own address.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((value, context): false | number | string[] => {
    if (value === '' || value === 'false' || value === '0') return false;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const bad = entries.filter((entry) => !isAddressOrSubnet(entry));
    if (bad.length > 0 || entries.length === 0) {
      context.addIssue({ code: 'custom', message: `must be false, a hop count, or addresses/subnets (bad: ${bad.join(', ') || value})` });
      return z.NEVER;
    }
    return entries;
  });

/** Comma-separated origins (scheme://host[:port]); each must parse as a URL origin. */
const originList = z.string().transform((value, context): string[] => {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const origins: string[] = [];
  for (const entry of entries) {
    let origin: string | undefined;
    try {
      origin = new URL(entry).origin;
    } catch {
      origin = undefined;
    }
    if (!origin || origin === 'null' || origin !== entry.replace(/\/$/, '')) {
      context.addIssue({ code: 'custom', message: `"${entry}" is not an origin like https://sidang.example.gov.my` });
      return z.NEVER;
    }
    origins.push(origin);
  }
  return origins;
});

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
  /** Connections in the database pool (PostgreSQL only: the embedded store always uses one). */
  DB_POOL_SIZE: withDefault(z.coerce.number().int().min(2).max(100), 10),
  /** How long a request may wait for a free database connection before it is answered 503, in ms. */
  DB_ACQUIRE_TIMEOUT_MS: withDefault(z.coerce.number().int().min(100).max(600_000), 10_000),
  /** Redis shared by several instances for realtime fan-out. Optional on one node. */
  REDIS_URL: optional(z.string().regex(/^rediss?:\/\//, 'must start with redis://')),
  /**
   * SMTP server for e-mailed notifications (`smtp://host:port`, `smtps://user:password@host`).
   * Without it, or without MAIL_FROM, nothing is e-mailed and nothing fails.
   */
  SMTP_URL: optional(z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')),
  /** The sender of notification e-mails, e.g. `Sidang <sidang@agency.gov.my>`. */
  MAIL_FROM: optional(z.string().min(3).max(320)),
  /** The address people open the app at: the links in e-mails (default http://localhost:PORT). */
  APP_URL: optional(z.string().regex(/^https?:\/\/[^/]+/, 'must start with http:// or https://')),
  /** How often the mail worker looks for e-mails to send, in ms. */
  MAIL_POLL_MS: withDefault(z.coerce.number().int().min(50).max(600_000), 5_000),
  /** Prefix of the rate-limit keys in Redis, so deployments (or test runs) sharing one Redis count apart. */
  RATE_LIMIT_REDIS_PREFIX: withDefault(z.string().min(1).max(100), 'sidang:rate:'),
  /** How often each instance re-reads the change log as a safety net for missed signals, in ms. */
  RELAY_SWEEP_MS: withDefault(z.coerce.number().int().min(100).max(600_000), 2_000),
  /** How often a live socket's user, clearance and memberships are checked again, in ms. */
  SESSION_RECHECK_MS: withDefault(z.coerce.number().int().min(100).max(3_600_000), 60_000),
  /** Secret that signs access tokens. Without it one is generated and kept in the database. */
  JWT_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  /** Lifetime of an access token, in seconds; the client refreshes it before it runs out. */
  ACCESS_TOKEN_TTL_SECONDS: withDefault(
    z.coerce
      .number()
      .int()
      .min(10)
      .max(24 * 3600),
    15 * 60,
  ),
  /** Lifetime of a session (its refresh token) without use, in seconds. */
  REFRESH_TOKEN_TTL_SECONDS: withDefault(
    z.coerce
      .number()
      .int()
      .min(60)
      .max(90 * 24 * 3600),
    12 * 3600,
  ),
  /** Failed sign-ins allowed for one account (from devices it has not signed in on) before a back-off. */
  LOGIN_ATTEMPTS_PER_MINUTE: withDefault(z.coerce.number().int().min(1).max(10_000), 10),
  /** Failed (or in-flight) sign-ins allowed per minute from one client address, whatever the e-mail. */
  LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: withDefault(z.coerce.number().int().min(1).max(100_000), 30),
  /** Longest back-off of an account under attack, in seconds (it doubles per failure from 1 s). */
  LOGIN_BACKOFF_MAX_SECONDS: withDefault(z.coerce.number().int().min(1).max(3_600), 60),
  /** Password hashes computed at once (each takes 64 MiB and 4 threads); the rest wait their turn, cleanest address first. */
  LOGIN_HASH_CONCURRENCY: withDefault(z.coerce.number().int().min(1).max(64), 1),
  /** Requests per minute one client address may make to the public calendar feed (then 429). */
  CALENDAR_FEED_REQUESTS_PER_MINUTE: withDefault(z.coerce.number().int().min(1).max(100_000), 120),
  /** Searches one user may make per SEARCH_WINDOW_SECONDS (then 429 with Retry-After). */
  SEARCH_REQUESTS_PER_WINDOW: withDefault(z.coerce.number().int().min(1).max(100_000), 30),
  /** The window of SEARCH_REQUESTS_PER_WINDOW, in seconds. */
  SEARCH_WINDOW_SECONDS: withDefault(z.coerce.number().int().min(1).max(3_600), 10),
  /** Live sockets one user may hold on one instance; the next handshake is refused with `too_many_sockets`. */
  SOCKETS_PER_USER_MAX: withDefault(z.coerce.number().int().min(1).max(10_000), 20),
  /**
   * Which proxies' X-Forwarded-For / -Proto to believe: unset or false (none: direct clients),
   * a hop count (1 behind the shipped nginx), or a comma-separated list of proxy addresses or
   * subnets (e.g. 10.0.0.0/8, loopback).
   */
  TRUST_PROXY: withDefault(trustProxy, false as never),
  /**
   * Origins allowed to open a socket.io connection from a browser, comma-separated. Default:
   * only the app's own origin (the request's Host). Clients that send no Origin are judged by
   * their token alone.
   */
  ALLOWED_ORIGINS: optional(originList),
  /**
   * Seed the demo committee (and its demo accounts) on first start of an empty database.
   * Default: true, except with NODE_ENV=production, where demo accounts exist only when asked for.
   */
  SEED_DEMO: optional(booleanFlag),
  /** Where the process runs: `production` seeds no demo accounts unless SEED_DEMO=true. */
  NODE_ENV: optional(z.string().min(1)),
  /**
   * Bearer token that lets a scraper read GET /metrics from another machine (16+ characters).
   * Without it, /metrics answers only connections from this machine's loopback interface.
   */
  METRICS_TOKEN: optional(z.string().min(16, 'must be at least 16 characters')),
  /** Password of every demo account. */
  DEMO_PASSWORD: withDefault(z.string().min(8, 'must be at least 8 characters'), 'sidang-demo'),
  /** pino log level. */
  LOG_LEVEL: withDefault(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  /** Log lines: `pretty` (one readable line each, for a terminal) or `json` (one JSON object each, for a log collector). */
  LOG_FORMAT: withDefault(z.enum(['pretty', 'json']), 'pretty'),
  /**
   * Where uploaded documents are kept: `disk` (files under DATA_DIR/documents). The storage is
   * an interface (server/src/storage/) so that an object store can replace it.
   */
  DOCUMENT_STORAGE: withDefault(z.enum(['disk']), 'disk'),
  /** Largest document upload accepted, in bytes (default 20 MiB); larger ones are refused with 413. */
  UPLOAD_MAX_BYTES: withDefault(
    z.coerce
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024 * 1024),
    20 * 1024 * 1024,
  ),
  /** Largest encoded state of one minutes section (deleted text collected), in bytes; a co-editing update that would make it larger is refused (`too-large`). */
  MINUTES_DOC_MAX_BYTES: withDefault(
    z.coerce
      .number()
      .int()
      .min(16 * 1024)
      .max(64 * 1024 * 1024),
    1024 * 1024,
  ),
  /** Deepest element nesting of a minutes section (a nested list level adds two); a deeper update is refused (`too-deep`). */
  MINUTES_DOC_MAX_DEPTH: withDefault(z.coerce.number().int().min(8).max(200), 40),
  /** Co-editing messages (updates, and cursors, counted apart) one socket may send per second on average; the excess is dropped (`rate-limited`). */
  MINUTES_DOC_MESSAGES_PER_SECOND: withDefault(z.coerce.number().int().min(1).max(10_000), 50),
  /** Co-editing messages one socket may send at once above that rate (the bucket's size). */
  MINUTES_DOC_MESSAGES_BURST: withDefault(z.coerce.number().int().min(1).max(100_000), 200),
  /**
   * Records at or above this level are served only to sessions that passed a second factor
   * (authenticator code, recovery code or passkey; single sign-on counts as one), and
   * administrators need one for the admin routes: `SECRET`, `CONFIDENTIAL`, `RESTRICTED` or
   * `none`. Unset: `SECRET` when NODE_ENV=production, `none` otherwise (the demo).
   */
  MFA_REQUIRED_FOR: optional(z.enum(['SECRET', 'CONFIDENTIAL', 'RESTRICTED', 'none'])),
  /** Key that seals authenticator secrets at rest (32+ characters). Without it one is derived from the token secret. */
  MFA_ENCRYPTION_KEY: optional(z.string().min(32, 'must be at least 32 characters')),
  /**
   * OpenID Connect issuer for single sign-on (e.g. https://login.agency.gov.my). With
   * OIDC_CLIENT_ID and OIDC_CLIENT_SECRET set, the sign-in page offers it.
   */
  OIDC_ISSUER: optional(z.string().regex(/^https?:\/\//, 'must start with http:// or https://')),
  OIDC_CLIENT_ID: optional(z.string().min(1).max(400)),
  OIDC_CLIENT_SECRET: optional(z.string().min(1).max(400)),
  /** Where the provider sends people back (default APP_URL + /api/auth/oidc/callback, else this server's own address). */
  OIDC_REDIRECT_URI: optional(z.string().regex(/^https?:\/\//, 'must start with http:// or https://')),
  /** Folder of the built client; served at /. */
  CLIENT_DIST: optional(z.string().min(1)),
});

export type AppConfig = Omit<z.infer<typeof configSchema>, 'SEED_DEMO'> & {
  /** Resolved: SEED_DEMO as set, else true outside production. */
  SEED_DEMO: boolean;
};

export class ConfigError extends Error {}

/** Parses `env`; a bad value stops the start with a message naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration — ${problems.join('; ')}`);
  }
  // Demo accounts share one known password: never made in production unless asked for.
  return { ...parsed.data, SEED_DEMO: parsed.data.SEED_DEMO ?? parsed.data.NODE_ENV !== 'production' };
}

/** Injection token for the parsed configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
