import { z } from 'zod';
import { type Classification, classificationSchema } from '../access/classification.js';

/** ISO calendar date or null. */
export const optionalDateSchema = z.iso.date().nullable().describe('ISO date, YYYY-MM-DD, or null');

/** Page of a register list (CONTRACT "Lists"): `limit` default 100, at most 500, `cursor` from `nextCursor`. */
export const pageQueryFields = {
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('At most 500; default 100'),
  cursor: z.string().min(1).max(500).optional().describe('Opaque: nextCursor of the previous page'),
};

/** `{ items, nextCursor }` of one register list. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable().describe('Null on the last page') });
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** `?flag=true|false` as a boolean. */
export const booleanQuerySchema = z
  .enum(['true', 'false'])
  .optional()
  .transform((value) => (value === undefined ? undefined : value === 'true'));

/**
 * Per-field levels of a record type whose fields in `fields` may be classified above the
 * record: a reader cleared for the record but not the field gets it without that field.
 */
export function fieldLevelsSchema<F extends string>(fields: readonly F[]) {
  return z
    .strictObject(
      Object.fromEntries(fields.map((field) => [field, classificationSchema.optional()])) as Record<
        F,
        z.ZodOptional<typeof classificationSchema>
      >,
    )
    .describe(`Fields classified above the record (${fields.join(', ')}); withheld from readers not cleared for them`);
}
export type FieldLevelsOf<F extends string> = Partial<Record<F, Classification>>;

/** What every record carries (CONTRACT "HTTP"). */
export const recordFields = {
  id: z.uuid(),
  committeeId: z.uuid(),
  classification: classificationSchema,
  version: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

export const exportFormatSchema = z.enum(['csv', 'xlsx']).describe('csv or xlsx');
export type ExportFormat = z.infer<typeof exportFormatSchema>;
/** `format` of every `…/export` endpoint; the other parameters are the list's filters. */
export const exportFields = { format: exportFormatSchema.default('csv') };

/** Every field of `shape`, optional: the editable fields of a PATCH. */
export function optionalShape<S extends Record<string, z.ZodType>>(shape: S): { [K in keyof S]: z.ZodOptional<S[K]> } {
  return Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, schema.optional()])) as {
    [K in keyof S]: z.ZodOptional<S[K]>;
  };
}

/** The version a PATCH is based on. */
export const versionField = {
  version: z.number().int().min(1).describe('The version the edit is based on; a stale one is refused with 409'),
};
