import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AccessChanged, AdminUser, Member } from '@sidang/shared';
import { type LiveClient, type Session, TestApp } from './support/harness.js';

/** Resolves with the first `access-changed` the socket receives, and how long it took. */
function nextAccessChange(client: LiveClient): Promise<{ change: AccessChanged; at: number }> {
  return new Promise((resolve) => client.socket.once('access-changed', (change: AccessChanged) => resolve({ change, at: Date.now() })));
}

describe('access changes made through the app re-scope live sessions at once', () => {
  let app: TestApp;
  let admin: Session;
  let chair: Session;
  let committeeId: string;

  beforeAll(async () => {
    // The periodic re-check is far away: only the change log can re-scope in time.
    app = await TestApp.start({ SESSION_RECHECK_MS: '3600000' });
    [admin, chair] = await Promise.all([app.login('admin'), app.login('chair')]);
    committeeId = (await app.committees(chair.token)).main.id;
  });

  afterAll(async () => {
    await app.close();
  });

  const subscribed = async (session: Session): Promise<LiveClient> => {
    const client = await app.connect(session.token);
    expect((await client.subscribe(committeeId)).ok).toBe(true);
    return client;
  };

  it('should stop delivering to a removed member within a second and tell them why, while others keep receiving', async () => {
    const [nres, mosti] = await Promise.all([app.login('nres'), app.login('mosti')]);
    const [removed, stays] = await Promise.all([subscribed(nres), subscribed(mosti)]);
    const told = nextAccessChange(removed);
    const started = Date.now();
    const result = await app.request('DELETE', `/api/committees/${committeeId}/members/${nres.user.id}`, chair.token);
    expect(result.status).toBe(204);
    const { change, at } = await told;
    expect(change).toEqual({ reason: 'membership-removed', committeeId });
    expect(at - started).toBeLessThan(1_000);

    const after = await app.createItem(chair.token, committeeId, { title: 'After the removal' });
    // Positive control: a member who stays receives it.
    await stays.waitFor((events) => events.some((e) => e.entityId === after.id));
    await removed.delivered();
    expect(removed.events.map((e) => e.entityId)).not.toContain(after.id);
    expect(removed.socket.connected).toBe(true);
    expect((await removed.subscribe(committeeId)).ok).toBe(false);
    expect((await app.request('GET', `/api/committees/${committeeId}/action-items`, nres.token)).status).toBe(404);
  });

  it('should re-scope a socket whose clearance an administrator lowers before anything above it is sent', async () => {
    const member = await app.login('member');
    const client = await subscribed(member);
    const users = await app.request<AdminUser[]>('GET', '/api/admin/users', admin.token);
    const record = users.body.find((user) => user.id === member.user.id) as AdminUser;
    const told = nextAccessChange(client);
    const lowered = await app.request('PATCH', `/api/admin/users/${member.user.id}`, admin.token, {
      version: record.version,
      clearance: 'OPEN',
    });
    expect(lowered.status).toBe(200);
    // Written right after the change commits: the socket must already be out of the CONFIDENTIAL room.
    const confidential = await app.createItem(chair.token, committeeId, { title: 'Confidential after', classification: 'CONFIDENTIAL' });
    const open = await app.createItem(chair.token, committeeId, { title: 'Open after' });
    expect((await told).change).toEqual({ reason: 'clearance-changed', committeeId: null, clearance: 'OPEN' });
    await client.waitFor((events) => events.some((e) => e.entityId === open.id));
    expect(client.events.map((e) => e.entityId)).not.toContain(confidential.id);
    // The member event itself carries no clearance to anyone.
    expect(JSON.stringify(client.events)).not.toContain('CONFIDENTIAL');
  });

  it("should close a deactivated user's sockets and refuse their token", async () => {
    const mida = await app.login('mida');
    const client = await subscribed(mida);
    const users = await app.request<AdminUser[]>('GET', '/api/admin/users', admin.token);
    const record = users.body.find((user) => user.id === mida.user.id) as AdminUser;
    const told = nextAccessChange(client);
    const closed = new Promise<string>((resolve) => client.socket.once('disconnect', resolve));
    const result = await app.request('PATCH', `/api/admin/users/${mida.user.id}`, admin.token, { version: record.version, active: false });
    expect(result.status).toBe(200);
    expect((await told).change).toEqual({ reason: 'deactivated', committeeId: null });
    expect(await closed).toBe('io server disconnect');
    expect((await app.request('GET', '/api/committees', mida.token)).status).toBe(401);
  });

  it('should sign a user out everywhere when an administrator resets their password', async () => {
    const secretariat = await app.login('secretariat');
    const other = await app.login('observer');
    const reset = await app.request('POST', `/api/admin/users/${secretariat.user.id}/password`, admin.token, {
      password: 'a-new-long-password',
    });
    expect(reset.status).toBe(200);
    expect((await app.request('GET', '/api/committees', secretariat.token)).status).toBe(401);
    expect((await app.request('POST', '/api/auth/refresh', undefined, { refreshToken: secretariat.refreshToken })).status).toBe(401);
    expect((await app.request('GET', '/api/committees', other.token)).status).toBe(200); // positive control
  });

  it('should keep the members list live for those who stay', async () => {
    const observer = await app.login('observer');
    const watcher = await subscribed(observer);
    const mosti = (await app.request<Member[]>('GET', `/api/committees/${committeeId}/members`, chair.token)).body.find((m) =>
      m.name.includes('MOSTI'),
    ) as Member;
    const changed = await app.request('PUT', `/api/committees/${committeeId}/members/${mosti.userId}`, chair.token, { role: 'observer' });
    expect(changed.status).toBe(200);
    const events = await watcher.waitFor((received) => received.some((e) => e.type === 'member.updated' && e.entityId === mosti.userId));
    const event = events.find((e) => e.type === 'member.updated' && e.entityId === mosti.userId);
    expect(event?.data).toMatchObject({ userId: mosti.userId, role: 'observer' });
    expect(event?.data).not.toHaveProperty('clearance');
  });
});
