import { Controller, Get, Param, Query, Res, type StreamableFile } from '@nestjs/common';
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
import { sendReport } from '../exports/file-answer.js';
import { ReportsService } from './reports.service.js';
import './reports.openapi.js';

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
    return sendReport(response, query.format, {
      json: async () => report,
      file: (format) => this.reports.attendanceFile(actor, report, format),
    });
  }

  @Get('actions-by-agency')
  actionsByAgency(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Query(new ZodValidationPipe(actionsByAgencyReportQuerySchema, 'query')) query: ActionsByAgencyReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionsByAgencyReport | StreamableFile> {
    return sendReport(response, query.format, {
      json: () => this.reports.actionsByAgency(actor, committeeId),
      file: (format) => this.reports.actionsByAgencyFile(actor, committeeId, format),
    });
  }
}
