import { z } from 'zod';
import { classificationSchema } from '../access/classification.js';
import { quorumSchema } from '../meetings/meeting.schema.js';

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

export const castBallotSchema = z.strictObject({ choice: optionSchema.describe('One of the vote’s options') });
export type CastBallot = z.input<typeof castBallotSchema>;

/** A declaration of interest in an agenda item or a resolution: the declarer's own. */
export const interestSchema = z.object({
  id: z.uuid(),
  committeeId: z.uuid(),
  /** The agenda item or resolution declared on. */
  subjectId: z.uuid(),
  subjectType: z.enum(['agenda-item', 'resolution']),
  meetingId: z.uuid().nullable(),
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

/** The quorum of one agenda item: the meeting's, without those who stepped out of it. */
export const itemQuorumSchema = z.object({
  agendaItemId: z.uuid(),
  meetingId: z.uuid(),
  quorum: quorumSchema,
  steppedOut: z.array(z.uuid()).describe('Voting members who declared an interest and stepped out: counted neither as voting nor present'),
});
export type ItemQuorum = z.infer<typeof itemQuorumSchema>;
