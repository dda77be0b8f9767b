import { BadRequestException } from '@nestjs/common';
import { CLASSIFICATIONS, type Classification, classificationLevel, classificationSchema } from '@sidang/shared';
import { issue } from '../common/zod-validation.pipe.js';

/** What a requested view level comes to for a caller: the clearance to serve them at, or why it is refused. */
export type ViewLevelResult =
  | { ok: true; clearance: Classification }
  | { ok: false; code: 'invalid_value' | 'above_clearance'; message: string };

/**
 * The clearance a caller cleared to `clearance` is served at when they ask to view at
 * `requested` (undefined: their own). A view level only ever lowers it.
 */
export function viewLevelFor(clearance: Classification, requested: unknown): ViewLevelResult {
  if (requested === undefined) return { ok: true, clearance };
  const parsed = classificationSchema.safeParse(requested);
  if (!parsed.success) return { ok: false, code: 'invalid_value', message: `must be one of ${CLASSIFICATIONS.join(', ')}` };
  if (classificationLevel(parsed.data) > classificationLevel(clearance)) {
    return { ok: false, code: 'above_clearance', message: `must not be above your clearance (${clearance})` };
  }
  return { ok: true, clearance: parsed.data };
}

/** As `viewLevelFor`, for an HTTP request: a refused level is a 400 naming `field`. */
export function requireViewLevel(clearance: Classification, requested: unknown, field: string): Classification {
  const result = viewLevelFor(clearance, requested);
  if (result.ok) return result.clearance;
  throw new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    code: result.code === 'above_clearance' ? 'above_clearance' : 'invalid_input',
    message: `${field}: ${result.message}`,
    issues: [issue(field, result.code, result.message)],
  });
}
