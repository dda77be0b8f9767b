import { Controller, Get, Param, Query } from '@nestjs/common';
import { type ActivityPage, type ActivityQuery, activityPageSchema, activityQuerySchema } from '@sidang/shared';
import type { Actor } from '../../access/actor.js';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { committeeParams, describeRoute } from '../../common/openapi.js';
import { UuidParamPipe, ZodValidationPipe } from '../../common/zod-validation.pipe.js';
import { ActivityService } from './activity.service.js';

describeRoute({
  method: 'get',
  path: '/api/committees/:committeeId/activity',
  summary: "The committee's activity (who changed what, when, before → after), newest first; with entityId, one record's history",
  tag: 'Activity',
  params: committeeParams,
  query: activityQuerySchema,
  response: activityPageSchema,
});

@Controller('committees/:committeeId/activity')
export class ActivityController {
  constructor(private readonly activity: ActivityService) {}

  @Get()
  page(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Query(new ZodValidationPipe(activityQuerySchema, 'query')) query: ActivityQuery,
  ): Promise<ActivityPage> {
    return this.activity.page(actor, committeeId, query);
  }
}
