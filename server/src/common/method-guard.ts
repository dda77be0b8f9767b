import type { NextFunction, Request, Response } from 'express';
import { requestIdOf } from './request-context.js';

interface KnownRoute {
  pattern: RegExp;
  methods: string[];
  /** Methods of the path that take a multipart/form-data body (uploads) instead of JSON. */
  multipart?: string[];
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

function isJson(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

function isMultipart(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'multipart/form-data';
}

function refuse(response: Response, status: 405 | 415, code: string, message: string): void {
  response.status(status).json({
    statusCode: status,
    error: status === 405 ? 'Method Not Allowed' : 'Unsupported Media Type',
    code,
    message,
    requestId: requestIdOf(response),
  });
}

/**
 * Before routing: a method a known path does not have (TRACE included) gets 405 with `Allow`
 * instead of a 404; a body that is not JSON gets 415 instead of being read as no body.
 * `routes` is read per request, so routes described after start-up count too.
 */
export function methodGuard(routes: () => KnownRoute[]) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!request.path.startsWith('/api/')) {
      next();
      return;
    }
    const route = routes().find((candidate) => candidate.pattern.test(request.path));
    if (route) {
      const allowed = new Set(route.methods);
      if (allowed.has('GET')) allowed.add('HEAD');
      allowed.add('OPTIONS');
      if (!allowed.has(request.method)) {
        response.setHeader('Allow', [...allowed].join(', '));
        refuse(
          response,
          405,
          'method_not_allowed',
          `${request.method} is not allowed on ${request.path}; allowed: ${[...allowed].join(', ')}`,
        );
        return;
      }
    }
    const contentType = request.headers['content-type'];
    const upload = route?.multipart?.includes(request.method) === true && isMultipart(contentType);
    if (BODY_METHODS.has(request.method) && hasBody(request) && !isJson(contentType) && !upload) {
      refuse(response, 415, 'unsupported_media_type', 'body: must be JSON (Content-Type: application/json)');
      return;
    }
    next();
  };
}
