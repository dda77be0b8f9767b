import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { type ErrorCode, errorCodeOfStatus } from '@sidang/shared';
import type { Response } from 'express';
import { isDatabaseUnavailable, isPoolTimeout } from '../database/data-source.js';
import { requestIdOf } from './request-context.js';

/** PostgreSQL errors caused by what the client sent rather than by the server. */
const CLIENT_PG_ERRORS: Record<string, number> = {
  '22P02': 400, // invalid text representation
  '22007': 400, // invalid datetime format
  '22008': 400, // datetime out of range
  '22001': 400, // string too long
  '22003': 400, // numeric out of range
  '23505': 409, // unique violation
  '23503': 400, // foreign key violation
};

/**
 * Every error leaves as `{statusCode, code, message, issues?, requestId}` (the shared `apiErrorSchema`;
 * `requestId` is the request's `X-Request-Id`, which its log lines carry too). Errors raised by the HTTP layer for bad
 * input (malformed JSON, oversized bodies) keep their 4xx; only real faults become 500.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  /** `onPoolTimeout`: called for each request answered 503 for want of a database connection (a metric). */
  constructor(private readonly onPoolTimeout: () => void = () => undefined) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    if (isPoolTimeout(exception)) {
      // The database is busy, not broken: say so and when to try again, instead of a 500.
      this.logger.warn('No database connection became free in time (DB_ACQUIRE_TIMEOUT_MS); answered 503');
      this.onPoolTimeout();
      response.setHeader('Retry-After', '1');
      response.status(503).json({
        statusCode: 503,
        code: errorCodeOfStatus(503),
        message: 'The database is busy; try again shortly',
        requestId: requestIdOf(response),
      });
      return;
    }
    const { status, body } = this.describe(exception);
    if (status >= 500 && status !== 503) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    // Every error names a code: the thrower's, else the one its status stands for.
    body.code ??= errorCodeOfStatus(status);
    // A refusal that names a wait says it in the standard header too (seconds).
    if (typeof body.retryAfter === 'number') response.setHeader('Retry-After', String(body.retryAfter));
    body.requestId = requestIdOf(response);
    response.status(status).json(body);
  }

  private describe(exception: unknown): { status: number; body: Record<string, unknown> } {
    const bodyError = this.bodyParserError(exception instanceof HttpException ? exception.cause : exception);
    if (bodyError) return bodyError;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      const body = typeof payload === 'string' ? { statusCode: status, message: payload } : { statusCode: status, ...payload };
      if (Array.isArray(body.message)) body.message = body.message.join('; ');
      return { status, body };
    }
    const code = (exception as { code?: unknown } | null)?.code;
    const pgStatus = typeof code === 'string' ? CLIENT_PG_ERRORS[code] : undefined;
    if (pgStatus) {
      return { status: pgStatus, body: { statusCode: pgStatus, message: 'The request does not fit the stored data' } };
    }
    if (isDatabaseUnavailable(exception)) {
      // Stopped or restarting: the request may be tried again once it answers (readiness says when).
      this.logger.warn(`The database does not answer (${(exception as Error).message}); answered 503`);
      return { status: 503, body: { statusCode: 503, message: 'The database does not answer; try again shortly', retryAfter: 1 } };
    }
    return { status: 500, body: { statusCode: 500, message: 'Internal server error' } };
  }

  /** Malformed or oversized bodies, as the JSON body parser reports them. */
  private bodyParserError(error: unknown): { status: number; body: Record<string, unknown> } | undefined {
    const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
    const known: Record<string, [number, string]> = {
      'entity.parse.failed': [400, 'body: is not valid JSON'],
      'entity.verify.failed': [400, 'body: could not be read'],
      'entity.too.large': [413, 'body: is too large (at most 256 kB)'],
      'encoding.unsupported': [415, 'body: unsupported encoding'],
      'charset.unsupported': [415, 'body: unsupported charset'],
    };
    const match = typeof type === 'string' ? known[type] : undefined;
    if (!match && !(typeof status === 'number' && status >= 400 && status < 500 && typeof type === 'string')) return undefined;
    const [code, message] = match ?? [status as number, 'body: could not be read'];
    const errorCode: ErrorCode = code === 400 && type === 'entity.parse.failed' ? 'invalid_json' : errorCodeOfStatus(code);
    const detail = message.replace(/^body: /, '');
    const issueCode = code === 413 ? 'too_long' : code === 415 ? 'invalid_value' : 'invalid_format';
    return {
      status: code,
      body: {
        statusCode: code,
        error: 'Bad Request',
        code: errorCode,
        message,
        issues: [{ field: 'body', path: 'body', code: issueCode, message: detail }],
      },
    };
  }
}
