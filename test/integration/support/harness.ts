import { appendFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import {
  type ActionItem,
  apiErrorSchema,
  type CatchUpPage,
  type Committee,
  type EventEnvelope,
  type LoginResponse,
  type SubscribeAck,
} from '@sidang/shared';
import { io, type Socket } from 'socket.io-client';
import { type CreateAppOptions, createApp, shutdownApp } from '../../../server/src/app.js';
import { loadConfig } from '../../../server/src/config/config.js';
import {
  copyFolder,
  createEmbeddedDatabase,
  createPostgresDatabase,
  createTestDatabase,
  droppedWithTheRun,
  type TestDatabase,
  type TestStore,
  testStore,
} from '../../support/databases.js';
import { oncePerRun } from '../../support/once-per-run.js';

export const DEMO = {
  chair: 'chair@demo.sidang.my',
  secretariat: 'secretariat@demo.sidang.my',
  member: 'member@demo.sidang.my',
  observer: 'observer@demo.sidang.my',
  nres: 'nres@demo.sidang.my',
  mosti: 'mosti@demo.sidang.my',
  mida: 'mida@demo.sidang.my',
  admin: 'admin@demo.sidang.my',
} as const;
export type DemoUser = keyof typeof DEMO;

export interface Session extends LoginResponse {
  token: string;
}

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
}

/** Fails when a 4xx body is not the shared error shape, naming the request and what is wrong. */
export function assertErrorBody(method: string, path: string, status: number, body: unknown): void {
  const parsed = apiErrorSchema.safeParse(body);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  if (parsed.success && parsed.data.statusCode !== status)
    problems.push(`statusCode ${parsed.data.statusCode} is not the status ${status}`);
  if (problems.length > 0) {
    throw new Error(
      `${method} ${path} → ${status}: the body is not the shared error shape (${problems.join('; ')}): ${JSON.stringify(body)}`,
    );
  }
}

/**
 * A real app (real PostgreSQL database of its own, real HTTP and socket.io) for one test
 * file, seeded with the demo committee.
 */
export class TestApp {
  private readonly sockets: Socket[] = [];
  /**
   * When set, every 4xx answer `request` meets must parse with the shared `apiErrorSchema`
   * (`{statusCode, code, message, issues?: [{field, code, message}]}`); one that does not fails
   * the call. The contract suites turn it on.
   */
  checkErrorBodies = false;

  private constructor(
    readonly app: INestApplication,
    readonly url: string,
    private readonly database: TestDatabase,
    private readonly extraEnv: Record<string, string>,
  ) {}

  static async start(env: Record<string, string> = {}, database?: TestDatabase, options: CreateAppOptions = {}): Promise<TestApp> {
    const began = clock();
    // The usual case — a new database with the demo data — starts from a copy of one migrated
    // and seeded once per run: migrations and the seed still run, and find nothing to do.
    const seeded = database || SEED_SHAPING.some((key) => key in env) ? undefined : await seededTemplate();
    const copying = clock();
    const db = database ?? (seeded ? await seeded.copy() : await createTestDatabase());
    const booting = clock();
    // Uploaded documents (the demo papers too) go to a folder of this app's own, removed on close.
    const dataDir = env.DATA_DIR ? undefined : await mkdtemp(join(tmpdir(), 'sidang-test-data-'));
    if (dataDir && seeded) await copyFolder(`${seeded.documents}/.`, dataDir);
    const config = loadConfig({
      DATABASE_URL: db.url,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'silent',
      // Suites poll search every few ms while an index catches up (a person types far slower), and
      // keep every socket they open until the app closes; abuse-limits*.spec.ts set their own limits.
      SEARCH_REQUESTS_PER_WINDOW: '100000',
      SOCKETS_PER_USER_MAX: '10000',
      ...(dataDir ? { DATA_DIR: dataDir } : {}),
      ...env,
    });
    // The embedded store gets the pool `npm start` gives it.
    const app = await createApp({ ...config, DATABASE_URL: db.url, DB_POOL_SIZE: db.poolSize ?? config.DB_POOL_SIZE }, options);
    await app.listen(0, '127.0.0.1');
    recordTiming('start', db.store, began, { template: since(began, copying), database: since(copying, booting), boot: since(booting) });
    const address = app.getHttpServer().address() as { port: number };
    const started = new TestApp(app, `http://127.0.0.1:${address.port}`, db, env);
    started.dataDir = dataDir;
    return started;
  }

  /** The documents folder this app made for itself (none when the test gave DATA_DIR). */
  private dataDir: string | undefined;

  /** A second instance on the same database (for multi-node tests). */
  async startPeer(env: Record<string, string> = {}): Promise<TestApp> {
    if (this.database.store === 'embedded') throw new Error('The embedded store serves one process: multi-instance tests need PostgreSQL');
    return TestApp.start({ ...this.extraEnv, ...env }, { url: this.database.url, store: 'postgres', drop: async () => undefined });
  }

  get databaseUrl(): string {
    return this.database.url;
  }

  /** Which store this app runs on (TEST_STORE). */
  get store(): TestStore {
    return this.database.store;
  }

