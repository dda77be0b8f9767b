import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import type { NextFunction, Request, Response } from 'express';
import helmet, { strictTransportSecurity } from 'helmet';
import type { DestinationStream } from 'pino';
import { pinoHttp } from 'pino-http';
import { AppModule, type ResolvedConfig } from './app.module.js';
import { AppIoAdapter } from './common/app-io.adapter.js';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import { createLogger, PinoNestLogger } from './common/logger.js';
import { methodGuard } from './common/method-guard.js';
import { noStore } from './common/no-store.js';
import { knownRoutes } from './common/openapi.js';
import { reenterRequestContext, requestContext } from './common/request-context.js';
import { Lifecycle } from './observability/lifecycle.js';
import { markMessagesAndJobs } from './observability/log-ids.js';
import { Metrics } from './observability/metrics.js';
import { metricsEndpoint } from './observability/metrics-endpoint.js';
import { drainAndClose } from './observability/shutdown.js';
import { seedDemo } from './seed/demo-seed.js';
import { serveClient } from './static/client-assets.js';

const defaultClientDist = fileURLToPath(new URL('../../client/dist', import.meta.url));

export interface CreateAppOptions {
  /** Where log lines go instead of standard output (tests read them). */
  logDestination?: DestinationStream;
}

/** The socket.io adapter of each app: its shutdown closes the adapter's servers' connections. */
const ioAdapters = new WeakMap<INestApplication, AppIoAdapter>();

/** Builds the whole app (API, realtime, built client) without listening. Tests use it too. */
export async function createApp(config: ResolvedConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const logger = createLogger(config.LOG_LEVEL, config.LOG_FORMAT, options.logDestination);
  // At debug, a line marks each socket message and each background run (their ids are on every line regardless).
  markMessagesAndJobs(config.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
  });
  // Behind a proxy its X-Forwarded-For / -Proto say who the client is and whether it used HTTPS;
  // believed only from the proxies TRUST_PROXY names (default: none).
  app.set('trust proxy', config.TRUST_PROXY);
  // First: every request gets its id (X-Request-Id in and out), which its log lines and error body carry.
  app.use(requestContext);
  const metrics = app.get(Metrics);
  app.use(metrics.httpMiddleware());
  // While the instance drains, every answer closes its connection, so clients reconnect elsewhere.
  const lifecycle = app.get(Lifecycle);
  // Decided when the head is written, so a request already in flight when the drain began closes too.
  app.use((_request: Request, response: Response, next: NextFunction) => {
    const writeHead = response.writeHead;
    response.writeHead = function (this: Response, ...args: Parameters<typeof writeHead>) {
      if (lifecycle.draining) this.setHeader('Connection', 'close');
      return writeHead.apply(this, args);
    } as typeof writeHead;
    next();
  });
  // Prometheus text for a scraper on this machine or one with METRICS_TOKEN; a 404 for anyone else.
  app.use('/metrics', metricsEndpoint(metrics, config.METRICS_TOKEN));
  app.use(
    pinoHttp({
      logger,
      // The id requestContext gave the request (pino-http would otherwise make its own).
      genReqId: (request) => (request as { id?: string }).id ?? '',
      // Method, path and outcome only: headers carry bearer tokens and never reach the log.
      serializers: {
        req: (request: { method: string; url: string }) => ({ method: request.method, url: request.url }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
      autoLogging: { ignore: (request) => request.url === '/api/health' || !request.url?.startsWith('/api') },
      customLogLevel: (_request, response, error) =>
        error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    }),
  );
  let routes: ReturnType<typeof knownRoutes> | undefined;
  // Routes are described when their modules load, before the first request: read them once then.
  app.use(methodGuard(() => (routes ??= knownRoutes())));
  app.useBodyParser('json', { limit: '256kb' });
  // The body parser's stream events run outside the request's context: enter it again.
  app.use(reenterRequestContext);
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new HttpExceptionFilter(() => metrics.poolTimeouts.inc()));
  const ioAdapter = new AppIoAdapter(app, config.ALLOWED_ORIGINS);
  ioAdapters.set(app, ioAdapter);
  app.useWebSocketAdapter(ioAdapter);
  app.use(
    helmet({
      // 'self' covers same-origin ws:/wss: in CSP Level 3 browsers; socket.io falls back to
      // same-origin polling where a browser does not, so no other host is ever reachable.
      contentSecurityPolicy: { directives: { 'connect-src': ["'self'"], 'upgrade-insecure-requests': null } },
      strictTransportSecurity: false,
    }),
  );
  // HSTS only on HTTPS (directly, or as a trusted proxy reports it in X-Forwarded-Proto):
  // over plain HTTP the header would be meaningless, and on localhost harmful.
  const hsts = strictTransportSecurity({ maxAge: 180 * 24 * 3600, includeSubDomains: true });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.secure) hsts(request, response, next);
    else next();
  });
  // API answers (JSON, CSV, calendars) are compressed when the client accepts it (a list of
  // action items is 11 KB of JSON, 2 KB gzipped). The built client's files are compressed at
  // build time (client-assets.ts), and socket.io compresses its own.
  app.use('/api', compression({ threshold: 1024 }));
  app.use('/api', noStore);
  serveClient(app, resolve(config.CLIENT_DIST ?? defaultClientDist), (message) => logger.warn(message));
  await app.init();
  // An idle keep-alive connection stays open longer than clients and proxies keep theirs, so a
  // client never sends a request on a connection the server is closing (ECONNRESET).
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  if (config.SEED_DEMO) await seedDemo(app, config.DEMO_PASSWORD, logger);
  return app;
}

/**
 * SIGTERM: drain (stop accepting, close live sockets so their clients reconnect elsewhere,
 * let in-flight requests finish), then close the app (workers, Redis, the database pool).
 */
export function shutdownApp(app: INestApplication, log?: (message: string) => void): Promise<void> {
  return drainAndClose(app, { ioServers: ioAdapters.get(app)?.servers ?? [], log });
}
