import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { io } from 'socket.io-client';
import { createPostgresDatabase, type TestDatabase } from '../support/databases.js';
import { startDemoServer, stopDemoServer } from '../support/demo-server.js';
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  demoCommittee,
  freePort,
  killAllServers,
  login,
  REPO_ROOT,
  type RunningServer,
  startServer,
} from '../support/server-process.js';

/** Runs `node server/dist/admin-create.js …` as an operator would; resolves with its exit code and output. */
function adminCreate(
  args: string[],
  env: Record<string, string | undefined>,
  stdin?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: undefined,
    DATA_DIR: undefined,
    ADMIN_PASSWORD: undefined,
  };
  for (const [name, value] of Object.entries(env)) childEnv[name] = value;
  for (const name of Object.keys(childEnv)) if (childEnv[name] === undefined) delete childEnv[name];
  const child = spawn(process.execPath, ['server/dist/admin-create.js', ...args], {
    cwd: REPO_ROOT,
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdin.end(stdin ?? '');
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** Sign-in status and body for an address and password. */
async function signIn(url: string, email: string, password: string): Promise<{ status: number; isAdmin?: boolean }> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { user?: { isAdmin?: boolean } };
  return { status: response.status, isAdmin: body.user?.isAdmin };
}

/**
 * POST /api/auth/login whose body is sent in two halves `gapMs` apart: a request that is in
 * flight (its body still arriving) for that long. `sendRest` sends the second half.
 */
function slowLogin(url: string, email: string, password: string) {
  const body = Buffer.from(JSON.stringify({ email, password }));
  const { hostname, port } = new URL(url);
  let sendRest = (): void => undefined;
  const answered = new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
    const req = httpRequest(
      {
        hostname,
        port,
        method: 'POST',
        path: '/api/auth/login',
        headers: { 'content-type': 'application/json', 'content-length': body.length },
      },
      (response) => {
        response.resume();
        response.once('end', () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection }));
      },
    );
    req.once('error', reject);
    req.write(body.subarray(0, 10));
    sendRest = () => req.end(body.subarray(10));
  });
  return { answered, sendRest: () => sendRest() };
}

