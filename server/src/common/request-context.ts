import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/**
 * What every log line written inside it carries: the request (HTTP, or one socket message) being
 * served, or the background run (a job: a sweep, the mail outbox, resolution closing) being done.
 */
export interface RequestContext {
  requestId?: string;
  /** A background run's own id, and which kind of job it is. */
  jobId?: string;
  job?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The header a request id comes in and goes out with. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * An incoming id is kept when it is short and plain (a proxy's or a client's correlation id);
 * anything else (too long, spaces, control characters, quotes) is replaced, so a log line or a
 * header never carries what a client typed.
 */
const SANE_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

export function saneRequestId(value: unknown): string | undefined {
  return typeof value === 'string' && SANE_ID.test(value) ? value : undefined;
}

/** The id of the request being served here, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** The context of what is being done here (a request, a socket message, a job), if any. */
export function currentLogContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Runs `fn` (and everything it starts) in `context`, in place of the one around it. */
export function runInLogContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/**
 * Gives every request an id (the incoming `X-Request-Id` when sane, else a new UUID), echoes
 * it in the response header and runs the rest of the request inside its context, so every log
 * line written while serving it (pino's `mixin`) carries it.
 */
export function requestContext(request: Request, response: Response, next: NextFunction): void {
  const requestId = saneRequestId(request.headers[REQUEST_ID_HEADER]) ?? randomUUID();
  (request as Request & { id?: string }).id = requestId;
  response.setHeader('X-Request-Id', requestId);
  storage.run({ requestId }, next);
}

/**
 * Re-enters the request's context. Body parsers read the request stream, whose events run
 * outside it; placed after them, this restores it for the handlers.
 */
export function reenterRequestContext(request: Request, _response: Response, next: NextFunction): void {
  const requestId = (request as Request & { id?: string }).id;
  if (requestId && storage.getStore()?.requestId !== requestId) storage.run({ requestId }, next);
  else next();
}

/** The id a response carries (set by `requestContext`), for error bodies. */
export function requestIdOf(response: Response): string | undefined {
  const value = response.getHeader('X-Request-Id');
  return typeof value === 'string' ? value : undefined;
}
