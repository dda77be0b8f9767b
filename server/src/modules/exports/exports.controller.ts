import { Controller, Get, Param, Query, Res, type StreamableFile } from '@nestjs/common';
import {
  exportActionItemsQuerySchema,
  exportBilateralMeetingsQuerySchema,
  exportNegotiationsQuerySchema,
  exportRndProjectsQuerySchema,
} from '@sidang/shared';
import type { Response } from 'express';
import type { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { UuidParamPipe, ZodValidationPipe } from '../../common/zod-validation.pipe.js';
import { ExportsService } from './exports.service.js';
import { sendFile } from './file-answer.js';

@Controller('committees/:committeeId')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('action-items/export')
  async actionItems(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Query(new ZodValidationPipe(exportActionItemsQuerySchema, 'query')) query: z.output<typeof exportActionItemsQuerySchema>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { format, ...filters } = query;
    return sendFile(response, await this.exports.actionItemsFile(actor, committeeId, format, filters));
  }

  @Get('bilateral-meetings/export')
  async bilateral(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Query(new ZodValidationPipe(exportBilateralMeetingsQuerySchema, 'query')) query: z.output<typeof exportBilateralMeetingsQuerySchema>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { format, ...filters } = query;
    return sendFile(response, await this.exports.bilateralFile(actor, committeeId, format, filters));
  }

  @Get('negotiations/export')
  async negotiations(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Query(new ZodValidationPipe(exportNegotiationsQuerySchema, 'query')) query: z.output<typeof exportNegotiationsQuerySchema>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { format, ...filters } = query;
    return sendFile(response, await this.exports.negotiationsFile(actor, committeeId, format, filters));
  }

  @Get('rnd-projects/export')
  async rnd(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Query(new ZodValidationPipe(exportRndProjectsQuerySchema, 'query')) query: z.output<typeof exportRndProjectsQuerySchema>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { format, ...filters } = query;
    return sendFile(response, await this.exports.rndFile(actor, committeeId, format, filters));
  }
}
