import { Body, Controller, Get, Param, Post, Query, Res, StreamableFile, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  createDocumentFieldsSchema,
  type DocumentLimits,
  type DocumentPage,
  type DocumentRecord,
  documentsOfParentQuerySchema,
  listDocumentsQuerySchema,
  type UpdateDocument,
  updateDocumentSchema,
} from '@sidang/shared';
import type { Response } from 'express';
import type { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { recordWritesController } from '../../common/record-writes.controller.js';
import { UuidParamPipe, ZodValidationPipe } from '../../common/zod-validation.pipe.js';
import { contentDisposition } from './document-content.js';
import { DocumentsService, type UploadedTempFile } from './documents.service.js';
import { UploadLimitFilter } from './documents.upload.js';

@Controller()
export class DocumentsController extends recordWritesController<DocumentRecord, UpdateDocument>('documents', updateDocumentSchema) {
  readonly records: DocumentsService;

  constructor(private readonly documents: DocumentsService) {
    super();
    this.records = documents;
  }

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
