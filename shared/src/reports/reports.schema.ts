import { z } from 'zod';
import { classificationSchema } from '../access/classification.js';

/** How a report is answered: on screen (json) or as a file (csv, xlsx), marked either way. */
export const reportFormatSchema = z.enum(['json', 'csv', 'xlsx']).default('json').describe('json (default), csv or xlsx');
export type ReportFormat = z.output<typeof reportFormatSchema>;

export const attendanceReportQuerySchema = z.strictObject({
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .optional()
    .describe('The calendar year of the meetings (Kuala Lumpur); default: this year'),
  format: reportFormatSchema,
});
export type AttendanceReportQuery = z.output<typeof attendanceReportQuerySchema>;

export const actionsByAgencyReportQuerySchema = z.strictObject({ format: reportFormatSchema });
export type ActionsByAgencyReportQuery = z.output<typeof actionsByAgencyReportQuerySchema>;

/** One member's attendance over the year's meetings the reader may see. */
export const attendanceReportRowSchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  agency: z.string(),
  role: z.string(),
  invited: z
    .number()
    .int()
    .describe(
      'Meetings of the year held (started) that the reader may see and the member was invited to (every member for a meeting scheduled before invitations were kept)',
    ),
  present: z.number().int().describe('Marked present or in attendance'),
  apologies: z.number().int(),
  absent: z.number().int().describe('Invited, neither present nor with apologies'),
  rate: z.number().int().nullable().describe('present / invited, in per cent (null when invited is 0)'),
});
export type AttendanceReportRow = z.infer<typeof attendanceReportRowSchema>;

export const attendanceReportSchema = z.object({
  committeeId: z.uuid(),
  year: z.number().int(),
  meetings: z.number().int().describe('Meetings counted'),
  classification: classificationSchema.describe('The highest level of the meetings counted: the marking of the report'),
  rows: z.array(attendanceReportRowSchema),
});
export type AttendanceReport = z.infer<typeof attendanceReportSchema>;

/** Action items per owning agency (an item owned by several agencies counts for each). */
export const actionsByAgencyRowSchema = z.object({
  agency: z.string().describe('The agency code; empty for items with no agency'),
  open: z.number().int().describe('Not done nor cancelled (overdue ones included)'),
  overdue: z.number().int().describe('Open and past their due date'),
  done: z.number().int(),
});
export type ActionsByAgencyRow = z.infer<typeof actionsByAgencyRowSchema>;

export const actionsByAgencyReportSchema = z.object({
  committeeId: z.uuid(),
  today: z.iso.date().describe("The day overdue is counted on, in the committee's zone"),
  classification: classificationSchema.describe('The highest level of the action items counted: the marking of the report'),
  rows: z.array(actionsByAgencyRowSchema),
});
export type ActionsByAgencyReport = z.infer<typeof actionsByAgencyReportSchema>;
