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
  type Annotation,
  createAnnotationSchema,
  createDocumentFieldsSchema,
  type DocumentFileVersion,
  type DocumentLimits,
  type DocumentPage,
  type DocumentRecord,
  deleteVersionSchema,
  documentsOfParentQuerySchema,
  fileVersionParamsSchema,
  listDocumentsQuerySchema,
  newDocumentVersionFieldsSchema,
  type UpdateAnnotation,
  type UpdateDocument,
  updateAnnotationSchema,
  updateDocumentSchema,
} from '@sidang/shared';
import type { Response } from 'express';
import type { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { recordWritesController } from '../../common/record-writes.controller.js';
import { UuidParamPipe, ZodValidationPipe } from '../../common/zod-validation.pipe.js';
import { AnnotationsService } from './annotations.service.js';
import { contentDisposition } from './document-content.js';
import { DocumentsService, type UploadedTempFile } from './documents.service.js';
import { UploadLimitFilter } from './documents.upload.js';

@Controller()
export class DocumentsController extends recordWritesController<DocumentRecord, UpdateDocument>('documents', updateDocumentSchema) {
  readonly records: DocumentsService;

  constructor(
    private readonly documents: DocumentsService,
    private readonly annotations: AnnotationsService,
  ) {
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

  /** A new file for the paper: it supersedes the current one, which stays readable by its version. */
  @Post('documents/:id/versions')
  @UseFilters(UploadLimitFilter)
  @UseInterceptors(FileInterceptor('file'))
  newVersion(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @UploadedFile() file: UploadedTempFile | undefined,
    @Body(new ZodValidationPipe(newDocumentVersionFieldsSchema)) fields: z.output<typeof newDocumentVersionFieldsSchema>,
  ): Promise<DocumentRecord> {
    return this.documents.uploadVersion(actor, id, file, fields.version);
  }

  @Get('documents/:id/versions')
  versions(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<DocumentFileVersion[]> {
    return this.documents.versions(actor, id);
  }

  @Get('documents/:id/versions/:fileVersion/content')
  async versionContent(
    @CurrentActor() actor: Actor,
    @Param(new ZodValidationPipe(fileVersionParamsSchema, 'params')) params: z.output<typeof fileVersionParamsSchema>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { file, stream } = await this.documents.versionContent(actor, params.id, params.fileVersion);
    return sendFile(response, file, stream);
  }

  @Get('documents/:id/annotations')
  annotationsOf(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<Annotation[]> {
    return this.annotations.list(actor, id);
  }

  @Post('documents/:id/annotations')
  annotate(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(createAnnotationSchema)) body: z.output<typeof createAnnotationSchema>,
  ): Promise<Annotation> {
    return this.annotations.create(actor, id, body);
  }

  @Patch('annotations/:id')
  updateAnnotation(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(updateAnnotationSchema)) body: UpdateAnnotation,
  ): Promise<Annotation> {
    return this.annotations.update(actor, id, body);
  }

  @Delete('annotations/:id')
  @HttpCode(204)
  removeAnnotation(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Query(new ZodValidationPipe(deleteVersionSchema, 'query')) query: z.output<typeof deleteVersionSchema>,
  ): Promise<void> {
    return this.annotations.remove(actor, id, query.version);
  }

  @Get('documents/:id/content')
  async content(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { document, stream } = await this.documents.content(actor, id);
    return sendFile(response, document, stream);
  }
}

/** A stored file as a download: its detected type, nosniff, never rendered as a page of this origin, never cached. */
function sendFile(
  response: Response,
  file: { mediaType: string; fileName: string; size: number },
  stream: import('node:stream').Readable,
): StreamableFile {
  const type = file.mediaType.startsWith('text/') ? `${file.mediaType}; charset=utf-8` : file.mediaType;
  response.setHeader('X-Content-Type-Options', 'nosniff');
  // Never rendered as a page of this origin, even if opened directly.
  response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  response.setHeader('Cache-Control', 'private, no-store');
  return new StreamableFile(stream, { type, disposition: contentDisposition(file.fileName), length: file.size });
}
