import { z } from 'zod';
import { classificationSchema, declassificationReasonSchema } from '../access/classification.js';
import { isoDateSchema } from '../common/errors.schema.js';
import { text } from '../common/text.js';
import { ACTION_ITEM_LEVELLED_FIELDS, ACTION_ITEM_STATUSES, PRIORITIES } from './action-item.constants.js';

export * from './action-item.constants.js';

export const actionItemStatusSchema = z.enum(ACTION_ITEM_STATUSES);

export const prioritySchema = z.enum(PRIORITIES);

const agencyCode = text().trim().min(1).max(40);

const actionItemFieldClassificationsSchema = z
  .strictObject({ description: classificationSchema.optional() })
  .describe('Fields classified above the item: a reader cleared for the item but not the field gets it without that field');

export const actionItemSchema = z.object({
  id: z.uuid(),
  committeeId: z.uuid(),
  title: z.string(),
  description: z.string().optional().describe('Absent when classified above the reader (named in redactedFields)'),
  status: actionItemStatusSchema,
  priority: prioritySchema,
  dueDate: isoDateSchema.nullable(),
  ownerIds: z.array(z.uuid()).describe('Users who own the action'),
  ownerAgencies: z.array(z.string()).describe('Agencies that own the action ("Tindakan: JMG, NRES")'),
  classification: classificationSchema,
  fieldClassifications: actionItemFieldClassificationsSchema,
  meetingId: z.uuid().nullable().describe('Origin: the meeting that raised it'),
  agendaItemId: z.uuid().nullable().describe('Origin: the agenda item that raised it'),
  redactedFields: z.array(z.enum(ACTION_ITEM_LEVELLED_FIELDS)).optional().describe('Fields withheld from this reader'),
  version: z.number().int().min(1),
  createdById: z.uuid(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ActionItem = z.infer<typeof actionItemSchema>;

const editableFields = {
  title: text().trim().min(1, 'title must not be empty').max(300),
  description: text().max(20_000),
  status: actionItemStatusSchema,
  priority: prioritySchema,
  dueDate: isoDateSchema.nullable(),
  ownerIds: z.array(z.uuid()).max(50),
  ownerAgencies: z.array(agencyCode).max(50),
  classification: classificationSchema,
  fieldClassifications: actionItemFieldClassificationsSchema,
};

export const createActionItemSchema = z.strictObject({
  ...editableFields,
  description: editableFields.description.default(''),
  status: editableFields.status.default('open'),
  priority: editableFields.priority.default('medium'),
  dueDate: editableFields.dueDate.default(null),
  ownerIds: editableFields.ownerIds.default([]),
  ownerAgencies: editableFields.ownerAgencies.default([]),
  classification: editableFields.classification
    .optional()
    .describe('Default: the highest level of its origin (meeting, agenda item, minutes section), OPEN without one'),
  fieldClassifications: editableFields.fieldClassifications.default({}),
  meetingId: z.uuid().nullable().default(null).describe('Origin meeting (of this committee)'),
  agendaItemId: z.uuid().nullable().default(null).describe('Origin agenda item (of that meeting)'),
  minutesSectionId: z
    .uuid()
    .nullable()
    .default(null)
    .describe('Origin minutes section (of that agenda item), when raised from the minutes: the action takes at least its level'),
  declassificationReason: declassificationReasonSchema.optional(),
});
export type CreateActionItem = z.input<typeof createActionItemSchema>;

export const updateActionItemSchema = z.strictObject({
  version: z.number().int().min(1).describe('The version the edit is based on; a stale one is refused with 409'),
  title: editableFields.title.optional(),
  description: editableFields.description.optional(),
  status: editableFields.status.optional(),
  priority: editableFields.priority.optional(),
  dueDate: editableFields.dueDate.optional(),
  ownerIds: editableFields.ownerIds.optional(),
  ownerAgencies: editableFields.ownerAgencies.optional(),
  classification: editableFields.classification.optional(),
  fieldClassifications: editableFields.fieldClassifications.optional(),
});
export type UpdateActionItem = z.infer<typeof updateActionItemSchema>;

export const deleteActionItemSchema = z.strictObject({
  version: z.coerce.number().int().min(1).describe('The version being deleted; a stale one is refused with 409'),
});

export const listActionItemsQuerySchema = z.strictObject({
  status: z
    .union([actionItemStatusSchema, z.array(actionItemStatusSchema)])
    .optional()
    .transform((value) => (value === undefined ? undefined : Array.isArray(value) ? value : [value])),
  owner: z.union([z.literal('me'), z.uuid()]).optional(),
  agency: agencyCode.optional(),
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true')),
});
export type ListActionItemsQuery = z.infer<typeof listActionItemsQuerySchema>;

/** One entry in an action item's progress thread. */
export const progressUpdateSchema = z.object({
  id: z.uuid(),
  actionItemId: z.uuid(),
  committeeId: z.uuid(),
  body: z.string(),
  authorId: z.uuid(),
  authorName: z.string(),
  classification: classificationSchema,
  version: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ProgressUpdate = z.infer<typeof progressUpdateSchema>;

export const createProgressUpdateSchema = z.strictObject({
  body: text().trim().min(1, 'body must not be empty').max(5_000),
});

/** An open action from an earlier meeting, with its latest visible progress update. */
export const matterArisingSchema = z.object({
  item: actionItemSchema,
  latestUpdate: progressUpdateSchema.nullable(),
});
export type MatterArising = z.infer<typeof matterArisingSchema>;
