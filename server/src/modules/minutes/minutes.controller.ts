import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  type CommentThread,
  createMinutesCommentSchema,
  listMinutesCommentsQuerySchema,
  type Minutes,
  type MinutesComment,
  type MinutesRecord,
  type MinutesSection,
  type MinutesTransition,
  type MinutesVersion,
  type MinutesVersionSummary,
  minutesTransitionSchema,
  type UpdateMinutesComment,
  type UpdateMinutesSection,
  updateMinutesCommentSchema,
  updateMinutesSectionSchema,
} from '@sidang/shared';
import type { Response } from 'express';
import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { UuidParamPipe, ZodValidationPipe } from '../../common/zod-validation.pipe.js';
import { minutesErrors } from './minutes.errors.js';
import { minutesPdf } from './minutes.pdf.js';
import { MinutesService } from './minutes.service.js';

/** A version number in a path. */
export const versionNumberSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,5}$/)
  .transform(Number);

@Controller()
export class MinutesController {
  constructor(private readonly minutes: MinutesService) {}

  @Get('meetings/:id/minutes')
  forMeeting(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<Minutes> {
    return this.minutes.forMeeting(actor, id);
  }

  @Post('minutes/:id/transition')
  @HttpCode(200)
  transition(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(minutesTransitionSchema)) body: MinutesTransition,
  ): Promise<MinutesRecord> {
    return this.minutes.transition(actor, id, body);
  }

  @Get('minutes/:id/versions')
  versions(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<MinutesVersionSummary[]> {
    return this.minutes.versions(actor, id);
  }

  @Get('minutes/:id/versions/:n')
  version(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string, @Param('n') n: string): Promise<MinutesVersion> {
    // A segment that names no version is a version that does not exist.
    const parsed = versionNumberSchema.safeParse(n);
    if (!parsed.success) throw minutesErrors.versionNotFound();
    return this.minutes.version(actor, id, parsed.data);
  }

  @Get('minutes/:id/comments')
  async comments(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Query(new ZodValidationPipe(listMinutesCommentsQuerySchema, 'query')) query: z.output<typeof listMinutesCommentsQuerySchema>,
  ): Promise<CommentThread[]> {
    const threads = await this.minutes.comments(actor, id);
    return query.resolved === undefined ? threads : threads.filter((thread) => thread.resolved === (query.resolved === 'true'));
  }

  @Post('minutes/:id/comments')
  comment(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(createMinutesCommentSchema)) body: z.output<typeof createMinutesCommentSchema>,
  ): Promise<MinutesComment> {
    return this.minutes.comment(actor, id, body);
  }

  @Patch('minutes-comments/:id')
  updateComment(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(updateMinutesCommentSchema)) body: UpdateMinutesComment,
  ): Promise<MinutesComment> {
    return this.minutes.updateComment(actor, id, body);
  }

  @Patch('minutes-sections/:id')
  updateSection(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(updateMinutesSectionSchema)) body: UpdateMinutesSection,
  ): Promise<MinutesSection> {
    return this.minutes.updateSection(actor, id, body);
  }

  @Get('minutes/:id/pdf')
  async pdf(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const view = await this.minutes.rendering(actor, id);
    const pdf = await minutesPdf(view);
    response.setHeader('cache-control', 'no-store');
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="minit-${view.meeting.numberInYear}-${view.meeting.year}.pdf"`,
      length: pdf.length,
    });
  }
}
