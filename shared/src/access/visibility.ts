import { z } from 'zod';
import { type Classification, classificationLevel, classificationSchema } from './classification.js';

/**
 * Per-field levels above a record's own, e.g. `{ redLines: 'SECRET' }` on a CONFIDENTIAL
 * negotiation. A reader cleared for the record but not for a field gets the record without
 * that field's value and with its name in `redactedFields`.
 */
export const fieldClassificationsSchema = z
  .record(z.string().min(1).max(64), classificationSchema)
  .describe('Field name → level above the record, for fields a lower-cleared reader must not see');
export type FieldClassifications = Partial<Record<string, Classification>>;

/** What every record type that may carry field levels adds to its wire shape. */
export interface FieldLevelled {
  fieldClassifications?: FieldClassifications;
  redactedFields?: string[];
}

/**
 * The record as a reader cleared to `clearance` may see it: fields classified above them are
 * removed and named in `redactedFields`. Every channel (REST, socket, catch-up, activity,
 * search, export, PDF) projects through this one function; a record without field levels is
 * returned as it is.
 */
export function projectFor<T extends object>(record: T, clearance: Classification): T {
  const levels = (record as FieldLevelled).fieldClassifications;
  if (!levels) return record;
  const reader = classificationLevel(clearance);
  const redacted = Object.entries(levels)
    .filter(([, level]) => level !== undefined && classificationLevel(level) > reader)
    .map(([field]) => field)
    .sort();
  if (redacted.length === 0) return record;
  const copy: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const field of redacted) delete copy[field];
  copy.redactedFields = redacted;
  return copy as T;
}

/** The highest level among a record's field levels and its own: who may see all of it. */
export function fullViewLevel(classification: Classification, levels: FieldClassifications | undefined): Classification {
  let top = classification;
  for (const level of Object.values(levels ?? {})) {
    if (level && classificationLevel(level) > classificationLevel(top)) top = level;
  }
  return top;
}

/** The higher of two levels: a child record is governed by its parent's level and its own. */
export function higherOf(a: Classification, b: Classification): Classification {
  return classificationLevel(a) >= classificationLevel(b) ? a : b;
}