  async request<T = unknown>(method: string, path: string, token?: string, body?: unknown): Promise<HttpResult<T>> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: keep the text for the assertion message.
    }
    if (this.checkErrorBodies && response.status >= 400 && response.status < 500) assertErrorBody(method, path, response.status, parsed);
    return { status: response.status, body: parsed as T };
  }

  async login(user: DemoUser): Promise<Session> {
    const result = await this.request<LoginResponse>('POST', '/api/auth/login', undefined, {
      email: DEMO[user],
      password: 'sidang-demo',
    });
    if (result.status !== 200) throw new Error(`login of ${user} failed: ${result.status}`);
    return { ...result.body, token: result.body.accessToken };
  }

  /** The demo committee (JTK-REE) and the R&D working group. */
  async committees(token: string): Promise<{ main: Committee; workingGroup?: Committee }> {
    const { body } = await this.request<Committee[]>('GET', '/api/committees', token);
    const main = body.find((c) => c.code === 'JTK-REE');
    if (!main) throw new Error('demo committee missing');
    return { main, workingGroup: body.find((c) => c.code === 'KK-RND-REE') };
  }

  async createItem(token: string, committeeId: string, fields: Record<string, unknown>): Promise<ActionItem> {
    const result = await this.request<ActionItem>('POST', `/api/committees/${committeeId}/action-items`, token, fields);
    if (result.status !== 201) throw new Error(`create failed: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  }

  /**
   * Every page of catch-up after `after`, `limit` events a page, as a reconnecting client asks
   * for them; `pages` says how many requests it took (a test of paging passes a small limit).
   */
  async catchUp(
    token: string,
    committeeId: string,
    after: number,
    limit = 500,
  ): Promise<{ events: EventEnvelope[]; nextAfter: number; pages: number }> {
    const events: EventEnvelope[] = [];
    let cursor = after;
    let pages = 0;
    while (pages < 1000) {
      const result = await this.request<CatchUpPage>('GET', `/api/committees/${committeeId}/events?after=${cursor}&limit=${limit}`, token);
      if (result.status !== 200) throw new Error(`catch-up failed: ${result.status}`);
      pages += 1;
      if (result.body.events.length > limit) throw new Error(`catch-up page of ${result.body.events.length} events exceeds limit ${limit}`);
      events.push(...result.body.events);
      cursor = result.body.nextAfter;
      if (!result.body.hasMore) break;
    }
    return { events, nextAfter: cursor, pages };
  }

  /** A connected socket.io client; its received envelopes collect in `events`. */
  async connect(token: string | undefined): Promise<LiveClient> {
    const socket = io(this.url, {
      auth: token === undefined ? {} : { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    this.sockets.push(socket);
    const client = new LiveClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    });
    return client;
  }

  async close(): Promise<void> {
    const began = clock();
    for (const socket of this.sockets) socket.disconnect();
    // As the process closes on SIGTERM: a request still in flight (a client's catch-up the test
    // did not wait for) answers with `Connection: close`. A bare `app.close()` left its
    // keep-alive connection open until the server's keep-alive timeout (65 s), past the hook's.
    await shutdownApp(this.app);
    const dropping = clock();
    // PostgreSQL drops a database apart from this process, in a second or so: the next test file
    // need not wait for it (with-test-db.mjs drops whatever this run leaves at its end).
    const drop = this.database.drop();
    if (this.database.store === 'postgres' && droppedWithTheRun()) drop.catch(() => undefined);
    else await drop;
    if (this.dataDir) await rm(this.dataDir, { recursive: true, force: true });
    recordTiming('close', this.database.store, began, { appClose: since(began, dropping), drop: since(dropping) });
  }
}

export class LiveClient {
  readonly events: EventEnvelope[] = [];

  constructor(readonly socket: Socket) {
    socket.on('event', (envelope: EventEnvelope) => this.events.push(envelope));
  }

  /** `ms`: how long the acknowledgement may take (a suite sending hundreds at once on a busy machine waits longer). */
  subscribe(committeeId: unknown, ms = 5_000): Promise<SubscribeAck> {
    return this.socket.timeout(ms).emitWithAck('subscribe', { committeeId });
  }

  /** Resolves once `predicate` holds for the received events (or fails after `ms`). */
  async waitFor(predicate: (events: EventEnvelope[]) => boolean, ms = 5_000): Promise<EventEnvelope[]> {
    const deadline = Date.now() + ms;
    while (!predicate(this.events)) {
      if (Date.now() > deadline) throw new Error(`timed out; received ${JSON.stringify(this.events.map((e) => [e.seq, e.type]))}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.events;
  }

  /** Resolves with the first event about `entityId` (of `type`, if given) once it has arrived. */
  async waitForEntity(entityId: string, type?: string, ms = 5_000): Promise<EventEnvelope> {
    const matches = (e: EventEnvelope) => e.entityId === entityId && (type === undefined || e.type === type);
    await this.waitFor((events) => events.some(matches), ms);
    return this.events.find(matches) as EventEnvelope;
  }

  /**
   * Resolves once every frame the server wrote to this socket before it read this call has
   * arrived: one acknowledged round trip on the same socket (socket.io keeps a connection's frames
   * in order, and the acknowledgement is written after them; the message asks nothing and changes
   * nothing: it is refused as invalid).
   *
   * For asserting that something did NOT arrive, instead of a sleep: first await a positive
   * control that proves the server has relayed it — a socket of the same app receiving that very
   * change or a later one of the same committee (the relay emits a committee's events in order,
   * to every clearance room in one synchronous step) — then `delivered()` the sockets that must
   * not have it, then assert.
   */
  async delivered(ms = 10_000): Promise<void> {
    if (!this.socket.connected) return;
    await this.socket.timeout(ms).emitWithAck('unsubscribe', {});
  }

  disconnect(): void {
    this.socket.disconnect();
  }
}

