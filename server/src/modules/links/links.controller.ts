import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { type CreateRecordLink, createRecordLinkSchema, type LinkedRecord, type RecordLink } from '@sidang/shared';
import type { Actor } from '../../access/actor.js';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { UuidParamPipe, ZodValidationPipe } from '../../common/zod-validation.pipe.js';
import { LinksService } from './links.service.js';

@Controller()
export class LinksController {
  constructor(private readonly links: LinksService) {}

  @Post('links')
  create(@CurrentActor() actor: Actor, @Body(new ZodValidationPipe(createRecordLinkSchema)) body: CreateRecordLink): Promise<RecordLink> {
    return this.links.create(actor, body);
  }

  @Delete('links/:id')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<void> {
    return this.links.remove(actor, id);
  }

  @Get('records/:id/links')
  linksOf(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<LinkedRecord[]> {
    return this.links.linksOf(actor, id);
  }
}
