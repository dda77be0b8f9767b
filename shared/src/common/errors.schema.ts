import { z } from 'zod';

/** Every error the API returns has this shape. */
export const apiErrorSchema = z.object({
  statusCode: z.number().int(),
  message: z.string().describe('Human-readable; for invalid input it names the field'),
  error: z.string().optional(),
  issues: z
    .array(z.object({ path: z.string(), message: z.string() }))
    .optional()
    .describe('One entry per invalid field'),
  current: z.unknown().optional().describe('On 409: the record as it is stored now'),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** ISO calendar date, e.g. 2025-06-30. */
export const isoDateSchema = z.iso.date().describe('ISO date, YYYY-MM-DD');
