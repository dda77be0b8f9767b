import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ActionItem } from '@sidang/shared';
import fc from 'fast-check';
import { assertErrorBody, type Session, TestApp } from './support/harness.js';

/** Fixed seed: a failure replays the same requests. */
const SEED = 20_261_129;

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}

interface Operation {
  parameters?: Array<{ name: string; in: 'path' | 'query'; required?: boolean; schema: JsonSchema }>;
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, unknown>;
  security?: unknown[];
}

type Document = { paths: Record<string, Record<string, Operation>> };

interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/**
 * The routes the app registered with express (Nest's controllers), as `METHOD /api/path/:param`.
 * Read from the router rather than the document, so the two can be compared both ways.
 */
function registeredRoutes(app: TestApp): string[] {
  const express = app.app.getHttpAdapter().getInstance() as { router?: { stack: RouterLayer[] }; _router?: { stack: RouterLayer[] } };
  const stack = (express.router ?? express._router)?.stack ?? [];
  const routes = stack.flatMap(({ route }) => {
    if (!route) return [];
    const paths = Array.isArray(route.path) ? route.path : [route.path];
    const methods = Object.keys(route.methods).filter((method) => method !== '_all' && route.methods[method]);
    return paths.flatMap((path) => methods.map((method) => `${method.toUpperCase()} ${path}`));
  });
  return [...new Set(routes)].filter((route) => route.includes(' /api/')).sort();
}

/** `/api/items/{id}` → `/api/items/:id`, the router's spelling. */
const routerPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');

/**
 * A value the schema accepts, kept minimal: only required properties (plus what minProperties
 * asks for), empty arrays where allowed, short printable strings.
 */
function minimal(schema: JsonSchema): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map(minimal));
  if (schema.allOf?.[0]) return minimal(schema.allOf[0]);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  let value: fc.Arbitrary<unknown>;
  switch (schema.type) {
    case 'string': {
      const min = Math.max(schema.minLength ?? 0, 1);
      const max = Math.min(schema.maxLength ?? 40, min + 20);
      if (schema.pattern) value = fc.stringMatching(new RegExp(schema.pattern));
      else if (schema.format === 'uuid') value = fc.uuid();
      else if (schema.format === 'email')
        value = fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 1, maxLength: 20 }).map((local) => `${local}@example.org`);
      else if (schema.format === 'date')
        value = fc
          .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10));
      else if (schema.format === 'date-time')
        value = fc.date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2099-12-31') }).map((d) => d.toISOString());
      else value = fc.string({ unit: fc.constantFrom(...ALNUM), minLength: min, maxLength: max });
      break;
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : 0);
      value = fc.integer({ min, max: Math.min(schema.maximum ?? min + 1000, min + 1000) });
      break;
    }
    case 'boolean':
      value = fc.boolean();
      break;
    case 'array':
      value = fc.constant([]);
      if ((schema.minItems ?? 0) > 0 && schema.items)
        value = fc.array(minimal(schema.items), { minLength: schema.minItems, maxLength: schema.minItems });
      break;
    case 'object': {
      const properties = schema.properties ?? {};
      const required = schema.required ?? [];
      const optional = Object.keys(properties).filter((key) => !required.includes(key));
      const extra = Math.max(0, (schema.minProperties ?? 0) - required.length);
      value = fc
        .shuffledSubarray(optional, { minLength: Math.min(extra, optional.length), maxLength: Math.min(extra, optional.length) })
        .chain((chosen) => fc.record(Object.fromEntries([...required, ...chosen].map((key) => [key, minimal(properties[key] ?? {})]))));
      break;
    }
    default:
      value = fc.constant('x');
  }
  return schema.nullable ? fc.oneof(value, fc.constant(null)) : value;
}

