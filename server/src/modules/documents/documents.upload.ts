import { tmpdir } from 'node:os';
import { type ArgumentsHost, Catch, type ExceptionFilter, Inject, PayloadTooLargeException } from '@nestjs/common';
import type { MulterModuleOptions } from '@nestjs/platform-express';
import type { Response } from 'express';
import { requestIdOf } from '../../common/request-context.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { documentErrors } from './documents.errors.js';

/**
 * Upload parsing: one file part named `file`, streamed to a temporary file (never held in
 * memory), stopped at UPLOAD_MAX_BYTES; a few short form fields beside it.
 */
export function uploadOptions(config: AppConfig): MulterModuleOptions {
  return {
    dest: tmpdir(),
    limits: { fileSize: config.UPLOAD_MAX_BYTES, files: 1, fields: 8, fieldSize: 4096, parts: 10, headerPairs: 100 },
  };
}

/** The parser's "file too large" as the API says it: 413 naming `file` and the limit. */
@Catch(PayloadTooLargeException)
export class UploadLimitFilter implements ExceptionFilter {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(_exception: PayloadTooLargeException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    const refusal = documentErrors.tooLarge(this.config.UPLOAD_MAX_BYTES);
    response.status(refusal.getStatus()).json({ ...(refusal.getResponse() as object), requestId: requestIdOf(response) });
  }
}
