import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import {
  type ActionsByAgencyReport,
  type ActionsByAgencyReportQuery,
  type AttendanceReport,
  type AttendanceReportQuery,
  actionsByAgencyReportQuerySchema,
  attendanceReportQuerySchema,
} from '@sidang/shared';
import type { Response } from 'express';
import type { Actor } from '../../access/actor.js';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { UuidParamPipe, ZodValidationPipe } from '../../common/zod-validation.pipe.js';
import type { ExportFile } from '../exports/spreadsheet.js';
import { ReportsService } from './reports.service.js';
import './reports.openapi.js';

/** The file as an attachment, its marking also in `X-Classification`. */
function send(response: Response, file: ExportFile): StreamableFile {
  response.setHeader('content-type', file.contentType);
  response.setHeader('content-disposition', `attachment; filename="${file.filename}"`);
  response.setHeader('x-classification', file.level);
  response.setHeader('cache-control', 'no-store');
  return new StreamableFile(file.body);
}

@Controller('committees/:committeeId/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('attendance')
  async attendance(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Query(new ZodValidationPipe(attendanceReportQuerySchema, 'query')) query: AttendanceReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AttendanceReport | StreamableFile> {
    const report = await this.reports.attendance(actor, committeeId, query.year);
    response.setHeader('cache-control', 'no-store');
    if (query.format === 'json') {
      response.setHeader('x-classification', report.classification);
      return report;
    }
    return send(response, await this.reports.attendanceFile(actor, report, query.format));
  }

  @Get('actions-by-agency')
  async actionsByAgency(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Query(new ZodValidationPipe(actionsByAgencyReportQuerySchema, 'query')) query: ActionsByAgencyReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionsByAgencyReport | StreamableFile> {
    response.setHeader('cache-control', 'no-store');
    if (query.format === 'json') {
      const report = await this.reports.actionsByAgency(actor, committeeId);
      response.setHeader('x-classification', report.classification);
      return report;
    }
    return send(response, await this.reports.actionsByAgencyFile(actor, committeeId, query.format));
  }
}
