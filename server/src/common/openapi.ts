import { OpenAPIRegistry, OpenApiGeneratorV3, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { apiErrorSchema } from '@sidang/shared';
import { z } from 'zod';

/**
 * Routes describe themselves here from the same shared zod schemas that validate them, so
 * the OpenAPI document cannot drift from what the server accepts.
 */
export const openApiRegistry = new OpenAPIRegistry();
openApiRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const errors = {
  400: json(apiErrorSchema, 'Invalid input; the message names the field'),
  401: json(apiErrorSchema, 'Missing or invalid access token'),
  404: json(apiErrorSchema, 'Not found, or not permitted to see'),
};

interface Route {
  method: RouteConfig['method'];
  path: string;
  summary: string;
  tag: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response?: z.ZodType;
  status?: number;
  extraErrors?: Record<number, string>;
  public?: boolean;
}

/** Registers one route; `:param` paths are written the OpenAPI way. */
export function describeRoute(route: Route): void {
  const status = route.status ?? 200;
  openApiRegistry.registerPath({
    method: route.method,
    path: route.path.replace(/:(\w+)/g, '{$1}'),
    summary: route.summary,
    tags: [route.tag],
    security: route.public ? [] : [{ bearer: [] }],
    request: {
      params: route.params,
      query: route.query,
      body: route.body ? { content: { 'application/json': { schema: route.body } } } : undefined,
    },
    responses: {
      [status]: route.response ? json(route.response, 'Success') : { description: 'Success' },
      ...errors,
      ...Object.fromEntries(Object.entries(route.extraErrors ?? {}).map(([code, text]) => [code, json(apiErrorSchema, text)])),
    },
  });
}

export const idParams = z.object({ id: z.uuid() });
export const committeeParams = z.object({ committeeId: z.uuid() });

export function openApiDocument(): object {
  return new OpenApiGeneratorV3(openApiRegistry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'Sidang API',
      version: '1.0.0',
      description: 'Realtime, need-to-know workspace of a technical committee. Realtime events: socket.io, event `event`.',
    },
  });
}
