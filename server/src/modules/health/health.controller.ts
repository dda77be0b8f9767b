import { Controller, Get, Logger, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { Public } from '../../auth/public.decorator.js';
import { describeTag } from '../../common/openapi.js';
import { Lifecycle } from '../../observability/lifecycle.js';

const describe = describeTag('Health');

/** How long the database may take to answer `SELECT 1` before the instance counts as not ready. */
const DATABASE_CHECK_MS = 2_000;

const ready = z.object({ status: z.literal('ok'), database: z.literal('up') });

describe({
  method: 'get',
  path: '/api/health',
  summary: 'Ready when the database answers (the same check as /api/health/ready)',
  public: true,
  response: ready,
  extraErrors: { 503: 'The database does not answer, or the instance is shutting down' },
});
describe({
  method: 'get',
  path: '/api/health/live',
  summary: 'The process is up and serving HTTP (liveness: restart it only when this fails)',
  public: true,
  response: z.object({ status: z.literal('ok') }),
});
describe({
  method: 'get',
  path: '/api/health/ready',
  summary: 'Ready for traffic: the database answers and the instance is not shutting down (readiness)',
  public: true,
  response: ready,
  extraErrors: { 503: 'The database does not answer, or the instance is shutting down' },
});

/**
 * Liveness says the process serves HTTP at all; readiness says it can serve a request now. A
 * database outage makes an instance not ready (a load balancer stops sending it work) without
 * making it not live (nothing would be gained by restarting it): it is ready again as soon as the
 * database answers, with no restart.
 */
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lifecycle: Lifecycle,
  ) {}

  @Public()
  @Get()
  check(): Promise<{ status: 'ok'; database: 'up' }> {
    return this.ready();
  }

  @Public()
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  async ready(): Promise<{ status: 'ok'; database: 'up' }> {
    if (this.lifecycle.draining) {
      throw new ServiceUnavailableException({ statusCode: 503, status: 'draining', message: 'The instance is shutting down' });
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), DATABASE_CHECK_MS);
      timer.unref();
    });
    try {
      await Promise.race([this.dataSource.query('SELECT 1'), timeout]);
    } catch (error) {
      // Why this instance is out of rotation, in the log line of the probe that found it.
      this.logger.warn(`Not ready: the database did not answer (${(error as Error).message})`);
      throw new ServiceUnavailableException({ statusCode: 503, status: 'unavailable', message: 'The database does not answer' });
    } finally {
      clearTimeout(timer);
    }
    return { status: 'ok', database: 'up' };
  }
}
