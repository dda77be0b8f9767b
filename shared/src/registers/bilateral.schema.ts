import { z } from 'zod';
import { classificationSchema } from '../access/classification.js';
import { text } from '../common/text.js';
import { RECORD_TYPES } from '../records/record-types.js';
import { fieldLevelsSchema, optionalDateSchema, optionalShape, pageQueryFields, recordFields, versionField } from './common.js';

/** ISO 3166-1 alpha-2 code, upper case (EU is accepted as its exceptionally reserved code). */
export const countryCodeSchema = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166 alpha-2 country code, e.g. JP')
  .transform((value) => value.toUpperCase())
  .describe('ISO 3166-1 alpha-2 code, e.g. JP, KR, US; EU for the European Union');

export const BILATERAL_LEVELS = ['ministerial', 'senior_officials', 'technical'] as const;
export type BilateralLevel = (typeof BILATERAL_LEVELS)[number];
export const bilateralLevelSchema = z.enum(BILATERAL_LEVELS);

/** Fields of a bilateral meeting that may carry a level above the meeting's own. */
export const BILATERAL_MEETING_LEVELLED_FIELDS = RECORD_TYPES['bilateral-meeting'].levelledFields;
const bilateralFieldLevels = fieldLevelsSchema(BILATERAL_MEETING_LEVELLED_FIELDS);

export const bilateralMeetingSchema = z.object({
  ...recordFields,
  country: z.string().describe('ISO 3166-1 alpha-2'),
  counterpart: z.string().describe('Counterpart organisation, e.g. "JICA"'),
  level: bilateralLevelSchema,
  date: z.iso.date(),
  place: z.string(),
  ourDelegation: z.string().optional().describe('Absent when classified above the reader'),
  objectives: z.string().optional().describe('Absent when classified above the reader'),
  outcomes: z.string().optional().describe('Absent when classified above the reader'),
  fieldClassifications: bilateralFieldLevels,
  redactedFields: z.array(z.enum(BILATERAL_MEETING_LEVELLED_FIELDS)).optional().describe('Fields withheld from this reader'),
  openCommitments: z
    .number()
    .int()
    .describe('Open commitments of the meeting the reader may see (live events count those at or below the meeting’s level)'),
  createdById: z.uuid(),
});
export type BilateralMeeting = z.infer<typeof bilateralMeetingSchema>;

const bilateralEditable = {
  country: countryCodeSchema,
  counterpart: text().trim().min(1, 'counterpart must not be empty').max(300),
  level: bilateralLevelSchema,
  date: z.iso.date(),
  place: text().trim().max(300),
  ourDelegation: text().max(5_000),
  objectives: text().max(20_000),
  outcomes: text().max(20_000),
  classification: classificationSchema,
  fieldClassifications: bilateralFieldLevels,
};

export const createBilateralMeetingSchema = z.strictObject({
  ...bilateralEditable,
  level: bilateralEditable.level.default('technical'),
  place: bilateralEditable.place.default(''),
  ourDelegation: bilateralEditable.ourDelegation.default(''),
  objectives: bilateralEditable.objectives.default(''),
  outcomes: bilateralEditable.outcomes.default(''),
  classification: bilateralEditable.classification.default('OPEN'),
  fieldClassifications: bilateralEditable.fieldClassifications.default({}),
});
export type CreateBilateralMeeting = z.input<typeof createBilateralMeetingSchema>;

export const updateBilateralMeetingSchema = z.strictObject({ ...versionField, ...optionalShape(bilateralEditable) });
export type UpdateBilateralMeeting = z.infer<typeof updateBilateralMeetingSchema>;

export const listBilateralMeetingsQuerySchema = z.strictObject({
  ...pageQueryFields,
  country: countryCodeSchema.optional(),
  level: bilateralLevelSchema.optional(),
  from: z.iso.date().optional().describe('On or after this date'),
  to: z.iso.date().optional().describe('On or before this date'),
});
export type ListBilateralMeetingsQuery = z.output<typeof listBilateralMeetingsQuerySchema>;

export const COMMITMENT_SIDES = ['ours', 'theirs'] as const;
export const COMMITMENT_STATUSES = ['open', 'done'] as const;

