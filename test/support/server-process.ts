import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Committee, LoginResponse } from '@sidang/shared';

/** Repository root: the server is started from there, as `npm start` does. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Password of every demo account unless DEMO_PASSWORD says otherwise. */
export const DEMO_PASSWORD = 'sidang-demo';

export const DEMO_USERS = {
  chair: 'chair@demo.sidang.my',
  secretariat: 'secretariat@demo.sidang.my',
  member: 'member@demo.sidang.my',
  observer: 'observer@demo.sidang.my',
} as const;

const HEALTH_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;
const LOG_LIMIT_CHARS = 200_000;

/** Variables from the caller's environment that would make a test depend on where it runs. */
const HERMETIC_UNSET = ['DATABASE_URL', 'REDIS_URL', 'DATA_DIR', 'PORT', 'HOST', 'SEED_DEMO', 'DEMO_PASSWORD', 'JWT_SECRET'];

export interface ServerOptions {
  /** Extra environment; a value of `undefined` removes the variable. */
  env?: Record<string, string | undefined>;
  /** Working directory; defaults to the repository root. */
  cwd?: string;
  /** Port to listen on; defaults to a free one. */
  port?: number;
  /** How long `startServer` waits for `GET /api/health` to answer 200; default 60 s. */
  healthTimeoutMs?: number;
}

export interface ExitResult {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnedServer {
  url: string;
  port: number;
  process: ChildProcess;
  /** Resolves once the process has exited, however that happened. */
  exited: Promise<ExitResult>;
  /** Everything the process wrote to stdout and stderr so far (the tail, if it was long). */
  logs(): string;
  /** Sends `signal` and waits for the process to exit. */
  kill(signal: NodeJS.Signals): Promise<ExitResult>;
  /**
   * SIGTERM, then SIGKILL if it has not exited within 10 s. `forced` tells which it took,
   * so a test can assert a graceful shutdown.
   */
  stop(): Promise<ExitResult & { forced: boolean }>;
}

export type RunningServer = SpawnedServer;

/** Every server process started here and not yet exited. */
const live = new Set<ChildProcess>();

// Last resort: whatever ends this process (a test timing out mid-start, an uncaught error in
// the bench) must not leave a server running on a database that is about to be dropped.
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/**
 * SIGKILLs every server this process started that is still running and waits for them to exit.
 * For `afterAll`: it also catches a server whose start was still pending when a test timed out.
 */
export async function killAllServers(): Promise<void> {
  await Promise.all(
    [...live].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('close', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

/** Asks the kernel for a free port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('Could not find a free port'));
      });
    });
  });
}

/** Starts `node server/dist/main.js` without waiting for it to be ready. */
export async function spawnServer(options: ServerOptions = {}): Promise<SpawnedServer> {
  const port = options.port ?? (await freePort());
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of HERMETIC_UNSET) delete env[name];
  env.PORT = String(port);
  // Tests never listen beyond loopback.
  env.HOST = '127.0.0.1';
  env.LOG_LEVEL ??= 'info';
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }

  const child = spawn(process.execPath, ['server/dist/main.js'], {
    cwd: options.cwd ?? REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  live.add(child);
  child.once('exit', () => live.delete(child));

  let output = '';
  const append = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    if (output.length > LOG_LIMIT_CHARS) output = output.slice(-LOG_LIMIT_CHARS);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  if (process.env.SIDANG_TEST_SERVER_LOGS) {
    child.stdout?.pipe(process.stdout);
    child.stderr?.pipe(process.stderr);
  }

  const exited = new Promise<ExitResult>((resolve) => {
    // 'close' rather than 'exit': by then stdout/stderr are drained, so logs() is complete.
    child.once('close', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => {
      append(Buffer.from(`\n[spawn error] ${error.message}\n`));
      resolve({ code: null, signal: null });
    });
  });

  const hasExited = (): boolean => child.exitCode !== null || child.signalCode !== null;

  const kill = async (signal: NodeJS.Signals): Promise<ExitResult> => {
    if (!hasExited()) child.kill(signal);
    return exited;
  };

  const stop = async (): Promise<ExitResult & { forced: boolean }> => {
    if (hasExited()) return { ...(await exited), forced: false };
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const graceful = await Promise.race([
      exited.then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), STOP_GRACE_MS);
      }),
    ]);
    clearTimeout(timer);
    if (!graceful) child.kill('SIGKILL');
    return { ...(await exited), forced: !graceful };
  };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    process: child,
    exited,
    logs: () => output,
    kill,
    stop,
  };
}

/**
 * Starts the built server and resolves once `GET /api/health` answers 200.
 * On failure the process is killed and the error carries its output.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const server = await spawnServer(options);
  const healthTimeoutMs = options.healthTimeoutMs ?? HEALTH_TIMEOUT_MS;
  const deadline = Date.now() + healthTimeoutMs;
  let exit: ExitResult | undefined;
  void server.exited.then((result) => {
    exit = result;
  });

  let lastProblem = 'no answer yet';
  while (Date.now() < deadline && !exit) {
    try {
      const response = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return server;
      lastProblem = `health answered ${response.status}`;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  await server.kill('SIGKILL');
  const why = exit
    ? `exited early (code ${exit.code}, signal ${exit.signal})`
    : `was not healthy within ${healthTimeoutMs / 1000} s (${lastProblem})`;
  throw new Error(`The server on port ${server.port} ${why}. Its output:\n${server.logs()}`);
}

/** A JSON response: status and parsed body (`undefined` when there was none). */
export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

/**
 * Calls the HTTP API as `token` and returns status and JSON body without throwing on 4xx/5xx,
 * so tests can assert on either. Network errors (e.g. the server is gone) do throw.
 */
export async function api<T = unknown>(
  baseUrl: string,
  token: string | undefined,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  timeoutMs = 15_000,
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed as T };
}

/** Signs a demo user in over REST. */
export async function login(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<LoginResponse> {
  const response = await api<LoginResponse>(baseUrl, undefined, 'POST', '/api/auth/login', { email, password });
  if (response.status !== 200 && response.status !== 201) {
    throw new Error(`Login as ${email} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** The demo committee: the first committee the user is in. */
export async function demoCommittee(baseUrl: string, token: string): Promise<Committee> {
  const response = await api<Committee[]>(baseUrl, token, 'GET', '/api/committees');
  const first = Array.isArray(response.body) ? response.body[0] : undefined;
  if (response.status !== 200 || !first) {
    throw new Error(`GET /api/committees answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return first;
}

/** A demo user signed in over REST, with the demo committee as they list it: how most browser tests begin. */
export async function signInToDemoCommittee(baseUrl: string, email: string): Promise<LoginResponse & { committeeId: string }> {
  const signedIn = await login(baseUrl, email);
  return { ...signedIn, committeeId: (await demoCommittee(baseUrl, signedIn.accessToken)).id };
}

export { connectSocket, type SidangSocket, subscribe } from './sockets.js';
