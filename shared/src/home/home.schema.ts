import { z } from 'zod';
import { classificationSchema } from '../access/classification.js';
import { actionItemStatusSchema } from '../action-items/action-item.schema.js';
import { fieldChangeSchema } from '../activity/activity.schema.js';
import { DESCRIBED_VERBS } from '../activity/describe-words.js';
import { isoDateSchema } from '../common/errors.schema.js';
import { meetingStatusSchema, rsvpResponseSchema } from '../meetings/meeting.schema.js';
import { NEGOTIATION_STATUSES } from '../registers/negotiation.schema.js';

/** How far ahead "due soon" looks on the home, in days. */
export const HOME_DUE_SOON_DAYS = 7;

/** One of the caller's own actions: overdue ones first (oldest due first), then those due soon. */
export const homeActionSchema = z.object({
  id: z.uuid(),
  committeeId: z.uuid(),
  title: z.string(),
  status: actionItemStatusSchema,
  dueDate: isoDateSchema.nullable(),
  classification: classificationSchema,
  overdue: z.boolean().describe("Not closed and due before today (the committee's date)"),
});
export type HomeAction = z.infer<typeof homeActionSchema>;

/** A paper of a meeting the caller may see. */
export const homePaperSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  classification: classificationSchema,
});
export type HomePaper = z.infer<typeof homePaperSchema>;

/** A paper of the meeting whose current version the caller has not opened. */
export const homeUnreadPaperSchema = homePaperSchema.extend({
  number: z.string().nullable().describe('Its paper number (Kertas Bil.), once given'),
});
export type HomeUnreadPaper = z.infer<typeof homeUnreadPaperSchema>;

/** A meeting on the home: the one in progress, or the next scheduled one. */
export const homeMeetingSchema = z.object({
  id: z.uuid(),
  committeeId: z.uuid(),
  title: z.string(),
  number: z.string(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }).nullable(),
  venue: z.string(),
  onlineUrl: z.string().nullable(),
  status: meetingStatusSchema,
  classification: classificationSchema,
  papers: z.array(homePaperSchema).describe('Papers on its agenda that the caller may see'),
  rsvp: rsvpResponseSchema.nullable().describe("The caller's answer to the meeting's invitation; null until they answer"),
  unreadPapers: z
    .array(homeUnreadPaperSchema)
    .describe(
      'Papers of `papers` whose current file version the caller has not opened (downloaded or read in the app); a new version is unread again',
    ),
});
export type HomeMeeting = z.infer<typeof homeMeetingSchema>;

/** Minutes circulated for comment, of a meeting the caller may see. */
export const homeMinutesSchema = z.object({
  id: z.uuid(),
  committeeId: z.uuid(),
  meetingId: z.uuid(),
  meetingTitle: z.string(),
  meetingNumber: z.string(),
  commentDeadline: z.iso.datetime({ offset: true }).nullable().describe('When comments close, if the minutes carry a deadline'),
});
export type HomeMinutes = z.infer<typeof homeMinutesSchema>;

/** A change, by someone else, to a record the caller owns or follows (or to its children), as the caller may see it. */
export const homeChangeSchema = z.object({
  seq: z.number().int().min(1),
  at: z.iso.datetime(),
  committeeId: z.uuid(),
  entityType: z.string(),
  entityId: z.uuid(),
  parentId: z.uuid().nullable().describe('The record that governs it (a progress update: its action), for a link'),
  verb: z.enum(DESCRIBED_VERBS),
  actorName: z.string(),
  title: z.string().nullable(),
  titleFields: z
    .record(z.string(), z.unknown())
    .nullable()
    .optional()
    .describe("The fields the title is read from when a screen says it in its language (a negotiation round's number)"),
  changes: z.array(fieldChangeSchema).describe('Fields the change moved, before → after, as the caller may see them'),
});
export type HomeChange = z.infer<typeof homeChangeSchema>;

/** The committee-wide figures behind the chair's and secretariat's charts. */
export const homeOverviewSchema = z.object({
  overdueByAgency: z.array(z.object({ agency: z.string(), count: z.number().int().min(1) })).describe('Most first'),
  negotiationsByStatus: z.array(z.object({ status: z.enum(NEGOTIATION_STATUSES), count: z.number().int().min(0) })),
  milestonesSlipping: z
    .array(
      z.object({
        projectId: z.uuid(),
        projectTitle: z.string(),
        count: z.number().int().min(1).describe('Its milestones late or overdue'),
      }),
    )
    .describe('Projects with a milestone achieved late or not done by its planned date, most first'),
});
export type HomeOverview = z.infer<typeof homeOverviewSchema>;

/** The caller's home in one committee. */
export const committeeHomeSchema = z.object({
  committeeId: z.uuid(),
  today: isoDateSchema.describe("Today in the committee's time zone"),
  myActions: z.array(homeActionSchema).describe('Owned by the caller, open: overdue first, then due within 7 days'),
  inProgress: homeMeetingSchema.nullable().describe('A meeting in progress now'),
  nextMeeting: homeMeetingSchema.nullable().describe('The next scheduled meeting'),
  minutesToReview: z.array(homeMinutesSchema),
  sinceLastVisit: z.object({
    since: z.iso.datetime().nullable().describe("The caller's previous visit; null on the first"),
    changes: z.array(homeChangeSchema).describe('Newest first, at most 20'),
  }),
  overview: homeOverviewSchema.nullable().describe('For the chair and the secretariat; null for others'),
});
export type CommitteeHome = z.infer<typeof committeeHomeSchema>;

/** The caller's home across their committees. */
export const myHomeSchema = z.object({
  committees: z.array(committeeHomeSchema.omit({ overview: true }).extend({ code: z.string(), name: z.string(), nameMs: z.string() })),
});
export type MyHome = z.infer<typeof myHomeSchema>;
