import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ActionItem, AdminUser, ApiError, CalendarFeed, LoginResponse, Meeting, Member } from '@sidang/shared';
import { aCommittee, aMembership, aUser, type TestUser, unique } from './support/factories.js';
import { type HttpResult, type Session, TestApp } from './support/harness.js';

const PASSWORD = 'a long enough password';

/** Issue 14, points 7 and 8: nobody raises their own access, feed URLs end with the credential, nothing classified is cached. */
describe('self changes, feed rotation and no-store', () => {
  let app: TestApp;
  /** An administrator made by the factory. */
  let admin: TestUser;
  /** A second administrator, created through the API by the first. */
  let second: Session & { id: string };
  let committee: { id: string; code: string };
  let chair: TestUser;
  let meeting: Meeting;
  let marker: string;

  const users = async (token: string): Promise<AdminUser[]> => {
    const result = await app.request<AdminUser[]>('GET', '/api/admin/users', token);
    expect(result.status).toBe(200);
    return result.body;
  };
  const account = async (id: string): Promise<AdminUser> => (await users(second.token)).find((user) => user.id === id) as AdminUser;
  const patchUser = async (token: string, id: string, fields: Record<string, unknown>): Promise<HttpResult<AdminUser & ApiError>> =>
    app.request('PATCH', `/api/admin/users/${id}`, token, { version: (await account(id)).version, ...fields });
  const members = async (): Promise<Member[]> =>
    (await app.request<Member[]>('GET', `/api/admin/committees/${committee.id}/members`, second.token)).body;
  const login = async (email: string, password: string): Promise<Session> => {
    const result = await app.request<LoginResponse>('POST', '/api/auth/login', undefined, { email, password });
    expect(result.status).toBe(200);
    return { ...result.body, token: result.body.accessToken };
  };
  const feedUrl = async (token: string): Promise<string> => {
    const result = await app.request<CalendarFeed>('GET', '/api/me/calendar-feed', token);
    expect(result.status).toBe(200);
    return result.body.url;
  };
  /** The feed with no bearer token: the URL is the credential. */
  const readFeed = async (url: string): Promise<{ status: number; text: string; cacheControl: string | null }> => {
    const response = await fetch(url);
    // Unfolded: iCalendar folds lines longer than 75 octets, which could split a marker.
    const text = (await response.text()).replace(/\r?\n[ \t]/g, '');
    return { status: response.status, text, cacheControl: response.headers.get('cache-control') };
  };
  const expectSelfChange = (result: HttpResult<ApiError>): void => {
    expect(result.status).toBe(403);
    expect(result.body).toEqual(expect.objectContaining({ statusCode: 403, code: 'self_change', message: expect.any(String) }));
  };

  beforeAll(async () => {
    app = await TestApp.start({ SEED_DEMO: 'false' });
    admin = await aUser(app, { isAdmin: true, clearance: 'RESTRICTED' });
    const email = `${unique('second-admin')}@factory.test`;
    const created = await app.request<AdminUser>('POST', '/api/admin/users', admin.token, {
      email,
      name: 'Second administrator',
      agency: 'MITI',
      clearance: 'OPEN',
      isAdmin: true,
      password: PASSWORD,
    });
    expect(created.status).toBe(201);
    second = { ...(await login(email, PASSWORD)), id: created.body.id };
    committee = await aCommittee(app);
    chair = await aUser(app, { clearance: 'SECRET' });
    await aMembership(app, committee, chair, 'chair');
    await aMembership(app, committee, admin, 'member');
    marker = `MARKER-${randomUUID()}`;
    const result = await app.request<Meeting>('POST', `/api/committees/${committee.id}/meetings`, chair.token, {
      status: 'scheduled',
      title: marker,
      startsAt: '2031-05-12T09:30:00+08:00',
      standardAgenda: false,
    });
    expect(result.status).toBe(201);
    meeting = result.body;
  });

  afterAll(async () => {
    await app.close();
  });

  describe('an administrator on their own account', () => {
    it('should refuse their own clearance, administrator flag and active state (403 self_change), and keep the account as it was', async () => {
      for (const fields of [{ clearance: 'SECRET' }, { isAdmin: false }, { isAdmin: true }, { active: false }]) {
        const result = await patchUser(admin.token, admin.id, fields);
        expectSelfChange(result);
        expect(result.body.message).toContain(Object.keys(fields)[0]);
      }
      expect(await account(admin.id)).toMatchObject({ clearance: 'RESTRICTED', isAdmin: true, active: true, version: 1 });
    });

    it('should let them change their own name', async () => {
      const renamed = await patchUser(admin.token, admin.id, { name: 'Renamed administrator' });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ name: 'Renamed administrator', clearance: 'RESTRICTED' });
    });

    it('should let another administrator make the same changes (positive control)', async () => {
      const raised = await patchUser(second.token, admin.id, { clearance: 'SECRET' });
      expect(raised.status).toBe(200);
      expect(raised.body).toMatchObject({ clearance: 'SECRET', isAdmin: true });
      const other = await aUser(app);
      const promoted = await patchUser(second.token, other.id, { isAdmin: true });
      expect(promoted.status).toBe(200);
      expect(promoted.body.isAdmin).toBe(true);
      const demoted = await patchUser(admin.token, other.id, { isAdmin: false });
      expect(demoted.status).toBe(200);
      expect(demoted.body.isAdmin).toBe(false);
    });

    it('should refuse their own membership, added, changed or removed (403 self_change), which another administrator may change', async () => {
      expectSelfChange(
        await app.request('PUT', `/api/committees/${committee.id}/members/${admin.id}`, admin.token, { role: 'secretariat' }),
      );
      expectSelfChange(await app.request('DELETE', `/api/committees/${committee.id}/members/${admin.id}`, admin.token));
      const elsewhere = await aCommittee(app);
      expectSelfChange(await app.request('PUT', `/api/committees/${elsewhere.id}/members/${admin.id}`, admin.token, { role: 'chair' }));
      expect((await members()).find((m) => m.id === admin.id)).toMatchObject({ role: 'member' });
      const byOther = await app.request<Member>('PUT', `/api/committees/${committee.id}/members/${admin.id}`, second.token, {
        role: 'secretariat',
      });
      expect(byOther.status).toBe(200);
      expect((await members()).find((m) => m.id === admin.id)).toMatchObject({ role: 'secretariat' });
      expect(
        (await app.request('PUT', `/api/committees/${elsewhere.id}/members/${admin.id}`, second.token, { role: 'chair' })).status,
      ).toBe(201);
    });
  });

  describe('a chair managing their committee', () => {
    it('should refuse their own membership (403 self_change) and still manage other members', async () => {
      expectSelfChange(await app.request('PUT', `/api/committees/${committee.id}/members/${chair.id}`, chair.token, { role: 'member' }));
      expectSelfChange(await app.request('DELETE', `/api/committees/${committee.id}/members/${chair.id}`, chair.token));
      expect((await members()).find((m) => m.id === chair.id)).toMatchObject({ role: 'chair' });
      const newcomer = await aUser(app);
      expect(
        (await app.request('PUT', `/api/committees/${committee.id}/members/${newcomer.id}`, chair.token, { role: 'member' })).status,
      ).toBe(201);
      expect((await app.request('DELETE', `/api/committees/${committee.id}/members/${newcomer.id}`, chair.token)).status).toBe(204);
    });

    it('should still answer 404, not 403, for a committee the caller is not in', async () => {
      const outside = await aCommittee(app);
      expect((await app.request('PUT', `/api/committees/${outside.id}/members/${chair.id}`, chair.token, { role: 'chair' })).status).toBe(
        404,
      );
    });
  });

  it('should describe the 403 self_change in the OpenAPI document', async () => {
    type Responses = Record<string, { description?: string }>;
    const { body } = await app.request<{ paths: Record<string, Record<string, { responses: Responses }>> }>(
      'GET',
      '/api/openapi.json',
      admin.token,
    );
    const routes: Array<[string, string]> = [
      ['/api/admin/users/{id}', 'patch'],
      ['/api/committees/{committeeId}/members/{userId}', 'put'],
      ['/api/committees/{committeeId}/members/{userId}', 'delete'],
    ];
    for (const [path, method] of routes) {
      expect([path, method, body.paths[path]?.[method]?.responses['403']?.description]).toEqual([
        path,
        method,
        expect.stringContaining('self_change'),
      ]);
    }
  });

  describe('calendar feed URLs', () => {
    it('should end with a password reset by an administrator; the new URL works', async () => {
      const user = await aUser(app, { clearance: 'OPEN' });
      await aMembership(app, committee, user);
      const before = await feedUrl(user.token);
      const served = await readFeed(before);
      expect(served.status).toBe(200);
      expect(served.text).toContain(marker);
      expect(served.cacheControl).toBe('private, no-cache');

      const newPassword = `new ${PASSWORD}`;
      expect((await app.request('POST', `/api/admin/users/${user.id}/password`, second.token, { password: newPassword })).status).toBe(200);
      const old = await readFeed(before);
      expect(old.status).toBe(404);
      expect(old.text).not.toContain(marker);

      const after = await feedUrl((await login(user.email, newPassword)).token);
      expect(after).not.toBe(before);
      const renewed = await readFeed(after);
      expect(renewed.status).toBe(200);
      expect(renewed.text).toContain(marker);
      expect((await readFeed(before)).status).toBe(404);
    });

    it('should end with a deactivation and not come back with the reactivation', async () => {
      const user = await aUser(app, { clearance: 'OPEN' });
      await aMembership(app, committee, user);
      const before = await feedUrl(user.token);
      expect((await readFeed(before)).text).toContain(marker);

      expect((await patchUser(second.token, user.id, { active: false })).status).toBe(200);
      const whileInactive = await readFeed(before);
      expect(whileInactive.status).toBe(404);
      expect(whileInactive.text).not.toContain(marker);

      expect((await patchUser(second.token, user.id, { active: true })).status).toBe(200);
      const reactivated = await readFeed(before);
      expect(reactivated.status).toBe(404);
      expect(reactivated.text).not.toContain(marker);
      // Positive control: the account's next URL serves the feed.
      const after = await feedUrl((await login(user.email, 'factory-password')).token);
      expect(after).not.toBe(before);
      expect((await readFeed(after)).text).toContain(marker);
    });

    it('should keep the URL when the deactivation itself is refused (same transaction)', async () => {
      const user = await aUser(app, { clearance: 'OPEN' });
      await aMembership(app, committee, user);
      const url = await feedUrl(user.token);
      const { version } = await account(user.id);
      expect((await patchUser(second.token, user.id, { name: 'Moved on' })).status).toBe(200);
      const stale = await app.request('PATCH', `/api/admin/users/${user.id}`, second.token, { version, active: false });
      expect(stale.status).toBe(409);
      const kept = await readFeed(url);
      expect(kept.status).toBe(200);
      expect(kept.text).toContain(marker);
    });
  });

  describe('Cache-Control of JSON answers', () => {
    it('should send no-store on every record answer, and on errors that carry or deny records', async () => {
      const item = await app.request<ActionItem>('POST', `/api/committees/${committee.id}/action-items`, chair.token, {
        title: `Cached ${marker}`,
      });
      expect(item.status).toBe(201);
      const negotiation = await app.request('POST', `/api/committees/${committee.id}/negotiations`, chair.token, {
        title: `Negotiation ${marker}`,
      });
      expect(negotiation.status).toBe(201);
      const paths = [
        `/api/committees/${committee.id}/action-items`,
        `/api/action-items/${item.body.id}`,
        `/api/committees/${committee.id}/meetings`,
        `/api/meetings/${meeting.id}`,
        `/api/committees/${committee.id}/negotiations`,
        `/api/search?q=Cached&committeeId=${committee.id}`,
        `/api/committees/${committee.id}/events?after=0`,
        `/api/committees/${committee.id}/activity`,
        '/api/committees',
        `/api/meetings/${meeting.id}/minutes`,
        '/api/auth/me',
      ];
      for (const path of paths) {
        const response = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${chair.token}` } });
        expect([path, response.status, response.headers.get('content-type')]).toEqual([path, 200, expect.stringContaining('json')]);
        expect([path, response.headers.get('cache-control')]).toEqual([path, expect.stringContaining('no-store')]);
      }
      // A stale write answers with the stored record under `current`: not cached either.
      const stale = await fetch(`${app.url}/api/action-items/${item.body.id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${chair.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ version: 99, title: 'late' }),
      });
      expect(stale.status).toBe(409);
      expect(stale.headers.get('cache-control')).toContain('no-store');
      const missing = await fetch(`${app.url}/api/action-items/${randomUUID()}`, { headers: { authorization: `Bearer ${chair.token}` } });
      expect(missing.status).toBe(404);
      expect(missing.headers.get('cache-control')).toContain('no-store');
    });
  });
});
