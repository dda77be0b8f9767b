import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { meetingPackQuerySchema } from '@sidang/shared';
import type { Response } from 'express';
import type { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { UuidParamPipe, ZodValidationPipe } from '../../common/zod-validation.pipe.js';
import { contentDisposition } from '../documents/document-content.js';
import { MeetingPackService } from './meeting-pack.service.js';

@Controller()
export class MeetingPackController {
  constructor(private readonly packs: MeetingPackService) {}

  @Get('meetings/:id/pack.pdf')
  async pack(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Query(new ZodValidationPipe(meetingPackQuerySchema, 'query')) query: z.output<typeof meetingPackQuerySchema>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { stream, length, fileName, key } = await this.packs.pack(actor, id, query.lang);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    // The reader's own copy: never kept by a shared cache; the app keeps it for offline reading itself.
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('ETag', `"${key.slice(0, 32)}"`);
    // Streamed from the compiled file: the server never holds a pack already compiled whole. A
    // reader who goes away mid-download closes the file with the response.
    response.once('close', () => stream.destroy());
    return new StreamableFile(stream, { type: 'application/pdf', disposition: contentDisposition(fileName), length });
  }
}
