import { Controller, Get, Param, Query } from '@nestjs/common';
import { type CatchUpPage, catchUpPageSchema, catchUpQuerySchema } from '@sidang/shared';
import type { z } from 'zod';
import type { Actor } from '../access/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { committeeParams, describeRoute } from '../common/openapi.js';
import { UuidParamPipe, ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { CatchUpService } from './catch-up.service.js';

describeRoute({
  method: 'get',
  path: '/api/committees/:committeeId/events',
  summary: 'Events after a seq that the caller may see (catch-up after reconnect)',
  tag: 'Realtime',
  params: committeeParams,
  query: catchUpQuerySchema,
  response: catchUpPageSchema,
});

@Controller('committees/:committeeId/events')
export class CatchUpController {
  constructor(private readonly catchUp: CatchUpService) {}

  @Get()
  page(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Query(new ZodValidationPipe(catchUpQuerySchema, 'query')) query: z.output<typeof catchUpQuerySchema>,
  ): Promise<CatchUpPage> {
    return this.catchUp.page(actor, committeeId, query.after, query.limit);
  }
}
