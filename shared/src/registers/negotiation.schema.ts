import { z } from 'zod';
import { classificationSchema } from '../access/classification.js';
import { text } from '../common/text.js';
import { RECORD_TYPES } from '../records/record-types.js';
import { fieldLevelsSchema, optionalDateSchema, optionalShape, pageQueryFields, recordFields, versionField } from './common.js';

export const NEGOTIATION_KINDS = ['fta_chapter', 'investment', 'supply_chain', 'mou'] as const;
export type NegotiationKind = (typeof NEGOTIATION_KINDS)[number];
export const NEGOTIATION_STATUSES = ['preparing', 'in_progress', 'suspended', 'concluded', 'abandoned'] as const;
export type NegotiationStatus = (typeof NEGOTIATION_STATUSES)[number];

/** Fields of a negotiation that may carry a level above the record's own (e.g. redLines SECRET). */
export const NEGOTIATION_LEVELLED_FIELDS = RECORD_TYPES.negotiation.levelledFields;
const negotiationFieldLevels = fieldLevelsSchema(NEGOTIATION_LEVELLED_FIELDS);

export const negotiationSchema = z.object({
  ...recordFields,
  title: z.string(),
  counterpart: z.string(),
  kind: z.enum(NEGOTIATION_KINDS),
  status: z.enum(NEGOTIATION_STATUSES),
  position: z.string().optional().describe('Our position; absent when classified above the reader'),
  redLines: z.string().optional().describe('Absent when classified above the reader'),
  fallback: z.string().optional().describe('Absent when classified above the reader'),
  concessions: z.string().optional().describe('Absent when classified above the reader'),
  fieldClassifications: negotiationFieldLevels,
  redactedFields: z.array(z.enum(NEGOTIATION_LEVELLED_FIELDS)).optional().describe('Fields withheld from this reader'),
  createdById: z.uuid(),
});
export type Negotiation = z.infer<typeof negotiationSchema>;

const negotiationEditable = {
  title: text().trim().min(1, 'title must not be empty').max(300),
  counterpart: text().trim().max(300),
  kind: z.enum(NEGOTIATION_KINDS),
  status: z.enum(NEGOTIATION_STATUSES),
  position: text().max(20_000),
  redLines: text().max(20_000),
  fallback: text().max(20_000),
  concessions: text().max(20_000),
  classification: classificationSchema,
  fieldClassifications: negotiationFieldLevels,
};
export const createNegotiationSchema = z.strictObject({
  ...negotiationEditable,
  counterpart: negotiationEditable.counterpart.default(''),
  kind: negotiationEditable.kind.default('fta_chapter'),
  status: negotiationEditable.status.default('preparing'),
  position: negotiationEditable.position.default(''),
  redLines: negotiationEditable.redLines.default(''),
  fallback: negotiationEditable.fallback.default(''),
  concessions: negotiationEditable.concessions.default(''),
  classification: negotiationEditable.classification.default('OPEN'),
  fieldClassifications: negotiationEditable.fieldClassifications.default({}),
});
export type CreateNegotiation = z.input<typeof createNegotiationSchema>;
export const updateNegotiationSchema = z.strictObject({ ...versionField, ...optionalShape(negotiationEditable) });
export type UpdateNegotiation = z.infer<typeof updateNegotiationSchema>;

export const listNegotiationsQuerySchema = z.strictObject({
  ...pageQueryFields,
  kind: z.enum(NEGOTIATION_KINDS).optional(),
  status: z.enum(NEGOTIATION_STATUSES).optional(),
});
export type ListNegotiationsQuery = z.output<typeof listNegotiationsQuerySchema>;

/** One round of a negotiation; governed by the negotiation. */
export const negotiationRoundSchema = z.object({
  ...recordFields,
  negotiationId: z.uuid(),
  number: z.number().int().min(1),
  startsOn: optionalDateSchema,
  endsOn: optionalDateSchema,
  venue: z.string(),
  outcome: z.string(),
  nextSteps: z.string(),
});
export type NegotiationRound = z.infer<typeof negotiationRoundSchema>;

const roundEditable = {
  number: z.number().int().min(1).max(1000),
  startsOn: optionalDateSchema,
  endsOn: optionalDateSchema,
  venue: text().trim().max(300),
  outcome: text().max(20_000),
  nextSteps: text().max(20_000),
  classification: classificationSchema,
};
export const createNegotiationRoundSchema = z
  .strictObject({
    ...roundEditable,
    number: roundEditable.number.optional().describe('Default: the next number'),
    startsOn: roundEditable.startsOn.default(null),
    endsOn: roundEditable.endsOn.default(null),
    venue: roundEditable.venue.default(''),
    outcome: roundEditable.outcome.default(''),
    nextSteps: roundEditable.nextSteps.default(''),
    classification: classificationSchema.optional().describe("Default: the negotiation's"),
  })
  .refine((input) => !input.startsOn || !input.endsOn || input.endsOn >= input.startsOn, {
    path: ['endsOn'],
    message: 'endsOn must not be before startsOn',
  });
export type CreateNegotiationRound = z.input<typeof createNegotiationRoundSchema>;
export const updateNegotiationRoundSchema = z.strictObject({ ...versionField, ...optionalShape(roundEditable) });
export type UpdateNegotiationRound = z.infer<typeof updateNegotiationRoundSchema>;
