import { z } from 'zod';
import { ERROR_CODES, ISSUE_CODES } from './errors.constants.js';

export * from './errors.constants.js';

/** One invalid field. `path` is kept beside `field` for older clients. */
export const apiIssueSchema = z.object({
  field: z.string().describe('The field, e.g. "title" or "ownerAgencies.0"; "body" or "query" for the whole input'),
  path: z.string().describe('Same as field (kept for compatibility)'),
  code: z.enum(ISSUE_CODES).describe('Stable machine code of the rule that failed'),
  message: z.string().describe('Human-readable, English'),
  params: z
    .object({ max: z.number().optional(), min: z.number().optional(), format: z.string().optional(), level: z.string().optional() })
    .optional()
    .describe('Values the rule names: a limit, a format, a clearance level'),
});
export type ApiIssue = z.infer<typeof apiIssueSchema>;

/** Every error the API returns has this shape. */
export const apiErrorSchema = z.object({
  statusCode: z.number().int(),
  message: z.string().describe('Human-readable; for invalid input it names the field'),
  code: z.enum(ERROR_CODES).describe('Stable machine code of the error: clients translate by it, never by the message'),
  error: z.string().optional(),
  issues: z.array(apiIssueSchema).optional().describe('One entry per invalid field'),
  retryAfter: z.number().int().optional().describe('On 429: seconds to wait (also in the Retry-After header)'),
  current: z.unknown().optional().describe('On 409: the record as it is stored now'),
  requestId: z
    .string()
    .optional()
    .describe(
      "The request's id, also in the X-Request-Id response header and in every log line of the request: quote it when reporting a fault",
    ),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** ISO calendar date, e.g. 2025-06-30. */
export const isoDateSchema = z.iso.date().describe('ISO date, YYYY-MM-DD');
