import { z } from 'zod';

/**
 * Stable machine codes of one invalid field. Clients translate by these, never by the English
 * message, which may change.
 */
export const ISSUE_CODES = [
  'required',
  'too_short',
  'too_long',
  'too_many',
  'too_small',
  'too_big',
  'invalid_type',
  'invalid_format',
  'invalid_value',
  'nul_byte',
  'unknown_field',
  'above_clearance',
  'not_members',
  'nothing_to_change',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** Stable machine codes of a whole error (top-level `code`). */
export const ERROR_CODES = [
  'invalid_input',
  'invalid_json',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'stale_version',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'busy',
  'above_clearance',
  'not_members',
  'nothing_to_change',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

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
  code: z.enum(ERROR_CODES).optional().describe('Stable machine code of the error'),
  error: z.string().optional(),
  issues: z.array(apiIssueSchema).optional().describe('One entry per invalid field'),
  retryAfter: z.number().int().optional().describe('On 429: seconds to wait (also in the Retry-After header)'),
  current: z.unknown().optional().describe('On 409: the record as it is stored now'),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** ISO calendar date, e.g. 2025-06-30. */
export const isoDateSchema = z.iso.date().describe('ISO date, YYYY-MM-DD');