describe('the OpenAPI document agrees with the server', () => {
  let app: TestApp;
  let chair: Session;
  let doc: Document;
  let item: ActionItem;
  let committeeId: string;

  beforeAll(async () => {
    app = await TestApp.start();
    chair = await app.login('chair');
    committeeId = (await app.committees(chair.token)).main.id;
    item = await app.createItem(chair.token, committeeId, { title: 'OpenAPI target' });
    doc = (await app.request<Document>('GET', '/api/openapi.json')).body;
    // Every refusal met below (4xx) must be the shared error shape.
    app.checkErrorBodies = true;
  });

  afterAll(async () => {
    await app.close();
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );

  it('should document every route the app serves, and serve every route it documents', () => {
    const registered = registeredRoutes(app);
    const documented = operations()
      .map(({ path, method }) => `${method.toUpperCase()} ${routerPath(path)}`)
      .sort();
    // Positive control: the enumeration sees the controllers at all.
    expect(registered).toContain('GET /api/action-items/:id');
    // A documented route with no controller would otherwise pass the checks below as a 404.
    expect({ documentedButNotServed: documented.filter((route) => !registered.includes(route)) }).toEqual({ documentedButNotServed: [] });
    expect({ servedButNotDocumented: registered.filter((route) => !documented.includes(route)) }).toEqual({ servedButNotDocumented: [] });
  });

  it('should mark every request body required, and describe the sign-in e-mail as an e-mail', () => {
    for (const { path, method, operation } of operations()) {
      if (operation.requestBody)
        expect({ path, method, required: operation.requestBody.required }).toEqual({ path, method, required: true });
    }
    const login = doc.paths['/api/auth/login']?.post?.requestBody?.content['application/json']?.schema;
    expect(login?.properties?.email).toMatchObject({ format: 'email', maxLength: 254 });
  });

  it('should not document a query parameter as nullable when null is refused', () => {
    const after = doc.paths['/api/committees/{committeeId}/events']?.get?.parameters?.find((p) => p.name === 'after');
    expect(after?.schema.nullable).not.toBe(true);
  });

  it('should document the refusals each operation can give', () => {
    for (const { path, method, operation } of operations()) {
      const documented = Object.keys(operation.responses);
      const expected = [
        ...(operation.security?.length ? ['401'] : []),
        ...(operation.requestBody ? ['400', '413', '415'] : []),
        ...(operation.parameters?.length ? ['400'] : []),
        ...(operation.parameters?.some((p) => p.in === 'path') ? ['404'] : []),
        ...(path === '/api/auth/login' ? ['429'] : []),
      ];
      expect({ path, method, missing: expected.filter((status) => !documented.includes(status)) }).toEqual({ path, method, missing: [] });
    }
  });

  it('should accept a minimal valid request of every operation and answer only documented statuses', async () => {
    const known: Record<string, string> = { committeeId, id: item.id, code: 'MY', entityType: 'action-item', fileVersion: '1' };
    for (const { path, method, operation } of operations()) {
      const body = operation.requestBody?.content['application/json']?.schema;
      // Uploads (multipart: a file beside the fields) have their own suite (papers.spec.ts).
      if (operation.requestBody && !body) continue;
      const query = (operation.parameters ?? []).filter((p) => p.in === 'query');
      const request = fc.record({
        body: body ? minimal(body) : fc.constant(undefined),
        query: fc.record(Object.fromEntries(query.filter((p) => p.required).map((p) => [p.name, minimal(p.schema)]))),
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ body: sent, query: values }) => {
          const url = path.replace(/\{(\w+)\}/g, (_, name: string) => known[name] ?? crypto.randomUUID());
          const search = new URLSearchParams(Object.entries(values).map(([k, v]) => [k, String(v)])).toString();
          // Signing out ends the session it is sent with: those get a session of their own.
          const token = /logout/.test(path) ? (await app.login('observer')).token : operation.security?.length ? chair.token : undefined;
          const result = await app.request(method.toUpperCase(), `${url}${search ? `?${search}` : ''}`, token, sent);
          const where = `${method.toUpperCase()} ${path} ${JSON.stringify(sent)} → ${result.status} ${JSON.stringify(result.body)}`;
          expect({ where, refused: result.status === 400 }).toEqual({ where, refused: false });
          // A 404 is a record that is not there, never a route that is not served.
          const routeMissing = result.status === 404 && /^Cannot /.test(String((result.body as { message?: unknown })?.message));
          expect({ where, routeMissing }).toEqual({ where, routeMissing: false });
          expect({ where, documented: Object.keys(operation.responses).includes(String(result.status)) }).toEqual({
            where,
            documented: true,
          });
        }),
        { seed: SEED, numRuns: /logout/.test(path) ? 2 : 4 },
      );
    }
  }, 120_000);

  it('should answer 405 with Allow for a method a known path does not have, TRACE included', async () => {
    for (const [path, methods] of Object.entries(doc.paths)) {
      const url = `${app.url}${path.replace(/\{(\w+)\}/g, () => crypto.randomUUID())}`;
      for (const method of ['TRACE', 'PUT']) {
        if (methods[method.toLowerCase()]) continue;
        // fetch refuses to send TRACE: a plain HTTP request does.
        const response = await new Promise<{ status: number; allow: string; body: string }>((resolve, reject) => {
          const outgoing = httpRequest(url, { method, headers: { authorization: `Bearer ${chair.token}` } }, (incoming) => {
            let body = '';
            incoming.setEncoding('utf8');
            incoming.on('data', (chunk: string) => {
              body += chunk;
            });
            incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, allow: String(incoming.headers.allow ?? ''), body }));
          });
          outgoing.on('error', reject);
          outgoing.end();
        });
        expect({ path, method, status: response.status }).toEqual({ path, method, status: 405 });
        assertErrorBody(method, path, response.status, JSON.parse(response.body));
        const allow = response.allow.split(',').map((m) => m.trim().toLowerCase());
        expect(allow).toEqual(expect.arrayContaining(Object.keys(methods)));
      }
    }
  });

  it('should answer 415 for a body that is not JSON', async () => {
    const response = await fetch(`${app.url}/api/committees/${committeeId}/action-items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${chair.token}`, 'content-type': 'text/plain' },
      body: 'title=hello',
    });
    expect(response.status).toBe(415);
    const body: unknown = await response.json();
    assertErrorBody('POST', '/api/committees/:committeeId/action-items', 415, body);
    expect(body).toMatchObject({ statusCode: 415, code: 'unsupported_media_type' });
  });
  it('should answer every served route, documented or not, with the shared error shape when it refuses', async () => {
    for (const route of registeredRoutes(app)) {
      const [method = 'GET', path = ''] = route.split(' ');
      if (/logout/.test(path)) continue; // ends the session it is sent with
      // Ids of nothing: the refusals are the point, and no write lands on the records the suite uses.
      const url = path.replace(/:(\w+)/g, () => crypto.randomUUID());
      for (const token of [undefined, chair.token]) {
        // A query parameter no route knows, and (for writes) an empty JSON body: each refusal is checked by the harness.
        const result = await app.request(
          method,
          `${url}?unknownQueryKey=1`,
          token,
          method === 'GET' || method === 'DELETE' ? undefined : {},
        );
        expect({ route, status: result.status < 500 }).toEqual({ route, status: true });
      }
    }
  }, 120_000);
});
