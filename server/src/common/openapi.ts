import { apiErrorSchema, deleteVersionSchema } from '@sidang/shared';
import { z } from 'zod';

/**
 * Routes describe themselves here from the same shared zod schemas that validate them; the
 * document is generated with zod's own JSON Schema output (`z.toJSONSchema`, OpenAPI 3.0
 * dialect, the *input* side: what a client may send), so it cannot drift from what the server
 * accepts. The route list also tells the app which methods each path has (405 + Allow).
 */
interface Route {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** How the body is sent: JSON unless named (an upload is `multipart/form-data`). */
  bodyMediaType?: 'application/json' | 'multipart/form-data';
  /** The success answer when it is not JSON (a download): its media type. */
  responseMediaType?: string;
  response?: z.ZodType;
  status?: number;
  extraErrors?: Record<number, string>;
  public?: boolean;
}

const routes: Route[] = [];

/** Registers one route (`:param` paths, as Nest writes them). */
export function describeRoute(route: Route): void {
  routes.push(route);
}

export const idParams = z.object({ id: z.uuid() });
export const committeeParams = z.object({ committeeId: z.uuid() });

/** A route of one tag's file: `describeTag` fills the tag in. */
export type TaggedRoute = Omit<Route, 'tag'>;

/** `describeRoute` for the routes of one tag: each *.openapi.ts describes its routes with one. */
export function describeTag(tag: string): (route: TaggedRoute) => void {
  return (route) => describeRoute({ ...route, tag });
}

/** One tag's routes by path, then method, as the OpenAPI document itself is laid out. */
export type TaggedPaths = Record<string, Partial<Record<Route['method'], Omit<TaggedRoute, 'method' | 'path'>>>>;

/** `describeRoute` for each route of one tag's table of paths. */
export function describePaths(tag: string, paths: TaggedPaths): void {
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, route] of Object.entries(methods)) describeRoute({ ...route, path, method: method as Route['method'], tag });
  }
}

/** Refused for the caller's role. */
export const FORBIDDEN = { 403: 'Your role may not do this' };
/** Refused by compare-and-set. */
export const STALE = { 409: 'Stale version; the stored record is under `current`' };

/**
 * The soft delete of a versioned record at `path` (`/api/<plural>/:id`): `?version=`, 204, refused
 * for the caller's role or a stale version unless `extraErrors` says otherwise.
 */
export function deleteRecordRoute(
  path: string,
  summary: string,
  options: { query?: z.ZodObject; extraErrors?: Record<number, string> } = {},
): TaggedRoute {
  return {
    method: 'delete',
    path,
    summary,
    params: idParams,
    query: options.query ?? deleteVersionSchema,
    status: 204,
    extraErrors: options.extraErrors ?? { ...FORBIDDEN, ...STALE },
  };
}

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const json = (schema: JsonSchema, description: string) => ({ description, content: { 'application/json': { schema } } });

/** Each path's methods, with `:param` segments as patterns: for 405 answers. */
export function knownRoutes(): Array<{ pattern: RegExp; methods: string[]; multipart: string[] }> {
  const byPath = new Map<string, Set<string>>();
  const multipart = new Map<string, string[]>();
  for (const route of routes) {
    byPath.set(route.path, (byPath.get(route.path) ?? new Set()).add(route.method.toUpperCase()));
    if (route.bodyMediaType === 'multipart/form-data')
      multipart.set(route.path, [...(multipart.get(route.path) ?? []), route.method.toUpperCase()]);
  }
  return [...byPath].map(([path, methods]) => {
    const source = path
      .split('/')
      .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    return { pattern: new RegExp(`^${source}/?$`), methods: [...methods], multipart: multipart.get(path) ?? [] };
  });
}

function parameters(route: Route): object[] {
  const out: object[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const object = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      const { description } = property as { description?: string };
      out.push({
        name,
        in: where,
        required: where === 'path' || (object.required ?? []).includes(name),
        schema: property,
        ...(description ? { description } : {}),
      });
    }
  }
  return out;
}

function operation(route: Route): object {
  const error = jsonSchema(apiErrorSchema, 'output');
  const status = route.status ?? 200;
  const refusals: Record<number, string> = {};
  if (route.body || route.params || route.query) refusals[400] = 'Invalid input: `issues` names each field with a stable `code`';
  if (!route.public) refusals[401] = 'Missing, invalid, expired or revoked access token';
  if (route.params) refusals[404] = 'Not found, or not permitted to see';
  if (route.body) {
    refusals[413] = 'Body larger than 256 kB';
    refusals[415] = 'Body is not JSON (Content-Type must be application/json)';
  }
  Object.assign(refusals, route.extraErrors);
  return {
    summary: route.summary,
    tags: [route.tag],
    security: route.public ? [] : [{ bearer: [] }],
    parameters: parameters(route),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { [route.bodyMediaType ?? 'application/json']: { schema: jsonSchema(route.body, 'input') } },
          },
        }
      : {}),
    responses: {
      [status]: route.response
        ? json(jsonSchema(route.response, 'output'), 'Success')
        : route.responseMediaType
          ? { description: 'Success', content: { [route.responseMediaType]: { schema: { type: 'string', format: 'binary' } } } }
          : { description: 'Success' },
      ...Object.fromEntries(Object.entries(refusals).map(([code, text]) => [code, json(error, text)])),
    },
  };
}

export function openApiDocument(): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [route.method]: operation(route) };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Sidang API',
      version: '1.0.0',
      description: 'Realtime, need-to-know workspace of a technical committee. Realtime events: socket.io, event `event`.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}
