import { describe, expect, it } from '@jest/globals';
import type { ActionItem, LoginResponse } from '@sidang/shared';
import { sql } from './support/db.js';
import { demoSuite } from './support/demo-suite.js';

describe('HTTP contract', () => {
  const demo = demoSuite(['chair', 'member', 'observer']);

  it('should report health once the database answers', async () => {
    expect(await demo.app.request('GET', '/api/health')).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok' }) });
  });

  it('should publish an OpenAPI 3 document of every endpoint', async () => {
    const { status, body } = await demo.app.request<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
      'GET',
      '/api/openapi.json',
    );
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\./);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/auth/login',
        '/api/committees',
        '/api/committees/{committeeId}/action-items',
        '/api/action-items/{id}',
        '/api/action-items/{id}/updates',
        '/api/committees/{committeeId}/events',
      ]),
    );
    expect(Object.keys(body.paths['/api/action-items/{id}'] ?? {}).sort()).toEqual(['delete', 'get', 'patch']);
  });

  it('should sign in the demo accounts and refuse wrong credentials with 401', async () => {
    const ok = await demo.app.request<LoginResponse>('POST', '/api/auth/login', undefined, {
      email: 'Observer@Demo.Sidang.my',
      password: 'sidang-demo',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ accessToken: expect.any(String), user: { email: 'observer@demo.sidang.my', clearance: 'OPEN' } });
    expect(JSON.stringify(ok.body)).not.toMatch(/password|argon/i);
    for (const body of [
      { email: 'chair@demo.sidang.my', password: 'wrong' },
      { email: 'nobody@demo.sidang.my', password: 'sidang-demo' },
    ]) {
      const refused = await demo.app.request('POST', '/api/auth/login', undefined, body);
      expect(refused).toEqual({ status: 401, body: expect.objectContaining({ statusCode: 401, message: expect.any(String) }) });
    }
  });

  it('should slow down password guessing on one account with 429', async () => {
    const guess = () => demo.app.request('POST', '/api/auth/login', undefined, { email: 'secretariat@demo.sidang.my', password: 'guess' });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await guess()).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    const limited = await guess();
    expect(limited.body).toEqual(expect.objectContaining({ statusCode: 429, message: expect.stringMatching(/Too many/) }));
    // Another account from the same address is not affected.
    expect(
      (await demo.app.request('POST', '/api/auth/login', undefined, { email: 'chair@demo.sidang.my', password: 'sidang-demo' })).status,
    ).toBe(200);
  });

  it('should seed a realistic demo committee', async () => {
    const { body } = await demo.app.request<ActionItem[]>('GET', `/api/committees/${demo.committeeId}/action-items`, demo.chair.token);
    expect(body.length).toBeGreaterThanOrEqual(12);
    expect(new Set(body.map((i) => i.status)).size).toBe(5);
    expect(new Set(body.map((i) => i.classification)).size).toBe(4);
    const overdue = await demo.app.request<ActionItem[]>(
      'GET',
      `/api/committees/${demo.committeeId}/action-items?overdue=true`,
      demo.chair.token,
    );
    expect(overdue.body.length).toBeGreaterThan(0);
    const notOverdue = await demo.app.request<ActionItem[]>(
      'GET',
      `/api/committees/${demo.committeeId}/action-items?overdue=false`,
      demo.chair.token,
    );
    expect(overdue.body.length + notOverdue.body.length).toBe(body.length);
  });

  it('should filter by status, owner and agency', async () => {
    const blocked = await demo.app.request<ActionItem[]>(
      'GET',
      `/api/committees/${demo.committeeId}/action-items?status=blocked&status=done`,
      demo.chair.token,
    );
    expect(blocked.body.length).toBeGreaterThan(0);
    expect(blocked.body.every((i) => ['blocked', 'done'].includes(i.status))).toBe(true);
    const mine = await demo.app.request<ActionItem[]>(
      'GET',
      `/api/committees/${demo.committeeId}/action-items?owner=me`,
      demo.member.token,
    );
    expect(mine.body.length).toBeGreaterThan(0);
    expect(mine.body.every((i) => i.ownerIds.includes(demo.member.user.id) || i.ownerAgencies.includes('JMG'))).toBe(true);
    const jmg = await demo.app.request<ActionItem[]>(
      'GET',
      `/api/committees/${demo.committeeId}/action-items?agency=JMG`,
      demo.chair.token,
    );
    expect(jmg.body.every((i) => i.ownerAgencies.includes('JMG'))).toBe(true);
  });

  it('should let only the chair and secretariat create, and refuse classifying above one’s clearance', async () => {
    for (const session of [demo.member, demo.observer]) {
      const refused = await demo.app.request('POST', `/api/committees/${demo.committeeId}/action-items`, session.token, {
        title: 'Not allowed',
      });
      expect(refused.status).toBe(403);
    }
    const memberCreatesNothing = await demo.app.request<ActionItem[]>(
      'GET',
      `/api/committees/${demo.committeeId}/action-items`,
      demo.chair.token,
    );
    expect(memberCreatesNothing.body.some((i) => i.title === 'Not allowed')).toBe(false);
    const created = await demo.app.createItem(demo.chair.token, demo.committeeId, { title: 'Chair may', ownerIds: [demo.member.user.id] });
    expect(created).toMatchObject({ version: 1, status: 'open', priority: 'medium', classification: 'OPEN', dueDate: null });
    const notMember = await demo.app.request<{ message: string }>(
      'POST',
      `/api/committees/${demo.committeeId}/action-items`,
      demo.chair.token,
      {
        title: 'x',
        ownerIds: ['00000000-0000-4000-8000-000000000000'],
      },
    );
    expect(notMember.status).toBe(400);
    expect(notMember.body.message).toMatch(/ownerIds/);
  });

  it('should let an owner move the status of their own item, and nothing else', async () => {
    const owned = await demo.app.createItem(demo.chair.token, demo.committeeId, { title: 'JMG to report', ownerAgencies: ['JMG'] });
    const notOwned = await demo.app.createItem(demo.chair.token, demo.committeeId, { title: 'MIDA to report', ownerAgencies: ['MIDA'] });
    const status = await demo.app.request<ActionItem>('PATCH', `/api/action-items/${owned.id}`, demo.member.token, {
      version: 1,
      status: 'done',
    });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ status: 'done', version: 2 });
    const title = await demo.app.request('PATCH', `/api/action-items/${owned.id}`, demo.member.token, {
      version: 2,
      title: 'Renamed by member',
    });
    expect(title.status).toBe(403);
    const other = await demo.app.request('PATCH', `/api/action-items/${notOwned.id}`, demo.member.token, { version: 1, status: 'done' });
    expect(other.status).toBe(403);
    const observerTry = await demo.app.request('PATCH', `/api/action-items/${owned.id}`, demo.observer.token, {
      version: 2,
      status: 'open',
    });
    expect(observerTry.status).toBe(403);
    const deleteTry = await demo.app.request('DELETE', `/api/action-items/${owned.id}?version=2`, demo.member.token);
    expect(deleteTry.status).toBe(403);
    const empty = await demo.app.request<{ message: string }>('PATCH', `/api/action-items/${owned.id}`, demo.chair.token, { version: 2 });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toMatch(/^body: /);
  });

  it('should keep a progress thread that members may post to and observers may only read', async () => {
    const item = await demo.app.createItem(demo.chair.token, demo.committeeId, { title: 'Thread item' });
    const posted = await demo.app.request('POST', `/api/action-items/${item.id}/updates`, demo.member.token, { body: 'Site visit done' });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ body: 'Site visit done', authorId: demo.member.user.id, authorName: demo.member.user.name });
    expect((await demo.app.request('POST', `/api/action-items/${item.id}/updates`, demo.observer.token, { body: 'Hi' })).status).toBe(403);
    expect((await demo.app.request('POST', `/api/action-items/${item.id}/updates`, demo.member.token, { body: '   ' })).status).toBe(400);
    const thread = await demo.app.request<unknown[]>('GET', `/api/action-items/${item.id}/updates`, demo.observer.token);
    expect(thread.body).toEqual([expect.objectContaining({ body: 'Site visit done' })]);
  });

  it('should persist the language choice', async () => {
    const changed = await demo.app.request('PATCH', '/api/auth/me', demo.observer.token, { locale: 'ms' });
    expect(changed.body).toMatchObject({ locale: 'ms' });
    expect((await demo.app.request('GET', '/api/auth/me', demo.observer.token)).body).toMatchObject({ locale: 'ms' });
    expect((await demo.app.request('PATCH', '/api/auth/me', demo.observer.token, { locale: 'fr' })).status).toBe(400);
  });

  it('should have a schema that matches the entities exactly (migrations are complete)', async () => {
    const { dataSource } = sql(demo.app);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });
});
