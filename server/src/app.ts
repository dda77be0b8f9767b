import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { AppModule, type ResolvedConfig } from './app.module.js';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import { createLogger, PinoNestLogger } from './common/logger.js';
import { seedDemo } from './seed/demo-seed.js';
import { serveClient } from './static/client-assets.js';

const defaultClientDist = fileURLToPath(new URL('../../client/dist', import.meta.url));

/** Builds the whole app (API, realtime, built client) without listening. Tests use it too. */
export async function createApp(config: ResolvedConfig): Promise<NestExpressApplication> {
  const logger = createLogger(config.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
  });
  app.use(
    pinoHttp({
      logger,
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
  app.useBodyParser('json', { limit: '256kb' });
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new HttpExceptionFilter());
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'connect-src': ["'self'", 'ws:', 'wss:'], 'upgrade-insecure-requests': null },
      },
      strictTransportSecurity: false,
    }),
  );
  serveClient(app, resolve(config.CLIENT_DIST ?? defaultClientDist));
  await app.init();
  if (config.SEED_DEMO) await seedDemo(app, config.DEMO_PASSWORD, logger);
  return app;
}
