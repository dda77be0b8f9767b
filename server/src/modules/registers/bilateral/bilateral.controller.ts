import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  type Agreement,
  type BilateralCommitment,
  type BilateralMeeting,
  type CountrySummary,
  countryCodeSchema,
  createAgreementSchema,
  createBilateralCommitmentSchema,
  createBilateralMeetingSchema,
  deleteVersionSchema,
  type ListAgreementsQuery,
  type ListBilateralMeetingsQuery,
  listAgreementsQuerySchema,
  listBilateralMeetingsQuerySchema,
  type Page,
  type UpdateAgreement,
  type UpdateBilateralCommitment,
  type UpdateBilateralMeeting,
  updateAgreementSchema,
  updateBilateralCommitmentSchema,
  updateBilateralMeetingSchema,
} from '@sidang/shared';
import type { z } from 'zod';
import type { Actor } from '../../../access/actor.js';
import { CurrentActor } from '../../../auth/current-actor.decorator.js';
import { UuidParamPipe, ZodValidationPipe } from '../../../common/zod-validation.pipe.js';
import { BilateralService } from './bilateral.service.js';

type Version = z.output<typeof deleteVersionSchema>;

@Controller()
export class BilateralController {
  constructor(private readonly bilateral: BilateralService) {}

  @Get('committees/:committeeId/bilateral-meetings')
  list(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Query(new ZodValidationPipe(listBilateralMeetingsQuerySchema, 'query')) query: ListBilateralMeetingsQuery,
  ): Promise<Page<BilateralMeeting>> {
    return this.bilateral.list(actor, committeeId, query);
  }

  @Post('committees/:committeeId/bilateral-meetings')
  create(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Body(new ZodValidationPipe(createBilateralMeetingSchema)) body: z.output<typeof createBilateralMeetingSchema>,
  ): Promise<BilateralMeeting> {
    return this.bilateral.create(actor, committeeId, body);
  }

  @Get('bilateral-meetings/:id')
  get(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<BilateralMeeting> {
    return this.bilateral.get(actor, id);
  }

  @Patch('bilateral-meetings/:id')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(updateBilateralMeetingSchema)) body: UpdateBilateralMeeting,
  ): Promise<BilateralMeeting> {
    return this.bilateral.update(actor, id, body);
  }

  @Delete('bilateral-meetings/:id')
  @HttpCode(204)
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Query(new ZodValidationPipe(deleteVersionSchema, 'query')) query: Version,
  ): Promise<void> {
    return this.bilateral.remove(actor, id, query.version);
  }

  @Get('bilateral-meetings/:id/commitments')
  listCommitments(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<BilateralCommitment[]> {
    return this.bilateral.listCommitments(actor, id);
  }

  @Post('bilateral-meetings/:id/commitments')
  addCommitment(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(createBilateralCommitmentSchema)) body: z.output<typeof createBilateralCommitmentSchema>,
  ): Promise<BilateralCommitment> {
    return this.bilateral.addCommitment(actor, id, body);
  }

  @Patch('bilateral-commitments/:id')
  updateCommitment(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(updateBilateralCommitmentSchema)) body: UpdateBilateralCommitment,
  ): Promise<BilateralCommitment> {
    return this.bilateral.updateCommitment(actor, id, body);
  }

  @Delete('bilateral-commitments/:id')
  @HttpCode(204)
  removeCommitment(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Query(new ZodValidationPipe(deleteVersionSchema, 'query')) query: Version,
  ): Promise<void> {
    return this.bilateral.removeCommitment(actor, id, query.version);
  }

  @Get('committees/:committeeId/agreements')
  listAgreements(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Query(new ZodValidationPipe(listAgreementsQuerySchema, 'query')) query: ListAgreementsQuery,
  ): Promise<Page<Agreement>> {
    return this.bilateral.listAgreements(actor, committeeId, query);
  }

  @Post('committees/:committeeId/agreements')
  createAgreement(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Body(new ZodValidationPipe(createAgreementSchema)) body: z.output<typeof createAgreementSchema>,
  ): Promise<Agreement> {
    return this.bilateral.createAgreement(actor, committeeId, body);
  }

  @Get('agreements/:id')
  getAgreement(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<Agreement> {
    return this.bilateral.getAgreement(actor, id);
  }

  @Patch('agreements/:id')
  updateAgreement(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(updateAgreementSchema)) body: UpdateAgreement,
  ): Promise<Agreement> {
    return this.bilateral.updateAgreement(actor, id, body);
  }

  @Delete('agreements/:id')
  @HttpCode(204)
  removeAgreement(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Query(new ZodValidationPipe(deleteVersionSchema, 'query')) query: Version,
  ): Promise<void> {
    return this.bilateral.removeAgreement(actor, id, query.version);
  }

  @Get('committees/:committeeId/countries/:code')
  country(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Param('code', new ZodValidationPipe(countryCodeSchema, 'code')) code: string,
  ): Promise<CountrySummary> {
    return this.bilateral.country(actor, committeeId, code);
  }
}
