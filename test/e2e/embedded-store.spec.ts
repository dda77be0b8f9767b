import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { ActionItem } from '@sidang/shared';
import {
  api,
  DEMO_USERS,
  demoCommittee,
  killAllServers,
  login,
  type RunningServer,
  spawnServer,
  startServer,
} from '../support/server-process.js';

/** How long a refused second instance may take to say so and exit. */
const REFUSAL_TIMEOUT_MS = 30_000;

describe('Sidang without DATABASE_URL (embedded store)', () => {
  const dataDirs: string[] = [];

  afterAll(async () => {
    // Also catches a server whose start was still pending when a test timed out.
    await killAllServers();
    await Promise.allSettled(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }, 30_000);

  async function freshDataDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'sidang-e2e-data-'));
    dataDirs.push(dir);
    return dir;
  }

  async function start(dataDir: string): Promise<RunningServer> {
    // DATABASE_URL is stripped from the inherited environment by the helper: embedded mode.
    const server = await startServer({ env: { DATA_DIR: dataDir } });
    return server;
  }

  it('should keep an action item across a SIGTERM restart on the same data directory', async () => {
    const dataDir = await freshDataDir();
    const first = await start(dataDir);
    const { accessToken } = await login(first.url, DEMO_USERS.secretariat);
    const committee = await demoCommittee(first.url, accessToken);
    const title = `Embedded smoke ${Date.now()}`;
    const created = await api<ActionItem>(first.url, accessToken, 'POST', `/api/committees/${committee.id}/action-items`, {
      title,
      classification: 'OPEN',
    });
    expect(created.status).toBe(201);

    const stopped = await first.stop();
    expect(stopped.forced).toBe(false);

    const second = await start(dataDir);
    const token = (await login(second.url, DEMO_USERS.secretariat)).accessToken;
    const reread = await api<ActionItem>(second.url, token, 'GET', `/api/action-items/${created.body.id}`);
    expect(reread.status).toBe(200);
    expect(reread.body).toEqual(expect.objectContaining({ id: created.body.id, title, version: created.body.version }));
    // Restarting must not seed a second demo committee on top of the first.
    const committees = await api<{ id: string }[]>(second.url, token, 'GET', '/api/committees');
    expect(committees.body.map((c) => c.id)).toContain(committee.id);
    expect(committees.body.filter((c) => c.id === committee.id)).toHaveLength(1);
    await second.stop();
  }, 120_000);

  it('should refuse a second instance on a data directory that is in use, with a message naming the lock', async () => {
    const dataDir = await freshDataDir();
    const owner = await start(dataDir);

    const intruder = await spawnServer({ env: { DATA_DIR: dataDir } });
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      intruder.exited,
      new Promise<'still running'>((resolve) => {
        timer = setTimeout(() => resolve('still running'), REFUSAL_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (outcome === 'still running' || outcome.code === 0) {
      console.warn(`Second instance output:\n${intruder.logs()}`);
    }
    expect(outcome).not.toBe('still running');
    expect(outcome).toEqual(expect.objectContaining({ signal: null }));
    expect(outcome === 'still running' ? 0 : outcome.code).not.toBe(0);
    expect(intruder.logs()).toMatch(/lock|data.?dir|DATA_DIR|in use/i);

    // The refused instance must not have disturbed the one that owns the directory.
    const health = await fetch(`${owner.url}/api/health`);
    expect(health.status).toBe(200);
    const token = (await login(owner.url, DEMO_USERS.chair)).accessToken;
    const committee = await demoCommittee(owner.url, token);
    const list = await api<unknown[]>(owner.url, token, 'GET', `/api/committees/${committee.id}/action-items`);
    expect(list.status).toBe(200);
    await owner.stop();
  }, 120_000);
});
