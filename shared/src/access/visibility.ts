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
 * Fields that point at another record (or describe that pointer) and are withheld as `null`
 * rather than removed: the wire shape keeps them nullable, so a reader's screen never meets a
 * missing field, and `flag` (set to `true`) tells the reader that something they may not see
 * is there, e.g. a meeting whose current agenda item is above them.
 */
export const WITHHELD_AS_NULL: Readonly<Record<string, { flag?: string }>> = {
  currentAgendaItemId: { flag: 'currentItemRestricted' },
  currentItemStartedAt: {},
  currentItemQuorum: {},
};

/**
 * The record as a reader cleared to `clearance` may see it: fields classified above them are
 * removed (pointer fields of `WITHHELD_AS_NULL` become `null`) and named in `redactedFields`.
 * Every channel (REST, socket, catch-up, activity, search, export, PDF) projects through this
 * one function; a record without field levels is returned as it is.
 *
 * A logged copy of a record (an event, an audit row) passes the record's `current` field
 * levels: each field is projected through the higher of the level it was logged with and its
 * level now, so a field since raised above the reader never shows an earlier value.
 */
export function projectFor<T extends object>(record: T, clearance: Classification, current?: FieldClassifications | null): T {
  const levels = higherFieldLevels((record as FieldLevelled).fieldClassifications, current, record);
  if (!levels) return record;
  const reader = classificationLevel(clearance);
  const redacted = Object.entries(levels)
    .filter(([, level]) => level !== undefined && classificationLevel(level) > reader)
    .map(([field]) => field)
    .sort();
  if (redacted.length === 0) return record;
  const copy: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const field of redacted) {
    const pointer = Object.hasOwn(WITHHELD_AS_NULL, field) ? WITHHELD_AS_NULL[field] : undefined;
    if (!pointer) {
      delete copy[field];
      continue;
    }
    copy[field] = null;
    if (pointer.flag) copy[pointer.flag] = true;
  }
  if (levels !== (record as FieldLevelled).fieldClassifications) copy.fieldClassifications = levels;
  copy.redactedFields = redacted;
  return copy as T;
}

/**
 * Per field, the higher of a logged record's field levels and the record's current ones (the
 * logged object itself when `current` raises nothing): the one merge every channel that serves
 * history uses, through `projectFor`. Only fields the logged copy holds are taken from `current`
 * (a logged delete carries just the id: nothing to withhold).
 */
export function higherFieldLevels(
  logged: FieldClassifications | undefined,
  current: FieldClassifications | null | undefined,
  record: object,
): FieldClassifications | undefined {
  if (!current) return logged;
  let merged: FieldClassifications | undefined = logged;
  for (const [field, level] of Object.entries(current)) {
    const before = merged?.[field];
    if (!level || !Object.hasOwn(record, field) || (before && classificationLevel(before) >= classificationLevel(level))) continue;
    if (merged === logged) merged = { ...logged };
    (merged as FieldClassifications)[field] = level;
  }
  return merged;
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

/** The lower of two levels: a clearance viewed at a chosen level is never above either. */
export function lowerOf(a: Classification, b: Classification): Classification {
  return classificationLevel(a) <= classificationLevel(b) ? a : b;
}

/**
 * The request header (and the socket handshake's `auth.viewLevel`) with which a screen that
 * others see — a projector in a room — asks to be served below its user's clearance. It can
 * only lower what the caller receives: a level above their own clearance is refused.
 */
export const VIEW_LEVEL_HEADER = 'X-Sidang-View-Level';
