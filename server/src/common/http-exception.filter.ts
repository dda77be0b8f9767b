import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';

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
 * Every error leaves as `{statusCode, message, ...}`. Errors raised by the HTTP layer for bad
 * input (malformed JSON, oversized bodies) keep their 4xx; only real faults become 500.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    const { status, body } = this.describe(exception);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(status).json(body);
  }

  private describe(exception: unknown): { status: number; body: Record<string, unknown> } {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      const body = typeof payload === 'string' ? { statusCode: status, message: payload } : { statusCode: status, ...payload };
      if (Array.isArray(body.message)) body.message = body.message.join('; ');
      return { status, body };
    }
    const error = exception as { status?: unknown; statusCode?: unknown; type?: unknown; code?: unknown; message?: unknown };
    const httpStatus = typeof error?.status === 'number' ? error.status : typeof error?.statusCode === 'number' ? error.statusCode : undefined;
    if (httpStatus !== undefined && httpStatus >= 400 && httpStatus < 500) {
      const message =
        error.type === 'entity.parse.failed'
          ? 'body: is not valid JSON'
          : error.type === 'entity.too.large'
            ? 'body: is too large'
            : typeof error.message === 'string'
              ? error.message
              : 'Bad request';
      return { status: httpStatus, body: { statusCode: httpStatus, error: 'Bad Request', message } };
    }
    const pgStatus = typeof error?.code === 'string' ? CLIENT_PG_ERRORS[error.code] : undefined;
    if (pgStatus) {
      return { status: pgStatus, body: { statusCode: pgStatus, message: 'The request does not fit the stored data' } };
    }
    return { status: 500, body: { statusCode: 500, message: 'Internal server error' } };
  }
}
