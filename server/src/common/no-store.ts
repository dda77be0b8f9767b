import type { NextFunction, Request, Response } from 'express';

/**
 * `Cache-Control: no-store` on every `/api` answer unless its handler sets its own (documents
 * keep `private, no-store`, the calendar feed `private, no-cache`): answers carry classified
 * records, and so do errors (a 409 carries the stored record), so no browser, proxy or
 * back-forward cache may keep one after the reader's clearance or session ends. Set before the
 * handler runs, so it holds for answers and errors alike and a route cannot forget it.
 */
export function noStore(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Cache-Control', 'no-store');
  next();
}
