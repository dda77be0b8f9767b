import { z } from 'zod';
import { classificationSchema } from '../access/classification.js';
import { text } from '../common/text.js';
import { RECORD_TYPES } from '../records/record-types.js';
import {
  booleanQuerySchema,
  fieldLevelsSchema,
  optionalDateSchema,
  optionalShape,
  pageQueryFields,
  recordFields,
  versionField,
} from './common.js';

export const VALUE_CHAIN_SEGMENTS = ['upstream', 'midstream', 'downstream'] as const;
export type ValueChainSegment = (typeof VALUE_CHAIN_SEGMENTS)[number];

/** One stage of the REE value chain; the list is data (`GET /api/value-chain-stages`). */
export const valueChainStageSchema = z.object({
  code: z.string(),
  nameEn: z.string(),
  nameMs: z.string(),
  segment: z.enum(VALUE_CHAIN_SEGMENTS).describe('hulu / pertengahan / hiliran'),
  position: z.number().int().describe('Order along the chain'),
});
export type ValueChainStage = z.infer<typeof valueChainStageSchema>;

const trlSchema = z.number().int().min(1).max(9).describe('Technology readiness level 1–9');

/** Fields of an R&D project that may carry a level above the project's own. */
export const RND_PROJECT_LEVELLED_FIELDS = RECORD_TYPES['rnd-project'].levelledFields;
const rndFieldLevels = fieldLevelsSchema(RND_PROJECT_LEVELLED_FIELDS);

export const rndProjectSchema = z.object({
  ...recordFields,
  title: z.string(),
  leadInstitution: z.string(),
  partners: z.array(z.string()).optional().describe('Absent when classified above the reader'),
  fundingRm: z.number().nullable().optional().describe('Funding in ringgit; absent when classified above the reader'),
  valueChainStage: z.string().nullable().describe('Code of a value-chain stage'),
  trlNow: trlSchema,
  trlTarget: trlSchema,
  notes: z.string().optional(),
  fieldClassifications: rndFieldLevels,
  redactedFields: z.array(z.enum(RND_PROJECT_LEVELLED_FIELDS)).optional(),
  slipping: z.boolean().describe('A milestone the reader may see is late or overdue'),
  lateMilestones: z.number().int().describe('Done after the planned date'),
  overdueMilestones: z.number().int().describe('Not done and the planned date has passed'),
  createdById: z.uuid(),
});
export type RndProject = z.infer<typeof rndProjectSchema>;

const rndEditable = {
  title: text().trim().min(1, 'title must not be empty').max(300),
  leadInstitution: text().trim().max(300),
  partners: z.array(text().trim().min(1).max(200)).max(50),
  fundingRm: z.number().min(0).max(1e12).nullable(),
  valueChainStage: z.string().max(64).nullable(),
  trlNow: trlSchema,
  trlTarget: trlSchema,
  notes: text().max(20_000),
  classification: classificationSchema,
  fieldClassifications: rndFieldLevels,
};
export const createRndProjectSchema = z
  .strictObject({
    ...rndEditable,
    leadInstitution: rndEditable.leadInstitution.default(''),
    partners: rndEditable.partners.default([]),
    fundingRm: rndEditable.fundingRm.default(null),
    valueChainStage: rndEditable.valueChainStage.default(null),
    trlNow: rndEditable.trlNow.default(1),
    trlTarget: rndEditable.trlTarget.optional().describe('Default: trlNow'),
    notes: rndEditable.notes.default(''),
    classification: rndEditable.classification.default('OPEN'),
    fieldClassifications: rndEditable.fieldClassifications.default({}),
  })
  .refine((input) => input.trlTarget === undefined || input.trlTarget >= input.trlNow, {
    path: ['trlTarget'],
    message: 'trlTarget must not be below trlNow',
  });
export type CreateRndProject = z.input<typeof createRndProjectSchema>;
/** trlTarget ≥ trlNow is checked against the stored values on the server. */
export const updateRndProjectSchema = z.strictObject({ ...versionField, ...optionalShape(rndEditable) });
export type UpdateRndProject = z.infer<typeof updateRndProjectSchema>;

export const listRndProjectsQuerySchema = z.strictObject({
  ...pageQueryFields,
  slipping: booleanQuerySchema.describe('Only projects with (true) or without (false) a late or overdue milestone'),
  valueChainStage: z.string().max(64).optional(),
});
export type ListRndProjectsQuery = z.output<typeof listRndProjectsQuerySchema>;

export const MILESTONE_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** A gate of an R&D project; governed by the project. Evidence documents attach by `parentId`. */
export const rndMilestoneSchema = z.object({
  ...recordFields,
  rndProjectId: z.uuid(),
  title: z.string(),
  gateCriteria: z.string(),
  plannedOn: optionalDateSchema,
  actualOn: optionalDateSchema,
  status: z.enum(MILESTONE_STATUSES),
  late: z.boolean().describe('Achieved after the planned date'),
  overdue: z.boolean().describe('Not done and the planned date has passed (Asia/Kuala_Lumpur)'),
});
export type RndMilestone = z.infer<typeof rndMilestoneSchema>;

const milestoneEditable = {
  title: text().trim().min(1, 'title must not be empty').max(300),
  gateCriteria: text().max(20_000),
  plannedOn: optionalDateSchema,
  actualOn: optionalDateSchema,
  status: z.enum(MILESTONE_STATUSES),
  classification: classificationSchema,
};
export const createRndMilestoneSchema = z.strictObject({
  ...milestoneEditable,
  gateCriteria: milestoneEditable.gateCriteria.default(''),
  plannedOn: milestoneEditable.plannedOn.default(null),
  actualOn: milestoneEditable.actualOn.default(null),
  status: milestoneEditable.status.default('planned'),
  classification: classificationSchema.optional().describe("Default: the project's"),
});
export type CreateRndMilestone = z.input<typeof createRndMilestoneSchema>;
export const updateRndMilestoneSchema = z.strictObject({ ...versionField, ...optionalShape(milestoneEditable) });
export type UpdateRndMilestone = z.infer<typeof updateRndMilestoneSchema>;

/** Late: achieved after the plan. Overdue: not done (nor cancelled) and the plan has passed `today`. */
export function milestoneSlippage(
  milestone: { plannedOn: string | null; actualOn: string | null; status: MilestoneStatus },
  today: string,
): { late: boolean; overdue: boolean } {
  const { plannedOn, actualOn, status } = milestone;
  return {
    late: plannedOn !== null && actualOn !== null && actualOn > plannedOn,
    overdue: plannedOn !== null && status !== 'done' && status !== 'cancelled' && plannedOn < today,
  };
}
