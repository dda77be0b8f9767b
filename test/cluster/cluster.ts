import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createPostgresDatabase, type TestDatabase } from '../support/databases.js';
import { freePort, killAllServers, type RunningServer, startServer } from '../support/server-process.js';

/**
 * Three (or more) instances of the built server (`node server/dist/main.js`) on one PostgreSQL
 * database and one Redis, behind nginx, all on loopback: what the fault tests (test/faults/)
 * run against. Redis is always a private `redis-server` on a port of its own, so a test may stop
 * it; PostgreSQL is a fresh database on TEST_DATABASE_URL, or a private cluster (initdb) that a
 * test may restart. Nothing here touches the machine's own PostgreSQL or Redis processes.
 */

/** The shipped nginx configuration: the tests run it as it is, with their own upstream and listen files. */
const SHIPPED_NGINX = fileURLToPath(new URL('../../infra/nginx/', import.meta.url));
const WAIT_STEP_MS = 50;

/** A figure a fault test measured (recovery times, writes in doubt), printed under the test's output. */
export function report(line: string): void {
  process.stderr.write(`[faults] ${line}\n`);
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${ms} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
  }
}

function run(file: string, args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env: options.env ?? process.env, timeout: 60_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${file} ${args.join(' ')} failed: ${stderr || stdout || error.message}`)) : resolve(stdout),
    );
  });
}

const isRoot = (): boolean => process.getuid?.() === 0;

/** Things this process started outside Node's child processes (pg_ctl daemons): stopped on exit. */
const onExit = new Set<() => void>();
process.once('exit', () => {
  for (const stop of onExit) {
    try {
      stop();
    } catch {
      // Best effort: the process is going anyway.
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Redis

export interface PrivateRedis {
  url: string;
  port: number;
  /** Stops it (SIGKILL: as a crash; nothing is kept, it holds no data of ours anyway). */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  readonly running: boolean;
}

function redisBinary(): string {
  return process.env.REDIS_SERVER_BIN ?? (existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : 'redis-server');
}

/** A redis-server of its own on a free loopback port, in the foreground, no persistence. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const start = async (): Promise<void> => {
    const proc = spawn(redisBinary(), ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    child = proc;
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    const kill = (): void => {
      proc.kill('SIGKILL');
    };
    onExit.add(kill);
    void exited.then(() => onExit.delete(kill));
    await waitFor(`redis-server on port ${port}`, async () => {
      if (proc.exitCode !== null) throw new Error(`redis-server exited with ${proc.exitCode}`);
      return (await redisPing(port)) || undefined;
    });
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    async stop() {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
    start,
  };
}

async function redisPing(port: number): Promise<boolean> {
  const { createConnection } = await import('node:net');
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

export interface PrivatePostgres {
  /** URL of the `sidang` database on it. */
  url: string;
  port: number;
  /** `pg_ctl stop -m immediate`: every server process ends at once, as in a crash; the next start recovers from the WAL. */
  crash(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  remove(): Promise<void>;
}

function postgresBinDir(): string {
  if (process.env.PG_BINDIR) return process.env.PG_BINDIR;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return join(root, versions[0], 'bin');
  return '';
}

/**
 * A PostgreSQL cluster of its own (initdb in a temporary folder, trust on loopback), on a free
 * port, with a database `sidang`. PostgreSQL refuses to run as root: as root (CI) its programs
 * run as the `postgres` user (PG_USER) through runuser.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinDir();
  const tool = (name: string): string => (bin ? join(bin, name) : name);
  const folder = await mkdtemp(join(tmpdir(), 'sidang-faults-pg-'));
  const data = join(folder, 'data');
  const port = await freePort();
  const user = process.env.PG_USER ?? 'postgres';
  const as = (file: string, args: string[]): Promise<string> =>
    isRoot() ? run('runuser', ['-u', user, '--', file, ...args]) : run(file, args);
  if (isRoot()) {
    const { uid, gid } = await userIds(user);
    await chown(folder, uid, gid);
  }
  await chmod(folder, 0o755);
  await as(tool('initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  // fsync off: the tests restart the server process, never the machine, so what PostgreSQL wrote
  // is in the operating system's cache either way; a crash still recovers from the WAL.
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${folder} -c fsync=off -c max_connections=100`;
  const log = join(folder, 'postgres.log');
  let running = false;
  const stopNow = (): void => {
    if (!running) return;
    const args = ['-D', data, '-m', 'immediate', '-w', 'stop'];
    if (isRoot()) execFileSync('runuser', ['-u', user, '--', tool('pg_ctl'), ...args], { stdio: 'ignore' });
    else execFileSync(tool('pg_ctl'), args, { stdio: 'ignore' });
  };
  onExit.add(stopNow);

  const start = async (): Promise<void> => {
    await as(tool('pg_ctl'), ['-D', data, '-o', options, '-l', log, '-w', '-t', '60', 'start']);
    running = true;
  };
  const crash = async (): Promise<void> => {
    await as(tool('pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    running = false;
  };

  await start();
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  try {
    await admin.query('CREATE DATABASE sidang');
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/sidang`,
    port,
    crash,
    start,
    async remove() {
      if (running) await crash().catch(() => undefined);
      onExit.delete(stopNow);
      await rm(folder, { recursive: true, force: true });
    },
  };
}

async function userIds(user: string): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', user]), run('id', ['-g', user])]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

// ---------------------------------------------------------------------------------------------
// nginx

export interface Nginx {
  url: string;
  port: number;
  /** The instance (its port) that answers requests with this affinity key, as nginx reports it. */
  upstreamFor(affinity: string): Promise<number>;
  logs(): Promise<string>;
  stop(): Promise<void>;
}

function nginxBinary(): string {
  return process.env.NGINX_BIN ?? (existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx');
}

/**
 * The pair of files the shipped configuration (infra/nginx/nginx.conf) leaves to where it runs:
 * the instances, and the listen lines. Affinity by client address, as the shipped `ip_hash`;
 * every test client comes from 127.0.0.1, so a test adds `?affinity=<key>` to choose where a
 * client lands (the same key, the same instance while it is up; the next one when it is not).
 * `X-Sidang-Upstream` names the instance that answered, so a test can learn where a key lands.
 */
export function nginxSiteFiles(prefix: string, port: number, upstreams: number[]): Record<string, string> {
  return {
    'sidang-upstream.conf': [
      'upstream sidang {',
      '    hash $remote_addr$arg_affinity consistent;',
      ...upstreams.map((upstream) => `    server 127.0.0.1:${upstream} max_fails=1 fail_timeout=5s;`),
      '    keepalive 16;',
      '}',
      // Its files in the test's folder (the package's defaults are under /var/lib/nginx).
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((dir) => `${dir}_temp_path ${join(prefix, dir)};`),
      '',
    ].join('\n'),
    'sidang-listen.conf': [`listen 127.0.0.1:${port};`, 'add_header X-Sidang-Upstream $upstream_addr always;', ''].join('\n'),
  };
}

/**
 * nginx in the foreground (`daemon off`) with the shipped configuration (infra/nginx/nginx.conf
 * and sidang-locations.conf, copied) and this cluster's upstream and listen files, in a
 * temporary folder.
 */
export async function startNginx(upstreams: number[], workerConnections?: number): Promise<Nginx> {
  const prefix = await mkdtemp(join(tmpdir(), 'sidang-faults-nginx-'));
  const port = await freePort();
  for (const file of ['nginx.conf', 'sidang-locations.conf']) await copyFile(join(SHIPPED_NGINX, file), join(prefix, file));
  if (workerConnections !== undefined) {
    // A bench of thousands of sockets: each is two connections of a worker (the client's and the instance's).
    const conf = join(prefix, 'nginx.conf');
    await writeFile(conf, (await readFile(conf, 'utf8')).replace(/worker_connections \d+;/, `worker_connections ${workerConnections};`));
  }
  for (const [file, text] of Object.entries(nginxSiteFiles(prefix, port, upstreams))) await writeFile(join(prefix, file), text);
  for (const dir of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) await mkdir(join(prefix, dir));
  // As root nginx's workers would switch to `nobody`, who cannot write the temporary folder.
  const user = isRoot() ? 'user root; ' : '';
  const files = workerConnections === undefined ? '' : `worker_rlimit_nofile ${workerConnections + 1_024}; `;
  const child = spawn(
    nginxBinary(),
    [
      '-p',
      prefix,
      '-c',
      join(prefix, 'nginx.conf'),
      '-e',
      join(prefix, 'error.log'),
      '-g',
      `${user}${files}daemon off; pid ${join(prefix, 'nginx.pid')};`,
    ],
    // Its access log goes to stdout: not kept.
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // SIGTERM: nginx's fast shutdown, in which the master ends its workers before it exits (a
  // SIGKILLed master would leave them running, holding their connections).
  const kill = (): void => {
    child.kill('SIGTERM');
  };
  onExit.add(kill);
  const url = `http://127.0.0.1:${port}`;
  const logs = async (): Promise<string> => `${output}${await readFile(join(prefix, 'error.log'), 'utf8').catch(() => '')}`;
  try {
    await waitFor('nginx to listen', async () => {
      if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${await logs()}`);
      const response = await fetch(`${url}/api/health/live`, { signal: AbortSignal.timeout(2_000) });
      return response.status === 200 || undefined;
    });
  } catch (error) {
    kill();
    throw error;
  }
  return {
    url,
    port,
    async upstreamFor(affinity) {
      const response = await fetch(`${url}/api/health/live?affinity=${encodeURIComponent(affinity)}`, {
        signal: AbortSignal.timeout(5_000),
      });
      await response.arrayBuffer();
      const upstream = response.headers.get('x-sidang-upstream') ?? '';
      // After a failover nginx lists every address it tried ("a, b"): the last one answered.
      const answered = Number(upstream.split(',').at(-1)?.trim().split(':').at(-1));
      if (!upstream || !Number.isInteger(answered)) throw new Error(`nginx named no upstream for ${affinity}: "${upstream}"`);
      return answered;
    },
    logs,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        kill();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      onExit.delete(kill);
      await rm(prefix, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The cluster

export interface ClusterNode {
  index: number;
  port: number;
  url: string;
  server: RunningServer;
}

export interface ClusterOptions {
  nodes?: number;
  /** `shared`: a fresh database on TEST_DATABASE_URL; `private`: a cluster of its own that a test may crash and restart. */
  postgres?: 'shared' | 'private';
  /** Extra environment of every instance. */
  env?: Record<string, string>;
  /** nginx's `worker_connections` (default: the shipped file's): a bench of thousands of sockets needs more. */
  nginxWorkerConnections?: number;
}

export interface Cluster {
  /** nginx: where every client goes. */
  url: string;
  nodes: ClusterNode[];
  nginx: Nginx;
  redis: PrivateRedis;
  /** Set with `postgres: 'private'`. */
  postgres?: PrivatePostgres;
  databaseUrl: string;
  /** The node that answers this affinity key through nginx. */
  nodeFor(affinity: string): Promise<ClusterNode>;
  /** An affinity key that lands on each node, by node index (found by asking nginx). */
  keysByNode(): Promise<string[]>;
  /** Starts node `index` again (after it was killed or stopped) on its port, as another process. */
  restartNode(index: number): Promise<ClusterNode>;
  /** The logs of every instance, for a failure message. */
  logs(): string;
  close(): Promise<void>;
}

/**
 * Starts Redis, the database, `nodes` instances (the first migrates and seeds the demo
 * committee; the others start together after it) and nginx in front of them.
 */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const count = options.nodes ?? 3;
  const cleanup: Array<() => Promise<void>> = [];
  const closeAll = async (): Promise<void> => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  };
  try {
    const redis = await startPrivateRedis();
    cleanup.push(() => redis.stop());
    let postgres: PrivatePostgres | undefined;
    let database: TestDatabase | undefined;
    if (options.postgres === 'private') {
      postgres = await startPrivatePostgres();
      const started = postgres;
      cleanup.push(() => started.remove());
    } else {
      database = await createPostgresDatabase();
      const created = database;
      cleanup.push(() => created.drop());
    }
    const databaseUrl = postgres?.url ?? (database as TestDatabase).url;
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      // nginx is the one proxy hop in front.
      TRUST_PROXY: '1',
      LOG_LEVEL: process.env.SIDANG_TEST_SERVER_LOGS ? 'info' : 'warn',
      ...options.env,
    };
    const nodes: ClusterNode[] = [];
    cleanup.push(async () => {
      await Promise.all(nodes.map((node) => node.server.kill('SIGKILL')));
      await killAllServers();
    });
    const boot = async (index: number, extra: Record<string, string>, port?: number): Promise<ClusterNode> => {
      const server = await startServer({ env: { ...env, ...extra }, port, healthTimeoutMs: 120_000 });
      const node = { index, port: server.port, url: server.url, server };
      nodes[index] = node;
      return node;
    };
    await boot(0, {});
    await Promise.all(Array.from({ length: count - 1 }, (_, i) => boot(i + 1, { SEED_DEMO: 'false' })));
    const nginx = await startNginx(
      nodes.map((node) => node.port),
      options.nginxWorkerConnections,
    );
    cleanup.push(() => nginx.stop());

    const nodeFor = async (affinity: string): Promise<ClusterNode> => {
      const port = await nginx.upstreamFor(affinity);
      const node = nodes.find((candidate) => candidate.port === port);
      if (!node) throw new Error(`nginx sent ${affinity} to port ${port}, which is no node of this cluster`);
      return node;
    };
    let keys: string[] | undefined;
    return {
      url: nginx.url,
      nodes,
      nginx,
      redis,
      postgres,
      databaseUrl,
      nodeFor,
      async keysByNode() {
        if (keys) return keys;
        const found: Array<string | undefined> = new Array(count).fill(undefined);
        for (let i = 0; i < 200 && found.some((key) => key === undefined); i += 1) {
          const key = `k${i}`;
          const node = await nodeFor(key);
          if (found[node.index] === undefined) found[node.index] = key;
        }
        if (found.some((key) => key === undefined)) throw new Error('nginx sent 200 keys to fewer nodes than the cluster has');
        keys = found as string[];
        return keys;
      },
      async restartNode(index) {
        const node = nodes[index];
        if (!node) throw new Error(`no node ${index}`);
        await node.server.kill('SIGKILL');
        return boot(index, { SEED_DEMO: 'false' }, node.port);
      },
      logs: () => nodes.map((node) => `--- node ${node.index} (port ${node.port}) ---\n${node.server.logs()}`).join('\n'),
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
