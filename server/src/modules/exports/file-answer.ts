import { StreamableFile } from '@nestjs/common';
import type { Classification, ExportFormat } from '@sidang/shared';
import type { Response } from 'express';
import type { ExportFile } from './spreadsheet.js';

/** An export or a report as a file: an attachment, its highest level also in `X-Classification`, never cached. */
export function sendFile(response: Response, file: ExportFile): StreamableFile {
  response.setHeader('content-type', file.contentType);
  response.setHeader('content-disposition', `attachment; filename="${file.filename}"`);
  response.setHeader('x-classification', file.level);
  response.setHeader('cache-control', 'no-store');
  return new StreamableFile(file.body);
}

/** How a report may be read: as JSON for the screen, or as one of the export formats. */
export interface ReportReading<R> {
  json(): Promise<R>;
  file(format: ExportFormat): Promise<ExportFile>;
}

/** A report in the format asked: JSON with its level in `X-Classification`, or a file (`sendFile`); never cached. */
export async function sendReport<R extends { classification: Classification }>(
  response: Response,
  format: 'json' | ExportFormat,
  reading: ReportReading<R>,
): Promise<R | StreamableFile> {
  if (format !== 'json') return sendFile(response, await reading.file(format));
  const report = await reading.json();
  response.setHeader('x-classification', report.classification);
  response.setHeader('cache-control', 'no-store');
  return report;
}
