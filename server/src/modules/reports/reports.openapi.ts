import {
  actionsByAgencyReportQuerySchema,
  actionsByAgencyReportSchema,
  attendanceReportQuerySchema,
  attendanceReportSchema,
} from '@sidang/shared';
import { committeeParams, describeTag } from '../../common/openapi.js';

const describe = describeTag('Reports');

describe({
  method: 'get',
  path: '/api/committees/:committeeId/reports/attendance',
  summary:
    'Attendance per member over a year (invited, present, apologies, absent, %), counting only meetings the caller may see; json, or a marked csv/xlsx file (X-Classification: the highest level counted)',
  params: committeeParams,
  query: attendanceReportQuerySchema,
  response: attendanceReportSchema,
});
describe({
  method: 'get',
  path: '/api/committees/:committeeId/reports/actions-by-agency',
  summary:
    'Action items per agency (open, overdue, done), counting only those the caller may see; json, or a marked csv/xlsx file (X-Classification: the highest level counted)',
  params: committeeParams,
  query: actionsByAgencyReportQuerySchema,
  response: actionsByAgencyReportSchema,
});
