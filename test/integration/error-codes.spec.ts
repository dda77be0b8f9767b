import { beforeAll, describe, expect, it } from '@jest/globals';
import type { ActionItem, ApiError } from '@sidang/shared';
import { demoSuite } from './support/demo-suite.js';

/** Every 4xx carries `statusCode` and `message`; invalid input names each field with a stable code. */
describe('error codes', () => {
  const demo = demoSuite(['chair']);
  let item: ActionItem;

  beforeAll(async () => {
    item = await demo.app.createItem(demo.chair.token, demo.committeeId, { title: 'Codes target' });
    // Every refusal met here (4xx) must be the shared error shape.
    demo.app.checkErrorBodies = true;
  });

  const create = (body: unknown) =>
    demo.app.request<ApiError>('POST', `/api/committees/${demo.committeeId}/action-items`, demo.chair.token, body);
  const issueOf = (body: ApiError, field: string) => body.issues?.find((issue) => issue.field === field);

  it.each([
    ['title', 'required', { title: '   ' }],
    ['title', 'required', { description: 'no title' }],
    ['title', 'too_long', { title: 'x'.repeat(301) }],
    ['ownerIds', 'too_many', { title: 't', ownerIds: Array.from({ length: 51 }, () => crypto.randomUUID()) }],
    ['dueDate', 'invalid_format', { title: 't', dueDate: '2025-02-30' }],
    ['classification', 'invalid_value', { title: 't', classification: 'TOP' }],
    ['colour', 'unknown_field', { title: 't', colour: 'red' }],
    ['title', 'invalid_type', { title: 5 }],
  ])('should name %s with the code %s', async (field, code, body) => {
    const result = await create(body);
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ statusCode: 400, code: 'invalid_input', message: expect.stringContaining(field) });
    expect(issueOf(result.body, field)).toEqual(expect.objectContaining({ field, path: field, code, message: expect.any(String) }));
  });

  it('should carry the limit of a too_long issue for the client to word', async () => {
    const result = await create({ title: 'x'.repeat(301) });
    expect(issueOf(result.body, 'title')?.params).toMatchObject({ max: 300 });
  });

  it('should give domain errors a top-level code', async () => {
    const notMembers = await create({ title: 't', ownerIds: [crypto.randomUUID()] });
    expect(notMembers.status).toBe(400);
    expect(notMembers.body).toMatchObject({ code: 'not_members' });
    expect(issueOf(notMembers.body, 'ownerIds')).toMatchObject({ code: 'not_members' });

    await demo.app.request('PATCH', `/api/action-items/${item.id}`, demo.chair.token, { version: item.version, title: 'moved on' });
    const stale = await demo.app.request<ApiError>('PATCH', `/api/action-items/${item.id}`, demo.chair.token, {
      version: item.version,
      title: 'late',
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ statusCode: 409, code: 'stale_version', message: expect.any(String), current: expect.any(Object) });

    const missing = await demo.app.request<ApiError>('GET', `/api/action-items/${crypto.randomUUID()}`, demo.chair.token);
    expect(missing.body).toMatchObject({ statusCode: 404, code: 'not_found' });
    const anonymous = await demo.app.request<ApiError>('GET', '/api/committees');
    expect(anonymous.body).toMatchObject({ statusCode: 401, code: 'unauthorized' });
    const badParam = await demo.app.request<ApiError>('GET', '/api/action-items/not-a-uuid', demo.chair.token);
    expect(badParam.body).toMatchObject({ statusCode: 400, code: 'invalid_input' });
    expect(issueOf(badParam.body, 'id')).toMatchObject({ code: 'invalid_format' });
    const badJson = await demo.app.request<ApiError>(
      'POST',
      `/api/committees/${demo.committeeId}/action-items`,
      demo.chair.token,
      '{"title":',
    );
    expect(badJson.body).toMatchObject({ statusCode: 400, code: 'invalid_json' });
  });

  it('should name an unknown query parameter with unknown_field', async () => {
    const result = await demo.app.request<ApiError>('GET', `/api/committees/${demo.committeeId}/action-items?sort=title`, demo.chair.token);
    expect(result.status).toBe(400);
    expect(issueOf(result.body, 'sort')).toMatchObject({ code: 'unknown_field' });
    expect(result.body).toMatchObject({ statusCode: 400, code: 'unknown_query_key' });
  });

  it('should answer a meeting edit that changes nothing with nothing_to_change, naming the field with its code', async () => {
    const meeting = await demo.app.request<{ id: string; version: number }>(
      'POST',
      `/api/committees/${demo.committeeId}/meetings`,
      demo.chair.token,
      {
        status: 'scheduled',
        title: 'Nothing to change',
        startsAt: '2026-03-02T09:00:00+08:00',
      },
    );
    expect(meeting.status).toBe(201);
    const result = await demo.app.request<ApiError>('PATCH', `/api/meetings/${meeting.body.id}`, demo.chair.token, {
      version: meeting.body.version,
    });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ statusCode: 400, code: 'nothing_to_change' });
    expect(result.body.issues).toEqual([
      expect.objectContaining({ field: 'body', code: 'nothing_to_change', message: expect.any(String) }),
    ]);
  });

  it('should answer the same mistake with the same code on every record type', async () => {
    const meeting = await demo.app.request<{ id: string; version: number }>(
      'POST',
      `/api/committees/${demo.committeeId}/meetings`,
      demo.chair.token,
      {
        status: 'scheduled',
        title: 'Same mistake',
        startsAt: '2026-03-03T09:00:00+08:00',
      },
    );
    const negotiation = await demo.app.request<{ id: string; version: number }>(
      'POST',
      `/api/committees/${demo.committeeId}/negotiations`,
      demo.chair.token,
      {
        title: 'Same mistake',
      },
    );
    const fresh = await demo.app.createItem(demo.chair.token, demo.committeeId, { title: 'Same mistake' });
    const records = [
      { type: 'action item', path: `/api/action-items/${fresh.id}`, version: fresh.version, edit: { title: 'edited' } },
      { type: 'meeting', path: `/api/meetings/${meeting.body.id}`, version: meeting.body.version, edit: { title: 'edited' } },
      {
        type: 'negotiation',
        path: `/api/negotiations/${negotiation.body.id}`,
        version: negotiation.body.version,
        edit: { title: 'edited' },
      },
    ];
    for (const { type, path, version, edit } of records) {
      const nothing = await demo.app.request<ApiError>('PATCH', path, demo.chair.token, { version });
      expect({ type, status: nothing.status, code: nothing.body.code, issue: nothing.body.issues?.[0]?.code }).toEqual({
        type,
        status: 400,
        code: 'nothing_to_change',
        issue: 'nothing_to_change',
      });
      const edited = await demo.app.request<{ version: number }>('PATCH', path, demo.chair.token, { version, ...edit });
      expect({ type, status: edited.status }).toEqual({ type, status: 200 });
      const stale = await demo.app.request<ApiError>('PATCH', path, demo.chair.token, { version, ...edit });
      expect({ type, status: stale.status, code: stale.body.code }).toEqual({ type, status: 409, code: 'stale_version' });
      const missing = await demo.app.request<ApiError>('GET', path.replace(/[^/]+$/, crypto.randomUUID()), demo.chair.token);
      expect({ type, status: missing.status, code: missing.body.code }).toEqual({ type, status: 404, code: 'not_found' });
    }
  });
});

