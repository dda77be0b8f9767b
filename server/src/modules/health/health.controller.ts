import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { Public } from '../../auth/public.decorator.js';
import { describeRoute } from '../../common/openapi.js';

describeRoute({
  method: 'get',
  path: '/api/health',
  summary: 'Ready when the database answers',
  tag: 'Health',
  public: true,
  response: z.object({ status: z.literal('ok'), database: z.literal('up') }),
  extraErrors: { 503: 'The database does not answer' },
});

@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Public()
  @Get()
  async check(): Promise<{ status: 'ok'; database: 'up' }> {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000).unref());
    try {
      await Promise.race([this.dataSource.query('SELECT 1'), timeout]);
    } catch {
      throw new ServiceUnavailableException({ statusCode: 503, status: 'unavailable', message: 'The database does not answer' });
    }
    return { status: 'ok', database: 'up' };
  }
}
