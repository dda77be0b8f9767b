import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LoginResponse } from '@sidang/shared';
import { DataSource } from 'typeorm';
import { AuthService } from '../../server/src/auth/auth.service.js';
import { SessionEvents, type SessionRevoked } from '../../server/src/auth/session-events.js';
import { demoSuite } from './support/demo-suite.js';
import { DEMO, TestApp, until } from './support/harness.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Polls until `path` answers `status` for `token`; the time it took, or a failure after `ms`. */
async function untilStatus(app: TestApp, path: string, token: string, status: number, ms = 2_000): Promise<number> {
  const started = Date.now();
  await until(async () => (await app.request('GET', path, token)).status === status, `${path} to answer ${status}`, ms, 50);
  return Date.now() - started;
}

describe('sessions across two instances', () => {
  let first: TestApp;
  let second: TestApp;
  const revokedOnSecond: SessionRevoked[] = [];

  beforeAll(async () => {
    first = await TestApp.start({ REDIS_URL });
    second = await first.startPeer({ SEED_DEMO: 'false' });
    second.app.get(SessionEvents).revoked$.subscribe((event) => revokedOnSecond.push(event));
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('should issue a short-lived access token with a refresh token', async () => {
    const session = await first.login('chair');
    expect(session.refreshToken).toEqual(expect.any(String));
    const lifetime = Date.parse(session.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(60_000);
    expect(lifetime).toBeLessThanOrEqual(15 * 60_000 + 5_000);
  });

  it('should refuse a token on the other instance within 2 s of logout, and tell its listeners', async () => {
    const session = await first.login('chair');
    expect((await second.request('GET', '/api/auth/me', session.token)).status).toBe(200);

    const logout = await first.request('POST', '/api/auth/logout', session.token);
    expect(logout.status).toBe(204);
    expect((await first.request('GET', '/api/auth/me', session.token)).status).toBe(401);
    const took = await untilStatus(second, '/api/auth/me', session.token, 401);
    console.info(`revoked on the other instance after ${took} ms`);

    const refreshed = await first.request('POST', '/api/auth/refresh', undefined, { refreshToken: session.refreshToken });
    expect(refreshed.status).toBe(401);
    await until(() => revokedOnSecond.some((e) => e.userId === session.user.id), 'the revocation told on the other instance', 2_000);
    expect(revokedOnSecond).toEqual(expect.arrayContaining([{ userId: session.user.id, sessionId: expect.any(String) }]));
  });

  it('should end every session of the user with logout-all, and no other user’s', async () => {
    const phone = await first.login('member');
    const laptop = await second.login('member');
    const other = await first.login('observer');

    expect((await second.request('POST', '/api/auth/logout-all', laptop.token)).status).toBe(204);
    await untilStatus(first, '/api/auth/me', phone.token, 401);
    await untilStatus(second, '/api/auth/me', phone.token, 401);
    await untilStatus(first, '/api/auth/me', laptop.token, 401);
    expect((await first.request('POST', '/api/auth/refresh', undefined, { refreshToken: phone.refreshToken })).status).toBe(401);
    expect((await first.request('GET', '/api/auth/me', other.token)).status).toBe(200);
  });

  it("should close the user's live sockets on every instance at logout-all, told why, and no one else's", async () => {
    const phone = await first.login('nres');
    const laptop = await second.login('nres');
    const other = await second.login('observer');
    const committeeId = (await first.committees(phone.token)).main.id;
    const sockets = await Promise.all([first.connect(phone.token), second.connect(laptop.token), second.connect(other.token)]);
    for (const client of sockets) expect((await client.subscribe(committeeId)).ok).toBe(true);
    const told = sockets.slice(0, 2).map((client) => new Promise((resolve) => client.socket.once('access-changed', resolve)));
    const closed = sockets.slice(0, 2).map((client) => new Promise((resolve) => client.socket.once('disconnect', resolve)));

    expect((await first.request('POST', '/api/auth/logout-all', phone.token)).status).toBe(204);
    expect(await Promise.all(told)).toEqual([
      { reason: 'signed-out', committeeId: null },
      { reason: 'signed-out', committeeId: null },
    ]);
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
    // Positive control: another user's socket stays and keeps receiving.
    const chair = await first.login('chair');
    const item = await first.createItem(chair.token, committeeId, { title: 'After the sign-out' });
    await sockets[2]?.waitFor((events) => events.some((e) => e.entityId === item.id));
    expect(sockets[2]?.socket.connected).toBe(true);
  });

  it('should rotate the refresh token and treat a reused one as stolen', async () => {
    const session = await first.login('secretariat');
    const refreshed = await second.request<LoginResponse>('POST', '/api/auth/refresh', undefined, { refreshToken: session.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(session.refreshToken);
    expect((await first.request('GET', '/api/auth/me', refreshed.body.accessToken)).status).toBe(200);

    const replay = await first.request('POST', '/api/auth/refresh', undefined, { refreshToken: session.refreshToken });
    expect(replay.status).toBe(401);
    await untilStatus(first, '/api/auth/me', refreshed.body.accessToken, 401);
    await untilStatus(second, '/api/auth/me', refreshed.body.accessToken, 401);
  });

  it('should not accept the device cookie as an access token', async () => {
    const response = await fetch(`${first.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO.observer, password: 'sidang-demo' }),
    });
    const device = (response.headers.get('set-cookie') ?? '').split(';')[0]?.split('=')[1] ?? '';
    expect(device.length).toBeGreaterThan(20);
    expect((await first.request('GET', '/api/auth/me', device)).status).toBe(401);
  });

  it('should refuse logout without a token', async () => {
    expect((await first.request('POST', '/api/auth/logout')).status).toBe(401);
    expect((await first.request('POST', '/api/auth/logout-all')).status).toBe(401);
  });
});

describe('a revoked session and the socket handshake', () => {
  const demo = demoSuite(['chair']);

  it('should refuse a socket handshake with a revoked token', async () => {
    expect((await demo.app.request('POST', '/api/auth/logout', demo.chair.token)).status).toBe(204);
    await expect(demo.app.connect(demo.chair.token)).rejects.toThrow();
  });
});

describe('pruning sessions that can no longer be used', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });

  afterAll(async () => {
    await app.close();
  });

  async function sessionRows(userId: string): Promise<Array<{ id: string; revoked: boolean }>> {
    const rows: Array<{ id: string; revoked_at: Date | null }> = await app.app
      .get(DataSource)
      .query('SELECT id, revoked_at FROM sessions WHERE user_id = $1', [userId]);
    return rows.map((row) => ({ id: row.id, revoked: row.revoked_at !== null }));
  }

  it('should delete revoked sessions once their access tokens are past, keep live ones, and still refuse the tokens', async () => {
    const kept = await app.login('member');
    const ended = await app.login('member');
    expect((await app.request('POST', '/api/auth/logout', ended.token)).status).toBe(204);
    expect(await sessionRows(kept.user.id)).toHaveLength(2);

    const auth = app.app.get(AuthService);
    // Right after logout its access token could still be presented: the row must stay.
    await auth.pruneSessions(new Date());
    expect(await sessionRows(kept.user.id)).toHaveLength(2);

    const afterTokens = new Date(Date.now() + 16 * 60_000);
    expect(await auth.pruneSessions(afterTokens)).toBeGreaterThanOrEqual(1);
    expect(await sessionRows(kept.user.id)).toEqual([{ id: expect.any(String), revoked: false }]);
    expect((await app.request('GET', '/api/auth/me', kept.token)).status).toBe(200);
    expect((await app.request('GET', '/api/auth/me', ended.token)).status).toBe(401);
    const refreshed = await app.request('POST', '/api/auth/refresh', undefined, { refreshToken: ended.refreshToken });
    expect(refreshed.status).toBe(401);
  });

  it('should delete expired sessions', async () => {
    const session = await app.login('observer');
    const pastRefresh = new Date(Date.now() + 400 * 24 * 3600_000);
    await app.app.get(AuthService).pruneSessions(pastRefresh);
    expect(await sessionRows(session.user.id)).toEqual([]);
    const refreshed = await app.request('POST', '/api/auth/refresh', undefined, { refreshToken: session.refreshToken });
    expect(refreshed.status).toBe(401);
  });
});