/** `delivered()` on every client (see there). */
export async function delivered(...clients: LiveClient[]): Promise<void> {
  await Promise.all(clients.map((client) => client.delivered()));
}

/**
 * Polls `check` until it returns something other than `undefined` or `false` (a bounded wait
 * for a state the app reaches on its own: a re-check, a sweep, a disconnect).
 */
export async function until<T>(check: () => T | Promise<T>, what: string, ms = 5_000, every = 10): Promise<Exclude<T, false | undefined>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as Exclude<T, false | undefined>;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

interface Clock {
  at: number;
  cpu: NodeJS.CpuUsage;
}

function clock(): Clock {
  return { at: Date.now(), cpu: process.cpuUsage() };
}

/** Wall and CPU milliseconds (this process's: not the PostgreSQL server's) from `from` to `to`. */
function since(from: Clock, to: Clock = clock()): { ms: number; cpuMs: number } {
  const cpu = to.cpu.user + to.cpu.system - from.cpu.user - from.cpu.system;
  return { ms: to.at - from.at, cpuMs: Math.round(cpu / 1000) };
}

/**
 * With SIDANG_TEST_TIMINGS=<file>, one JSON line per app started (template, database copy, boot)
 * and closed, appended to that file: `node test/scripts/test-timings.mjs` puts them together with
 * Jest's per-file figures (docs/testing.md).
 */
function recordTiming(
  kind: 'start' | 'close',
  store: TestStore,
  began: Clock,
  phases: Record<string, { ms: number; cpuMs: number }>,
): void {
  const file = process.env.SIDANG_TEST_TIMINGS;
  if (!file) return;
  const expectation = (globalThis as { expect?: { getState(): { testPath?: string } } }).expect;
  const line = {
    kind,
    testPath: expectation?.getState().testPath,
    store,
    at: began.at,
    worker: process.env.JEST_WORKER_ID,
    ...phases,
  };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}

/** Settings that change what the seed writes: an app started with any of them seeds its own database. */
const SEED_SHAPING = ['SEED_DEMO', 'DEMO_PASSWORD', 'DATA_DIR', 'JWT_SECRET', 'DATABASE_URL'];

interface SeededTemplate {
  /** A new database holding the migrated schema and the demo data. */
  copy(): Promise<TestDatabase>;
  /** The demo papers' files, to copy into the app's own documents folder. */
  documents: string;
}

interface TemplateRecord {
  store: TestStore;
  /** PostgreSQL: the template database's name; embedded: the PGlite data folder to copy. */
  source: string;
  documents: string;
}

/**
 * The demo database of this run (`SIDANG_TEST_RUN`, set by with-test-db.mjs, which also removes
 * it at the end), made by whichever test file asks first (`oncePerRun`). Without a run id, or if
 * building fails, every app seeds its own database as before.
 */
async function seededTemplate(): Promise<SeededTemplate | undefined> {
  const store = testStore();
  const record = await oncePerRun(store, (root, run) => buildTemplate(store, root, run));
  if (!record) return undefined;
  const { source, documents } = record;
  return {
    documents,
    copy: () => (store === 'embedded' ? createEmbeddedDatabase(source) : createPostgresDatabase({ template: source })),
  };
}

async function buildTemplate(store: TestStore, root: string, run: string): Promise<TemplateRecord> {
  const documents = join(root, 'documents');
  await mkdir(documents);
  const database = store === 'embedded' ? await createEmbeddedDatabase() : await createPostgresDatabase({ name: `sidang_tpl_${run}` });
  const config = loadConfig({ DATABASE_URL: database.url, SEED_DEMO: 'true', LOG_LEVEL: 'silent', DATA_DIR: documents });
  const app = await createApp({ ...config, DATABASE_URL: database.url, DB_POOL_SIZE: database.poolSize ?? config.DB_POOL_SIZE });
  await app.close();
  if (store === 'postgres') return { store, source: `sidang_tpl_${run}`, documents };
  const embedded = database as Awaited<ReturnType<typeof createEmbeddedDatabase>>;
  await embedded.stop();
  const cluster = join(root, 'pg');
  await copyFolder(embedded.dataDir, cluster);
  await embedded.drop();
  return { store, source: cluster, documents };
}
