import { z } from 'zod';
import { DESCRIBED_VERBS } from './describe-words.js';

/** One field's change, as the reader may see it. */
export const fieldChangeSchema = z.object({
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type FieldChange = z.infer<typeof fieldChangeSchema>;

/** One entry of the audit trail, filtered and projected for the reader. */
export const activityEntrySchema = z.object({
  seq: z.number().int().min(1),
  at: z.iso.datetime(),
  actorId: z.uuid(),
  actorName: z.string(),
  entityType: z.string().describe('Record type, e.g. action-item'),
  entityId: z.uuid(),
  verb: z
    .enum(DESCRIBED_VERBS)
    .describe('moved: an agenda item moved in its agenda; current-item-changed: a meeting moved on to another item'),
  title: z.string().nullable().describe("The record's title (or name) after the change, when it has one"),
  titleFields: z
    .record(z.string(), z.unknown())
    .nullable()
    .optional()
    .describe("The fields the title is read from when a screen says it in its language (a negotiation round's number)"),
  changes: z
    .array(fieldChangeSchema)
    .describe('Fields the change moved, before → after; fields above the reader, or values they could not see then, are left out'),
  parentTitle: z
    .string()
    .nullable()
    .describe('The governing record\'s name (a meeting by its number, "Bil. 3/2026"), for a record named by it, e.g. minutes'),
  ancestorIds: z.array(z.uuid()).describe('The records that govern this one, nearest first (where it opens)'),
  names: z
    .record(z.string(), z.string())
    .describe(
      'Names of the users and records the changed fields point at, as far as the reader may see them; ids not named here are not to be shown',
    ),
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;

export const activityQuerySchema = z.strictObject({
  entityId: z.uuid().optional().describe("One record's history (with its progress updates) instead of the whole committee's"),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'cursor: use nextCursor from the previous page')
    .optional()
    .describe('Opaque; nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ActivityQuery = z.output<typeof activityQuerySchema>;

export const activityPageSchema = z.object({
  items: z.array(activityEntrySchema).describe('Newest first'),
  nextCursor: z.string().nullable(),
});
export type ActivityPage = z.infer<typeof activityPageSchema>;