/** What one side committed to at a bilateral meeting; governed by the meeting. */
export const bilateralCommitmentSchema = z.object({
  ...recordFields,
  bilateralMeetingId: z.uuid(),
  side: z.enum(COMMITMENT_SIDES),
  text: z.string(),
  dueDate: optionalDateSchema,
  status: z.enum(COMMITMENT_STATUSES),
});
export type BilateralCommitment = z.infer<typeof bilateralCommitmentSchema>;

const commitmentEditable = {
  side: z.enum(COMMITMENT_SIDES),
  text: text().trim().min(1, 'text must not be empty').max(5_000),
  dueDate: optionalDateSchema,
  status: z.enum(COMMITMENT_STATUSES),
  classification: classificationSchema,
};
export const createBilateralCommitmentSchema = z.strictObject({
  ...commitmentEditable,
  dueDate: commitmentEditable.dueDate.default(null),
  status: commitmentEditable.status.default('open'),
  classification: classificationSchema.optional().describe("Default: the meeting's"),
});
export type CreateBilateralCommitment = z.input<typeof createBilateralCommitmentSchema>;
export const updateBilateralCommitmentSchema = z.strictObject({ ...versionField, ...optionalShape(commitmentEditable) });
export type UpdateBilateralCommitment = z.infer<typeof updateBilateralCommitmentSchema>;

export const AGREEMENT_KINDS = ['MoU', 'LoI', 'other'] as const;
export const AGREEMENT_STATUSES = ['drafting', 'under_negotiation', 'signed', 'lapsed'] as const;

/** An MoU, LoI or other instrument with a partner country, under the committee. */
export const agreementSchema = z.object({
  ...recordFields,
  kind: z.enum(AGREEMENT_KINDS),
  title: z.string(),
  country: z.string(),
  status: z.enum(AGREEMENT_STATUSES),
  signedOn: optionalDateSchema,
  expiresOn: optionalDateSchema,
  bilateralMeetingId: z.uuid().nullable().describe('The bilateral meeting it came from, if any'),
  createdById: z.uuid(),
});
export type Agreement = z.infer<typeof agreementSchema>;

const agreementEditable = {
  kind: z.enum(AGREEMENT_KINDS),
  title: text().trim().min(1, 'title must not be empty').max(300),
  country: countryCodeSchema,
  status: z.enum(AGREEMENT_STATUSES),
  signedOn: optionalDateSchema,
  expiresOn: optionalDateSchema,
  bilateralMeetingId: z.uuid().nullable(),
  classification: classificationSchema,
};
export const createAgreementSchema = z
  .strictObject({
    ...agreementEditable,
    kind: agreementEditable.kind.default('MoU'),
    status: agreementEditable.status.default('drafting'),
    signedOn: agreementEditable.signedOn.default(null),
    expiresOn: agreementEditable.expiresOn.default(null),
    bilateralMeetingId: agreementEditable.bilateralMeetingId.default(null),
    classification: agreementEditable.classification.default('OPEN'),
  })
  .refine((input) => !input.signedOn || !input.expiresOn || input.expiresOn >= input.signedOn, {
    path: ['expiresOn'],
    message: 'expiresOn must not be before signedOn',
  });
export type CreateAgreement = z.input<typeof createAgreementSchema>;
export const updateAgreementSchema = z.strictObject({ ...versionField, ...optionalShape(agreementEditable) });
export type UpdateAgreement = z.infer<typeof updateAgreementSchema>;

export const listAgreementsQuerySchema = z.strictObject({
  ...pageQueryFields,
  country: countryCodeSchema.optional(),
  status: z.enum(AGREEMENT_STATUSES).optional(),
});
export type ListAgreementsQuery = z.output<typeof listAgreementsQuerySchema>;

/** `GET /api/committees/:cid/countries/:code`: one partner as the reader may see it. */
export const countrySummarySchema = z.object({
  country: z.string(),
  engagements: z.array(bilateralMeetingSchema).describe('Bilateral meetings, latest first'),
  openCommitments: z.array(bilateralCommitmentSchema).describe('Commitments not done, soonest due first'),
  agreements: z.array(agreementSchema),
});
export type CountrySummary = z.infer<typeof countrySummarySchema>;
