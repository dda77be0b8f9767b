import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  createRndMilestoneSchema,
  createRndProjectSchema,
  deleteVersionSchema,
  type ListRndProjectsQuery,
  listRndProjectsQuerySchema,
  type Page,
  type RndMilestone,
  type RndProject,
  type UpdateRndMilestone,
  type UpdateRndProject,
  updateRndMilestoneSchema,
  updateRndProjectSchema,
  type ValueChainStage,
} from '@sidang/shared';
import type { z } from 'zod';
import type { Actor } from '../../../access/actor.js';
import { CurrentActor } from '../../../auth/current-actor.decorator.js';
import { UuidParamPipe, ZodValidationPipe } from '../../../common/zod-validation.pipe.js';
import { RndService } from './rnd.service.js';

type Version = z.output<typeof deleteVersionSchema>;

@Controller()
export class RndController {
  constructor(private readonly rnd: RndService) {}

  @Get('value-chain-stages')
  stages(): Promise<ValueChainStage[]> {
    return this.rnd.stages();
  }

  @Get('committees/:committeeId/rnd-projects')
  list(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Query(new ZodValidationPipe(listRndProjectsQuerySchema, 'query')) query: ListRndProjectsQuery,
  ): Promise<Page<RndProject>> {
    return this.rnd.list(actor, committeeId, query);
  }

  @Post('committees/:committeeId/rnd-projects')
  create(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Body(new ZodValidationPipe(createRndProjectSchema)) body: z.output<typeof createRndProjectSchema>,
  ): Promise<RndProject> {
    return this.rnd.create(actor, committeeId, body);
  }

  @Get('rnd-projects/:id')
  get(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<RndProject> {
    return this.rnd.get(actor, id);
  }

  @Patch('rnd-projects/:id')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(updateRndProjectSchema)) body: UpdateRndProject,
  ): Promise<RndProject> {
    return this.rnd.update(actor, id, body);
  }

  @Delete('rnd-projects/:id')
  @HttpCode(204)
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Query(new ZodValidationPipe(deleteVersionSchema, 'query')) query: Version,
  ): Promise<void> {
    return this.rnd.remove(actor, id, query.version);
  }

  @Get('rnd-projects/:id/milestones')
  listMilestones(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<RndMilestone[]> {
    return this.rnd.listMilestones(actor, id);
  }

  @Post('rnd-projects/:id/milestones')
  addMilestone(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(createRndMilestoneSchema)) body: z.output<typeof createRndMilestoneSchema>,
  ): Promise<RndMilestone> {
    return this.rnd.addMilestone(actor, id, body);
  }

  @Patch('rnd-milestones/:id')
  updateMilestone(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(updateRndMilestoneSchema)) body: UpdateRndMilestone,
  ): Promise<RndMilestone> {
    return this.rnd.updateMilestone(actor, id, body);
  }

  @Delete('rnd-milestones/:id')
  @HttpCode(204)
  removeMilestone(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Query(new ZodValidationPipe(deleteVersionSchema, 'query')) query: Version,
  ): Promise<void> {
    return this.rnd.removeMilestone(actor, id, query.version);
  }
}
