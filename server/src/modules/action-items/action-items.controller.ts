import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  type ActionItem,
  createActionItemSchema,
  createProgressUpdateSchema,
  deleteActionItemSchema,
  type ListActionItemsQuery,
  listActionItemsQuerySchema,
  type ProgressUpdate,
  type UpdateActionItem,
  updateActionItemSchema,
} from '@sidang/shared';
import type { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { UuidParamPipe, ZodValidationPipe } from '../../common/zod-validation.pipe.js';
import { ActionItemsService } from './action-items.service.js';

@Controller()
export class ActionItemsController {
  constructor(private readonly actionItems: ActionItemsService) {}

  @Get('committees/:committeeId/action-items')
  list(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Query(new ZodValidationPipe(listActionItemsQuerySchema, 'query')) query: ListActionItemsQuery,
  ): Promise<ActionItem[]> {
    return this.actionItems.list(actor, committeeId, query);
  }

  @Post('committees/:committeeId/action-items')
  create(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Body(new ZodValidationPipe(createActionItemSchema)) body: z.output<typeof createActionItemSchema>,
  ): Promise<ActionItem> {
    return this.actionItems.create(actor, committeeId, body);
  }

  @Get('action-items/:id')
  get(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<ActionItem> {
    return this.actionItems.get(actor, id);
  }

  @Patch('action-items/:id')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(updateActionItemSchema)) body: UpdateActionItem,
  ): Promise<ActionItem> {
    return this.actionItems.update(actor, id, body);
  }

  @Delete('action-items/:id')
  @HttpCode(204)
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Query(new ZodValidationPipe(deleteActionItemSchema, 'query')) query: z.output<typeof deleteActionItemSchema>,
  ): Promise<void> {
    return this.actionItems.remove(actor, id, query.version);
  }

  @Get('action-items/:id/updates')
  listUpdates(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<ProgressUpdate[]> {
    return this.actionItems.listUpdates(actor, id);
  }

  @Post('action-items/:id/updates')
  addUpdate(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(createProgressUpdateSchema)) body: z.output<typeof createProgressUpdateSchema>,
  ): Promise<ProgressUpdate> {
    return this.actionItems.addUpdate(actor, id, body.body);
  }
}
