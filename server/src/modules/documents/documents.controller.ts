import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  createDocumentFieldsSchema,
  type DocumentLimits,
  type DocumentPage,
  type DocumentRecord,
  deleteVersionSchema,
  documentsOfParentQuerySchema,
  listDocumentsQuerySchema,
  type UpdateDocument,
  updateDocumentSchema,
} from '@sidang/shared';
import type { Response } from 'express';
import type { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { UuidParamPipe, ZodValidationPipe } from '../../common/zod-validation.pipe.js';
import { contentDisposition } from './document-content.js';
import { DocumentsService, type UploadedTempFile } from './documents.service.js';
import { UploadLimitFilter } from './documents.upload.js';

@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get('committees/:committeeId/documents')
  list(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Query(new ZodValidationPipe(listDocumentsQuerySchema, 'query')) query: z.output<typeof listDocumentsQuerySchema>,
  ): Promise<DocumentPage> {
    return this.documents.list(actor, committeeId, query);
  }

  @Post('committees/:committeeId/documents')
  @UseFilters(UploadLimitFilter)
  @UseInterceptors(FileInterceptor('file'))
  upload(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @UploadedFile() file: UploadedTempFile | undefined,
    @Body(new ZodValidationPipe(createDocumentFieldsSchema)) fields: z.output<typeof createDocumentFieldsSchema>,
  ): Promise<DocumentRecord> {
    return this.documents.upload(actor, committeeId, file, fields);
  }

  @Get('documents')
  ofParent(
    @CurrentActor() actor: Actor,
    @Query(new ZodValidationPipe(documentsOfParentQuerySchema, 'query')) query: z.output<typeof documentsOfParentQuerySchema>,
  ): Promise<DocumentRecord[]> {
    return this.documents.ofParent(actor, query.parentId);
  }

  /** Declared before `documents/:id`, which would take `limits` for an id. */
  @Get('documents/limits')
  limits(): DocumentLimits {
    return this.documents.limits();
  }

  @Get('documents/:id')
  get(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<DocumentRecord> {
    return this.documents.get(actor, id);
  }

  @Patch('documents/:id')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(updateDocumentSchema)) body: UpdateDocument,
  ): Promise<DocumentRecord> {
    return this.documents.update(actor, id, body);
  }

  @Delete('documents/:id')
  @HttpCode(204)
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Query(new ZodValidationPipe(deleteVersionSchema, 'query')) query: z.output<typeof deleteVersionSchema>,
  ): Promise<void> {
    return this.documents.remove(actor, id, query.version);
  }

  @Get('documents/:id/content')
  async content(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { document, stream } = await this.documents.content(actor, id);
    const type = document.mediaType.startsWith('text/') ? `${document.mediaType}; charset=utf-8` : document.mediaType;
    response.setHeader('X-Content-Type-Options', 'nosniff');
    // Never rendered as a page of this origin, even if opened directly.
    response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    response.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(stream, { type, disposition: contentDisposition(document.fileName), length: document.size });
  }
}
