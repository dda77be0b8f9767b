import { z } from 'zod';
import { classificationSchema } from '../access/classification.js';

/** The options of a vote when the chair names none: for, against, abstain. */
export const DEFAULT_VOTE_OPTIONS = ['for', 'against', 'abstain'] as const;
export const VOTE_BALLOTS = ['named', 'secret'] as const;
export type VoteBallot = (typeof VOTE_BALLOTS)[number];
export const VOTE_STATUSES = ['open', 'closed'] as const;
export type VoteStatus = (typeof VOTE_STATUSES)[number];

const optionSchema = z.string().trim().min(1, 'an option must not be empty').max(120);

export const namedBallotSchema = z.object({ userId: z.uuid(), choice: z.string() });
export type NamedBallot = z.infer<typeof namedBallotSchema>;

/**
 * A vote on an agenda item. A named ballot shows each voter's choice and a live tally; a secret
 * ballot shows who has voted and how many, and its tally only once closed (a running tally beside
 * a running list of voters would tell how each one voted).
 */
export const voteSchema = z.object({
  id: z.uuid(),
  committeeId: z.uuid(),
  meetingId: z.uuid(),
  agendaItemId: z.uuid(),
  question: z.string(),
  options: z.array(z.string()).describe('Default: for, against, abstain'),
  ballot: z.enum(VOTE_BALLOTS),
  status: z.enum(VOTE_STATUSES),
  tally: z
    .record(z.string(), z.number().int())
    .nullable()
    .describe('Ballots per option ({ "for": n, "against": n, "abstain": n } by default); null for a secret ballot still open'),
  ballotsCast: z.number().int().describe('How many have voted'),
  voterIds: z.array(z.uuid()).describe('Who has voted (never how, for a secret ballot)'),
  ballots: z.array(namedBallotSchema).nullable().describe("Each voter's choice (named ballot); null for a secret ballot"),
  decisionId: z.uuid().nullable().describe('The decision recorded on the item when the vote closed'),
  classification: classificationSchema,
  createdById: z.uuid(),
  closedAt: z.iso.datetime().nullable(),
  version: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Vote = z.infer<typeof voteSchema>;

export const openVoteSchema = z
  .strictObject({
    question: z.string().trim().min(1, 'question must not be empty').max(1_000),
    options: z.array(optionSchema).min(2).max(10).optional().describe('Default: for, against, abstain'),
    ballot: z.enum(VOTE_BALLOTS).default('named'),
  })
  .refine((body) => !body.options || new Set(body.options).size === body.options.length, {
    path: ['options'],
    message: 'options must differ',
  });
export type OpenVote = z.input<typeof openVoteSchema>;

export const castBallotSchema = z.strictObject({
  choice: optionSchema.describe('One of the vote’s options'),
  receipt: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Changing a secret ballot: the receipt the first cast answered (ignored on a first cast and on a named ballot)'),
});
export type CastBallot = z.input<typeof castBallotSchema>;

/**
 * The answer to a ballot: the vote, and on the first cast of a secret ballot only, the receipt that
 * lets the caster change it later (the server keeps only its hash, beside the choice, apart from the voter).
 */
export const castBallotAnswerSchema = voteSchema.extend({
  receipt: z
    .string()
    .optional()
    .describe('First cast of a secret ballot only: keep it to change the ballot (never sent again, never stored in clear)'),
});
export type CastBallotAnswer = z.infer<typeof castBallotAnswerSchema>;

/** A declaration of interest in an agenda item or a resolution: the declarer's own. */
export const interestSchema = z.object({
  id: z.uuid(),
  committeeId: z.uuid(),
  /** The agenda item or resolution declared on. */
  subjectId: z.uuid(),
  subjectType: z.enum(['agenda-item', 'resolution']),
  meetingId: z.uuid().nullable().describe('The meeting of an agenda item; null for a resolution'),
  userId: z.uuid(),
  userName: z.string(),
  nature: z.string(),
  stepsOut: z.boolean().describe('Steps out of the item: no ballot, not counted in its quorum'),
  classification: classificationSchema,
  version: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Interest = z.infer<typeof interestSchema>;

export const declareInterestSchema = z.strictObject({
  nature: z.string().trim().min(1, 'nature must not be empty').max(2_000),
  stepsOut: z.boolean(),
});
export type DeclareInterest = z.input<typeof declareInterestSchema>;

export const RESOLUTION_RULES = ['majority_of_voting_members', 'no_objection'] as const;
export type ResolutionRule = (typeof RESOLUTION_RULES)[number];
export const RESOLUTION_ANSWERS = ['agree', 'object', 'abstain'] as const;
export type ResolutionAnswer = (typeof RESOLUTION_ANSWERS)[number];
export const RESOLUTION_OUTCOMES = ['carried', 'not_carried'] as const;
export type ResolutionOutcome = (typeof RESOLUTION_OUTCOMES)[number];

export const resolutionAnswerSchema = z.object({
  userId: z.uuid(),
  answer: z.enum(RESOLUTION_ANSWERS),
  comment: z.string().nullable(),
});

/**
 * A resolution by circulation ("keputusan secara edaran"): decided between meetings by the
 * committee's voting members' answers, by its rule, closing once at `closesAt` or as soon as the
 * outcome can no longer change. Its level governs its answers and comments (they are part of it).
 */
export const resolutionSchema = z.object({
  id: z.uuid(),
  committeeId: z.uuid(),
  title: z.string(),
  text: z.string(),
  rule: z.enum(RESOLUTION_RULES),
  closesAt: z.iso.datetime(),
  status: z.enum(VOTE_STATUSES),
  outcome: z.enum(RESOLUTION_OUTCOMES).nullable().describe('Set when it closes'),
  closedBy: z
    .enum(['deadline', 'decided'])
    .nullable()
    .describe('deadline: closed at closesAt; decided: the outcome could no longer change'),
  answers: z.array(resolutionAnswerSchema),
  tally: z.object({ agree: z.number().int(), object: z.number().int(), abstain: z.number().int() }),
  votingMembers: z.number().int().describe('Voting members who may answer (those who stepped out are not counted)'),
  classification: classificationSchema,
  createdById: z.uuid(),
  closedAt: z.iso.datetime().nullable(),
  version: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Resolution = z.infer<typeof resolutionSchema>;

export const createResolutionSchema = z.strictObject({
  title: z.string().trim().min(1, 'title must not be empty').max(300),
  text: z.string().trim().min(1, 'text must not be empty').max(20_000),
  classification: classificationSchema.default('OPEN'),
  closesAt: z.iso.datetime({ offset: true }).describe('ISO date-time with offset; must be in the future'),
  rule: z.enum(RESOLUTION_RULES).default('majority_of_voting_members'),
});
export type CreateResolution = z.input<typeof createResolutionSchema>;

export const answerResolutionSchema = z.strictObject({
  answer: z.enum(RESOLUTION_ANSWERS),
  comment: z.string().trim().max(2_000).optional(),
});
export type AnswerResolution = z.input<typeof answerResolutionSchema>;

/**
 * The outcome a resolution's answers give by its rule: `carried` or `not_carried` once it can no
 * longer change (or `final`, at the deadline), else null. Majority: more than half of the voting
 * members agree. No objection: nobody objects (by the deadline, or once everyone has answered).
 */
export function resolutionOutcome(
  rule: ResolutionRule,
  tally: { agree: number; object: number; abstain: number },
  votingMembers: number,
  final: boolean,
): ResolutionOutcome | null {
  const answered = tally.agree + tally.object + tally.abstain;
  const remaining = Math.max(0, votingMembers - answered);
  if (rule === 'no_objection') {
    if (tally.object > 0) return 'not_carried';
    return final || remaining === 0 ? 'carried' : null;
  }
  const needed = Math.floor(votingMembers / 2) + 1;
  if (tally.agree >= needed) return 'carried';
  if (final || tally.agree + remaining < needed) return 'not_carried';
  return null;
}
