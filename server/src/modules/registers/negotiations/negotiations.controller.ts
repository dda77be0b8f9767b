import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  createNegotiationRoundSchema,
  createNegotiationSchema,
  deleteVersionSchema,
  type ListNegotiationsQuery,
  listNegotiationsQuerySchema,
  type Negotiation,
  type NegotiationRound,
  type Page,
  type UpdateNegotiation,
  type UpdateNegotiationRound,
  updateNegotiationRoundSchema,
  updateNegotiationSchema,
} from '@sidang/shared';
import type { z } from 'zod';
import type { Actor } from '../../../access/actor.js';
import { CurrentActor } from '../../../auth/current-actor.decorator.js';
import { UuidParamPipe, ZodValidationPipe } from '../../../common/zod-validation.pipe.js';
import { NegotiationsService } from './negotiations.service.js';

type Version = z.output<typeof deleteVersionSchema>;

@Controller()
export class NegotiationsController {
  constructor(private readonly negotiations: NegotiationsService) {}

  @Get('committees/:committeeId/negotiations')
  list(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Query(new ZodValidationPipe(listNegotiationsQuerySchema, 'query')) query: ListNegotiationsQuery,
  ): Promise<Page<Negotiation>> {
    return this.negotiations.list(actor, committeeId, query);
  }

  @Post('committees/:committeeId/negotiations')
  create(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Body(new ZodValidationPipe(createNegotiationSchema)) body: z.output<typeof createNegotiationSchema>,
  ): Promise<Negotiation> {
    return this.negotiations.create(actor, committeeId, body);
  }

  @Get('negotiations/:id')
  get(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<Negotiation> {
    return this.negotiations.get(actor, id);
  }

  @Patch('negotiations/:id')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(updateNegotiationSchema)) body: UpdateNegotiation,
  ): Promise<Negotiation> {
    return this.negotiations.update(actor, id, body);
  }

  @Delete('negotiations/:id')
  @HttpCode(204)
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Query(new ZodValidationPipe(deleteVersionSchema, 'query')) query: Version,
  ): Promise<void> {
    return this.negotiations.remove(actor, id, query.version);
  }

  @Get('negotiations/:id/rounds')
  listRounds(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<NegotiationRound[]> {
    return this.negotiations.listRounds(actor, id);
  }

  @Post('negotiations/:id/rounds')
  addRound(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(createNegotiationRoundSchema)) body: z.output<typeof createNegotiationRoundSchema>,
  ): Promise<NegotiationRound> {
    return this.negotiations.addRound(actor, id, body);
  }

  @Patch('negotiation-rounds/:id')
  updateRound(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(updateNegotiationRoundSchema)) body: UpdateNegotiationRound,
  ): Promise<NegotiationRound> {
    return this.negotiations.updateRound(actor, id, body);
  }

  @Delete('negotiation-rounds/:id')
  @HttpCode(204)
  removeRound(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Query(new ZodValidationPipe(deleteVersionSchema, 'query')) query: Version,
  ): Promise<void> {
    return this.negotiations.removeRound(actor, id, query.version);
  }
}
