import { timingSafeEqual } from 'node:crypto';
import { errorCodeOfStatus } from '@sidang/shared';
import type { Request, Response } from 'express';
import { requestIdOf } from '../common/request-context.js';
import type { Metrics } from './metrics.js';

/** Headers a proxy adds: a request carrying one came through it, whatever address it came from. */
const PROXY_HEADERS = ['x-forwarded-for', 'x-real-ip', 'forwarded'];

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who may read /metrics: a scraper on this machine (the connection's own address is loopback,
 * and no proxy header says it was relayed from elsewhere — `req.ip` is not used, since a
 * trusted proxy's X-Forwarded-For could make anyone look local), or anyone presenting
 * `Authorization: Bearer $METRICS_TOKEN`.
 */
export function mayReadMetrics(request: Request, token: string | undefined): boolean {
  const authorization = request.headers.authorization;
  if (token && typeof authorization === 'string' && authorization.startsWith('Bearer ')) {
    return sameSecret(authorization.slice('Bearer '.length).trim(), token);
  }
  if (authorization !== undefined) return false;
  return isLoopback(request.socket.remoteAddress) && PROXY_HEADERS.every((header) => request.headers[header] === undefined);
}

/** `GET /metrics`: Prometheus text for those allowed, a plain 404 (never the client's page) for others. */
export function metricsEndpoint(metrics: Metrics, token: string | undefined) {
  return (request: Request, response: Response): void => {
    response.setHeader('Cache-Control', 'no-store');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      response.status(405).json({
        statusCode: 405,
        code: errorCodeOfStatus(405),
        message: `${request.method} is not allowed on /metrics`,
        requestId: requestIdOf(response),
      });
      return;
    }
    if (!mayReadMetrics(request, token)) {
      response.status(404).json({ statusCode: 404, code: errorCodeOfStatus(404), message: 'Not found', requestId: requestIdOf(response) });
      return;
    }
    metrics
      .render()
      .then(({ contentType, body }) => {
        response.setHeader('Content-Type', contentType);
        response.status(200).send(body);
      })
      .catch(() => {
        response.status(500).json({ statusCode: 500, code: errorCodeOfStatus(500), message: 'Metrics could not be collected' });
      });
  };
}