/** PostgreSQL refuses U+0000 in text; the schemas refuse it first, with a 400 naming the field. */
describe('NUL bytes', () => {
  const demo = demoSuite(['chair']);
  let item: ActionItem;

  beforeAll(async () => {
    item = await demo.app.createItem(demo.chair.token, demo.committeeId, { title: 'NUL target' });
  });

  const expectNul = (result: { status: number; body: unknown }, field: string) => {
    expect(result.status).toBe(400);
    const body = result.body as ApiError;
    expect(body.message).toContain(field);
    expect(body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ field, code: 'nul_byte' })]));
  };

  it('should refuse a NUL in a created title, description and agency', async () => {
    const base = `/api/committees/${demo.committeeId}/action-items`;
    expectNul(await demo.app.request('POST', base, demo.chair.token, { title: 'a\u0000b' }), 'title');
    expectNul(await demo.app.request('POST', base, demo.chair.token, { title: 'ok', description: '\u0000' }), 'description');
    expectNul(await demo.app.request('POST', base, demo.chair.token, { title: 'ok', ownerAgencies: ['JM\u0000G'] }), 'ownerAgencies.0');
  });

  it('should refuse a NUL in an edit and in a progress update', async () => {
    expectNul(
      await demo.app.request('PATCH', `/api/action-items/${item.id}`, demo.chair.token, { version: item.version, title: 'x\u0000' }),
      'title',
    );
    expectNul(await demo.app.request('POST', `/api/action-items/${item.id}/updates`, demo.chair.token, { body: 'progress\u0000' }), 'body');
  });

  it('should refuse a NUL in a query value', async () => {
    expectNul(await demo.app.request('GET', `/api/committees/${demo.committeeId}/action-items?agency=JM%00G`, demo.chair.token), 'agency');
  });

  it('should refuse a NUL in the sign-in e-mail and password', async () => {
    expectNul(
      await demo.app.request('POST', '/api/auth/login', undefined, { email: 'chair@demo.sidang.my', password: 'x\u0000' }),
      'password',
    );
    expectNul(await demo.app.request('PATCH', '/api/auth/me', demo.chair.token, { locale: 'en\u0000' }), 'locale');
  });

  it('should keep the record unchanged after refused NULs', async () => {
    const stored = await demo.app.request<ActionItem>('GET', `/api/action-items/${item.id}`, demo.chair.token);
    expect(stored.body).toMatchObject({ title: 'NUL target', version: item.version });
  });
});