/** Resolves true once a new TCP connection to the server is refused (polled every 50 ms, for at most `ms`). */
async function refusesConnections(url: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      await fetch(`${url}/api/health/live`, { signal: AbortSignal.timeout(1_000), headers: { connection: 'close' } });
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (code === 'ECONNREFUSED') return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('SIGTERM drain (the built server)', () => {
  let server: RunningServer | undefined;
  let database: TestDatabase | undefined;

  afterAll(async () => {
    await stopDemoServer(server, database);
  }, 60_000);

  it('should finish an in-flight request, refuse new connections, close live sockets so they reconnect elsewhere, and exit 0 within 10 s', async () => {
    ({ server, database } = await startDemoServer());
    const running = server;
    const chair = await login(running.url, DEMO_USERS.chair);
    const socket = io(running.url, { auth: { token: chair.accessToken }, transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

    const inFlight = slowLogin(running.url, DEMO_USERS.chair, DEMO_PASSWORD);
    // The request has reached the server (its headers and part of its body) before the signal.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const signalled = Date.now();
    running.process.kill('SIGTERM');

    // Closed at the transport ("transport close"): a socket.io client reconnects by itself, to
    // another instance; a server-side "io server disconnect" would leave it disconnected.
    expect(await disconnected).toBe('transport close');
    expect(await refusesConnections(running.url, 3_000)).toBe(true);
    expect(running.process.exitCode).toBeNull();

    // The in-flight request still completes, and says its connection closes.
    inFlight.sendRest();
    const answer = await inFlight.answered;
    expect(answer.status).toBe(200);
    expect(answer.connection).toBe('close');

    const exit = await running.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(running.logs()).toMatch(/SIGTERM: closed in \d+ ms/);
    socket.close();
  }, 120_000);
});

describe('Production seeding and the first administrator', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    await killAllServers();
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }, 60_000);

  it('should seed no demo account with NODE_ENV=production and create the first administrator once (PostgreSQL)', async () => {
    const database = await createPostgresDatabase();
    cleanups.push(() => database.drop());
    const server = await startServer({ env: { DATABASE_URL: database.url, NODE_ENV: 'production' } });
    expect((await signIn(server.url, DEMO_USERS.chair, DEMO_PASSWORD)).status).toBe(401);
    expect(server.logs()).not.toContain(DEMO_PASSWORD);

    // A generated one-time password, printed once.
    const created = await adminCreate(['--email', 'Ops.Admin@agency.gov.my', '--name', 'Pentadbir Operasi'], {
      DATABASE_URL: database.url,
    });
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const password = /One-time password[^:]*: (\S+)/.exec(created.stdout)?.[1];
    expect(password).toBeDefined();
    expect(await signIn(server.url, 'ops.admin@agency.gov.my', password as string)).toEqual({ status: 200, isAdmin: true });

    // Once: the same address again is refused and changes nothing.
    const again = await adminCreate(['--email', 'ops.admin@agency.gov.my'], {
      DATABASE_URL: database.url,
      ADMIN_PASSWORD: 'another-password-123',
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    expect((await signIn(server.url, 'ops.admin@agency.gov.my', 'another-password-123')).status).toBe(401);
    expect((await signIn(server.url, 'ops.admin@agency.gov.my', password as string)).status).toBe(200);

    // Bad input names what is wrong.
    const bad = await adminCreate(['--email', 'not-an-address'], { DATABASE_URL: database.url });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/email/);
    expect((await server.stop()).forced).toBe(false);
  }, 180_000);

  it('should create the administrator on the embedded store from a password on standard input; SEED_DEMO=true still seeds in production', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sidang-e2e-admin-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const embedded = { DATABASE_URL: undefined, DATA_DIR: dataDir, NODE_ENV: 'production' };
    // Asked for explicitly, the demo committee is seeded in production too.
    const seeding = await startServer({ env: { ...embedded, SEED_DEMO: 'true' }, healthTimeoutMs: 180_000 });
    expect((await signIn(seeding.url, DEMO_USERS.chair, DEMO_PASSWORD)).status).toBe(200);
    expect((await seeding.stop()).forced).toBe(false);

    const created = await adminCreate(
      ['--email', 'first@agency.gov.my', '--password-stdin'],
      { DATA_DIR: dataDir },
      'a-password-from-stdin\n',
    );
    expect(created.code).toBe(0);
    expect(created.stdout).not.toContain('One-time password');
    expect(created.stdout).not.toContain('a-password-from-stdin');

    const server = await startServer({ env: embedded, healthTimeoutMs: 180_000 });
    expect(await signIn(server.url, 'first@agency.gov.my', 'a-password-from-stdin')).toEqual({ status: 200, isAdmin: true });
    // The store is locked while the server runs: the command refuses with a clear message.
    const locked = await adminCreate(['--email', 'second@agency.gov.my'], { DATA_DIR: dataDir });
    expect(locked.code).toBe(1);
    expect(locked.stderr).toMatch(/in use|locked|another/i);
    expect((await server.stop()).forced).toBe(false);
  }, 300_000);
});

/**
 * nginx with the shipped configuration (infra/nginx/nginx.conf and sidang-locations.conf) in a
 * temporary folder, with a loopback pair of its own in place of the compose pair (which names
 * app1…app3): these upstream ports, a free port to listen on.
 */
