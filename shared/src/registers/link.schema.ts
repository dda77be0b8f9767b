import { z } from 'zod';
import { classificationSchema } from '../access/classification.js';
import { LINKABLE_TYPES } from '../records/record-types.js';

/** A link between two records of one committee; governed by the higher of both ends. */
export const recordLinkSchema = z.object({
  id: z.uuid(),
  committeeId: z.uuid(),
  fromId: z.uuid(),
  fromType: z.enum(LINKABLE_TYPES),
  toId: z.uuid(),
  toType: z.enum(LINKABLE_TYPES),
  classification: classificationSchema.describe('The higher of both ends when linked'),
  version: z.number().int().min(1),
  createdById: z.uuid(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type RecordLink = z.infer<typeof recordLinkSchema>;

export const createRecordLinkSchema = z.strictObject({
  fromId: z.uuid().transform((id) => id.toLowerCase()),
  toId: z.uuid().transform((id) => id.toLowerCase()),
});
export type CreateRecordLink = z.input<typeof createRecordLinkSchema>;

/** One linked record as `GET /api/records/:id/links` shows it (only records the reader may see). */
export const linkedRecordSchema = z.object({
  linkId: z.uuid().describe('For DELETE /api/links/:id'),
  direction: z.enum(['outgoing', 'incoming']).describe('outgoing: this record is fromId'),
  type: z.enum(LINKABLE_TYPES),
  id: z.uuid(),
  committeeId: z.uuid(),
  title: z.string(),
  classification: classificationSchema,
});
export type LinkedRecord = z.infer<typeof linkedRecordSchema>;