async function startShippedNginx(upstreams: number[]): Promise<{ url: string; stop(): Promise<void> }> {
  const prefix = await mkdtemp(join(tmpdir(), 'sidang-e2e-nginx-'));
  for (const file of ['nginx.conf', 'sidang-locations.conf']) await copyFile(join(REPO_ROOT, 'infra/nginx', file), join(prefix, file));
  const port = await freePort();
  const servers = upstreams.map((upstream) => `server 127.0.0.1:${upstream} max_fails=1 fail_timeout=10s;`).join(' ');
  await writeFile(join(prefix, 'sidang-upstream.conf'), `upstream sidang { ip_hash; ${servers} keepalive 8; }\n`);
  await writeFile(join(prefix, 'sidang-listen.conf'), `listen 127.0.0.1:${port};\n`);
  const binary = process.env.NGINX_BIN ?? (existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx');
  // As root nginx's workers would switch to `nobody`, who cannot write the temporary folder.
  const user = process.getuid?.() === 0 ? 'user root; ' : '';
  const args = [
    '-p',
    prefix,
    '-c',
    join(prefix, 'nginx.conf'),
    '-e',
    join(prefix, 'error.log'),
    '-g',
    `${user}daemon off; pid ${prefix}/nginx.pid;`,
  ];
  const child = spawn(binary, args, { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    // nginx's fast shutdown (SIGTERM) takes its workers with it; SIGKILL would leave them
    // holding the port and the folder. SIGKILL only if it has not gone within 5 s.
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    await exited;
    await rm(prefix, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    const answered = await fetch(`${url}/api/health/live`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (answered) return { url, stop };
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`nginx did not come up (exit ${child.exitCode})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Live sockets of an instance, from its own /metrics (read on loopback, as a local scraper). */
async function liveSockets(server: RunningServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith('sidang_socket_connections '));
  return Number(line?.split(' ')[1] ?? Number.NaN);
}

describe('The shipped nginx configuration (infra/nginx) in front of the built server', () => {
  let server: RunningServer | undefined;
  let database: TestDatabase | undefined;
  let nginx: { url: string; stop(): Promise<void> } | undefined;

  afterAll(async () => {
    await nginx?.stop();
    await stopDemoServer(server, database);
  }, 60_000);

  it('should pass websockets and request ids through, and keep /metrics from the outside', async () => {
    ({ server, database } = await startDemoServer({ TRUST_PROXY: '1' }));
    nginx = await startShippedNginx([server.port]);
    const url = nginx.url;

    // A client's id goes through to the app and back; without one, nginx's own id does.
    const kept = await fetch(`${url}/api/health/ready`, { headers: { 'X-Request-Id': 'via-nginx-1' } });
    expect(kept.status).toBe(200);
    expect(kept.headers.get('x-request-id')).toBe('via-nginx-1');
    const made = await fetch(`${url}/api/health/ready`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);

    // /metrics: refused at the proxy (JSON, not a page); the instance itself answers on loopback.
    const metrics = await fetch(`${url}/metrics`);
    expect(metrics.status).toBe(404);
    expect(((await metrics.json()) as { code: string }).code).toBe('not_found');
    expect((await fetch(`${server.url}/metrics`)).status).toBe(200);

    // socket.io over a WebSocket upgraded by nginx: subscribed and acknowledged.
    const chair = await login(url, DEMO_USERS.chair);
    const committee = await demoCommittee(url, chair.accessToken);
    const socket = io(url, { auth: { token: chair.accessToken }, transports: ['websocket'], forceNew: true, reconnection: false });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const ack = (await socket.timeout(10_000).emitWithAck('subscribe', { committeeId: committee.id })) as { ok: boolean };
      expect(ack.ok).toBe(true);
    } finally {
      socket.close();
    }
  }, 120_000);
});

describe('SIGTERM behind the shipped nginx: sockets move to the other instance', () => {
  let first: RunningServer | undefined;
  let second: RunningServer | undefined;
  let database: TestDatabase | undefined;
  let nginx: { url: string; stop(): Promise<void> } | undefined;

  afterAll(async () => {
    await nginx?.stop();
    await second?.stop();
    await stopDemoServer(first, database);
  }, 60_000);

  it('should reconnect a socket.io client of the drained instance through nginx to the other, and keep answering', async () => {
    ({ server: first, database } = await startDemoServer({ TRUST_PROXY: '1' }));
    second = await startServer({ env: { DATABASE_URL: database.url, SEED_DEMO: 'false', TRUST_PROXY: '1' } });
    nginx = await startShippedNginx([first.port, second.port]);
    const chair = await login(nginx.url, DEMO_USERS.chair);
    // Reconnection on, as the app's client has it.
    const socket = io(nginx.url, {
      auth: { token: chair.accessToken },
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const instances = [first, second];
      const counts = await Promise.all(instances.map(liveSockets));
      expect(counts.slice().sort()).toEqual([0, 1]);
      const holder = instances[counts.indexOf(1)] as RunningServer;
      const other = instances[counts.indexOf(0)] as RunningServer;

      const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
      const signalled = Date.now();
      holder.process.kill('SIGTERM');
      expect(await disconnected).toBe('transport close');
      // Connected again (the server has admitted it), by itself.
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      expect(Date.now() - signalled).toBeLessThan(5_000);
      expect(await liveSockets(other)).toBe(1);
      expect(await holder.exited).toEqual({ code: 0, signal: null });

      // nginx keeps answering, from the instance left.
      const committee = await demoCommittee(nginx.url, chair.accessToken);
      const ack = (await socket.timeout(10_000).emitWithAck('subscribe', { committeeId: committee.id })) as { ok: boolean };
      expect(ack.ok).toBe(true);
    } finally {
      socket.close();
    }
  }, 180_000);
});
