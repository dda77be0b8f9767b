import { z } from 'zod';
import { classificationSchema, declassificationReasonSchema } from '../access/classification.js';
import { RECORD_TYPES } from '../records/record-types.js';
import { RSVP_RESPONSES } from './meeting.constants.js';

export * from './meeting.constants.js';

export const MEETING_STATUSES = ['draft', 'scheduled', 'in_progress', 'adjourned', 'closed'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const meetingStatusSchema = z.enum(MEETING_STATUSES);

/**
 * Which status may follow which: a meeting runs forward, and an adjourned one may resume. A
 * draft is seen by the chair and the secretariat only; scheduling publishes it and numbers it.
 */
export const MEETING_TRANSITIONS: Record<MeetingStatus, readonly MeetingStatus[]> = {
  draft: ['scheduled'],
  // Scheduling publishes a meeting to every member: it does not go back to draft.
  scheduled: ['in_progress'],
  in_progress: ['adjourned', 'closed'],
  adjourned: ['in_progress', 'closed'],
  closed: [],
};

/** The committee's own zone: meetings are scheduled and numbered in it. */
export const MEETING_TIME_ZONE = 'Asia/Kuala_Lumpur';

const dateTimeWithOffset = z.iso.datetime({ offset: true }).describe('ISO date-time with offset, e.g. 2026-03-12T09:30:00+08:00');
const text = (max: number) => z.string().trim().max(max);

/** The meeting's fields that may be classified above it: the pointer to its current agenda item. */
export const MEETING_LEVELLED_FIELDS = RECORD_TYPES.meeting.levelledFields;

const meetingFieldClassificationsSchema = z
  .strictObject({ currentAgendaItemId: classificationSchema.optional(), currentItemStartedAt: classificationSchema.optional() })
  .describe("The current agenda item's level on the pointer fields, when the item is above the meeting");

export const meetingSchema = z.object({
  id: z.uuid(),
  committeeId: z.uuid(),
  title: z.string(),
  number: z
    .string()
    .nullable()
    .describe('Per committee and year, assigned when the meeting is scheduled, in date order: "Bil. 3/2026"; null while a draft'),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }).nullable(),
  venue: z.string(),
  onlineUrl: z.string().nullable(),
  status: meetingStatusSchema,
  currentAgendaItemId: z.uuid().nullable(),
  currentItemStartedAt: z.iso.datetime().nullable().describe('When the current item became current (the per-item timer)'),
  currentItemRestricted: z
    .boolean()
    .optional()
    .describe('True when an agenda item above the reader is current: its id and start are withheld (null)'),
  classification: classificationSchema,
  version: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  fieldClassifications: meetingFieldClassificationsSchema.optional(),
  redactedFields: z.array(z.enum(MEETING_LEVELLED_FIELDS)).optional().describe('Fields withheld from this reader (as null)'),
});
export type Meeting = z.infer<typeof meetingSchema>;

const onlineUrl = z
  .url({ protocol: /^https?$/, error: 'onlineUrl: must be an http(s) link' })
  .max(2000)
  .nullable();

export const createMeetingSchema = z.strictObject({
  title: text(300).min(1, 'title must not be empty'),
  startsAt: dateTimeWithOffset,
  endsAt: dateTimeWithOffset.nullable().default(null),
  venue: text(300).default(''),
  onlineUrl: onlineUrl.default(null),
  status: z.enum(['draft', 'scheduled']).default('draft'),
  classification: classificationSchema.default('OPEN'),
  /** Start the agenda with the standard opening items (chair's remarks … close). */
  standardAgenda: z.boolean().default(true),
});
export type CreateMeeting = z.input<typeof createMeetingSchema>;

export const updateMeetingSchema = z.strictObject({
  version: z.number().int().min(1).describe('The version the edit is based on; a stale one is refused with 409'),
  title: text(300).min(1, 'title must not be empty').optional(),
  startsAt: dateTimeWithOffset.optional(),
  endsAt: dateTimeWithOffset.nullable().optional(),
  venue: text(300).optional(),
  onlineUrl: onlineUrl.optional(),
  status: meetingStatusSchema.optional(),
  classification: classificationSchema.optional(),
  number: z
    .number()
    .int()
    .min(1)
    .max(999)
    .optional()
    .describe(
      'The meeting\'s number within its year (3 for "Bil. 3/2026"); the secretariat corrects it; another meeting\'s is refused (409 number_taken)',
    ),
});
export type UpdateMeeting = z.infer<typeof updateMeetingSchema>;

export const listMeetingsQuerySchema = z.strictObject({
  when: z.enum(['upcoming', 'past']).optional().describe('Upcoming (soonest first) or past (latest first); all when absent'),
});

export const setCurrentItemSchema = z.strictObject({
  agendaItemId: z.uuid().nullable().describe('The item now discussed, or null for none'),
});

export const agendaItemSchema = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  committeeId: z.uuid(),
  parentId: z.uuid().nullable(),
  position: z.number().int().min(0).describe('0-based among its siblings'),
  number: z.string().describe('Server-computed: "2", "2.1"'),
  title: z.string(),
  presenter: z.string(),
  durationMinutes: z.number().int().nullable(),
  classification: classificationSchema,
  version: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const createAgendaItemSchema = z.strictObject({
  title: text(300).min(1, 'title must not be empty'),
  parentId: z.uuid().nullable().default(null).describe('A top-level item of the same meeting (two levels)'),
  position: z.number().int().min(0).max(500).optional().describe('Among its siblings; default: last'),
  presenter: text(200).default(''),
  durationMinutes: z.number().int().min(1).max(600).nullable().default(null),
  classification: classificationSchema.default('OPEN'),
});
export type CreateAgendaItem = z.input<typeof createAgendaItemSchema>;

export const updateAgendaItemSchema = z.strictObject({
  version: z.number().int().min(1),
  title: text(300).min(1, 'title must not be empty').optional(),
  presenter: text(200).optional(),
  durationMinutes: z.number().int().min(1).max(600).nullable().optional(),
  classification: classificationSchema.optional(),
});
export type UpdateAgendaItem = z.infer<typeof updateAgendaItemSchema>;

export const moveAgendaItemSchema = z.strictObject({
  version: z.number().int().min(1),
  parentId: z.uuid().nullable(),
  position: z.number().int().min(0).max(500),
});
export type MoveAgendaItem = z.infer<typeof moveAgendaItemSchema>;

export const deleteVersionSchema = z.strictObject({
  version: z.coerce.number().int().min(1).describe('The version being deleted; a stale one is refused with 409'),
});

/** The standard opening of an agenda (DOMAIN.md), English and Bahasa Malaysia. */
export const STANDARD_AGENDA: ReadonlyArray<{ title: string; titleMs: string }> = [
  { title: "Chair's opening remarks", titleMs: 'Ucapan aluan Pengerusi' },
  { title: 'Confirmation of the minutes of the previous meeting', titleMs: 'Pengesahan minit mesyuarat yang lalu' },
  { title: 'Matters arising', titleMs: 'Perkara berbangkit' },
  { title: 'Papers for consideration', titleMs: 'Kertas untuk pertimbangan' },
  { title: 'Other business', titleMs: 'Hal-hal lain' },
  { title: 'Close of meeting', titleMs: 'Penutup' },
];

/** "2", "2.1": numbers from positions, the same for every reader. */
export function agendaNumber(parentPosition: number | null, position: number): string {
  return parentPosition === null ? String(position + 1) : `${parentPosition + 1}.${position + 1}`;
}

export const ATTENDANCE_STATUSES = ['present', 'apologies', 'absent', 'in_attendance'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const attendanceStatusSchema = z.enum(ATTENDANCE_STATUSES);

export const attendeeSchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  agency: z.string(),
  role: z.string().describe('Role in the committee, or "guest" for one in attendance by invitation'),
  status: attendanceStatusSchema,
});
export type Attendee = z.infer<typeof attendeeSchema>;

export const QUORUM_COUNTS = ['members', 'members-and-secretariat'] as const;

export const quorumSchema = z.object({
  required: z
    .number()
    .int()
    .describe("By the committee's quorum rule: more than half of the voting members (chair and members) unless it sets a number"),
  present: z.number().int().describe('Voting members marked present'),
  met: z.boolean(),
  voting: z.number().int().describe('Voting members counted'),
  counts: z
    .enum(QUORUM_COUNTS)
    .describe(
      'Who is counted: the chair and members, or also the secretariat (committee setting secretariatVotes); never observers or guests',
    ),
});
export type Quorum = z.infer<typeof quorumSchema>;

/** The quorum of one agenda item: the meeting's, without those who stepped out of it. */
export const itemQuorumSchema = z.object({
  agendaItemId: z.uuid(),
  meetingId: z.uuid(),
  quorum: quorumSchema,
  steppedOut: z.array(z.uuid()).describe('Voting members who declared an interest and stepped out: counted neither as voting nor present'),
});
export type ItemQuorum = z.infer<typeof itemQuorumSchema>;

/** Someone at the meeting who is not a member (a presenter, an agency's officer): listed under "Hadir bersama". */
export const guestSchema = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  name: z.string(),
  agency: z.string(),
  role: z.string().describe('What they attend as, e.g. "Presenter of paper 4"'),
});
export type Guest = z.infer<typeof guestSchema>;

export const createGuestSchema = z.strictObject({
  name: text(200).min(1, 'name must not be empty'),
  agency: text(200).default(''),
  role: text(200).default(''),
});
export type CreateGuest = z.input<typeof createGuestSchema>;

export const rsvpResponseSchema = z.enum(RSVP_RESPONSES);

/** A member's invitation to a scheduled meeting and their answer (null until they answer). */
export const invitationSchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  response: rsvpResponseSchema.nullable(),
  respondedAt: z.iso.datetime().nullable(),
  note: z.string().optional().describe("Only for the chair and the secretariat, and on the caller's own answer"),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const rsvpSchema = z.strictObject({
  response: rsvpResponseSchema,
  note: text(500).default(''),
});
export type Rsvp = z.input<typeof rsvpSchema>;

export const attendanceSchema = z.object({
  id: z.uuid().describe("The meeting's id"),
  meetingId: z.uuid(),
  committeeId: z.uuid(),
  attendees: z.array(attendeeSchema),
  guests: z.array(guestSchema).describe('Non-members added by name (POST /api/meetings/:id/guests); they never count for the quorum'),
  frozen: z.boolean().describe("True once the meeting's minutes are published: attendance, guests and answers can no longer change"),
  invitations: z
    .array(invitationSchema.omit({ note: true }))
    .describe('Who was invited when the meeting was scheduled, and how each answered (notes: GET /api/meetings/:id/invitations)'),
  remindedAt: z.iso.datetime().nullable().describe('When the secretariat last reminded those who have not answered'),
  quorum: quorumSchema.describe("The meeting's quorum over its whole attendance"),
  currentItemQuorum: itemQuorumSchema
    .nullable()
    .describe(
      "While the meeting is on an item: the quorum now, without those who stepped out of that item (the meeting's indicator shows it). Null between items, and for a reader below the current item",
    ),
  classification: z.string(),
  version: z.number().int().min(1),
});
export type Attendance = z.infer<typeof attendanceSchema>;

export const putAttendanceSchema = z.strictObject({ status: attendanceStatusSchema });

/** How the meeting's projector opens: at the lowest clearance of the people in the room. */
export const projectorViewSchema = z.object({
  meetingId: z.uuid(),
  defaultViewLevel: classificationSchema.describe(
    "The lowest clearance among those marked present or in attendance (all the committee's members while nobody is marked), never above the caller's",
  ),
  basis: z.enum(['in-room', 'members']).describe('in-room: from the attendance marked; members: nobody is marked yet'),
});
export type ProjectorView = z.infer<typeof projectorViewSchema>;

/** A decision stands as recorded (its text possibly corrected since) or is withdrawn, with a reason. */
export const DECISION_STATUSES = ['recorded', 'withdrawn'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const decisionSchema = z.object({
  id: z.uuid(),
  committeeId: z.uuid(),
  meetingId: z.uuid(),
  agendaItemId: z.uuid(),
  text: z.string().describe('The current text: a correction replaces it, the earlier text stays in the activity'),
  classification: classificationSchema,
  status: z.enum(DECISION_STATUSES).describe('withdrawn: kept, marked, with its reason'),
  withdrawalReason: z.string().nullable().describe('Why it was withdrawn (null while it stands)'),
  withdrawnAt: z.iso.datetime().nullable(),
  correctedAt: z.iso.datetime().nullable().describe('When its text was last corrected (null: as recorded)'),
  createdById: z.uuid(),
  version: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Decision = z.infer<typeof decisionSchema>;

export const createDecisionSchema = z.strictObject({
  text: z.string().trim().min(1, 'text must not be empty').max(5_000),
  classification: classificationSchema
    .optional()
    .describe('Default: the highest level of the agenda item and its meeting; lower only with declassificationReason'),
  declassificationReason: declassificationReasonSchema.optional(),
});
export type CreateDecision = z.input<typeof createDecisionSchema>;

/** `PATCH /api/decisions/:id`: a correction (chair, secretariat); the earlier text stays in the activity. */
export const updateDecisionSchema = z.strictObject({
  version: z.number().int().min(1).describe('The version the correction is based on; a stale one is refused with 409'),
  text: z.string().trim().min(1, 'text must not be empty').max(5_000).optional(),
  classification: classificationSchema.optional().describe('Never below the agenda item and its meeting without declassificationReason'),
  declassificationReason: declassificationReasonSchema.optional(),
});
export type UpdateDecision = z.input<typeof updateDecisionSchema>;

/** `POST /api/decisions/:id/withdraw`: the decision stays, marked withdrawn with the reason. */
export const withdrawDecisionSchema = z.strictObject({
  version: z.number().int().min(1).describe('The version the withdrawal is based on; a stale one is refused with 409'),
  reason: z.string().trim().min(1, 'reason must not be empty').max(2_000),
});
export type WithdrawDecision = z.input<typeof withdrawDecisionSchema>;

export const listDecisionsQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional().describe('Words to look for in the decision text'),
});

/** The caller's personal calendar feed: a secret URL any calendar app can subscribe to. */
export const calendarFeedSchema = z.object({
  url: z.string().describe('The feed URL; its token is the credential, so keep it private. Renewing it ends this one.'),
});
export type CalendarFeed = z.infer<typeof calendarFeedSchema>;

/**
 * How many voting members (chair and members; the secretariat when the committee says so) must be present: more than half of
 * them (the default), or a fixed number.
 */
export const quorumRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('majority') }),
  z.strictObject({ kind: z.literal('count'), count: z.number().int().min(1).max(500) }),
]);
export type QuorumRule = z.infer<typeof quorumRuleSchema>;
export const DEFAULT_QUORUM_RULE: QuorumRule = { kind: 'majority' };

export const AGENDA_LANGUAGES = ['ms', 'en'] as const;
export const agendaLanguageSchema = z.enum(AGENDA_LANGUAGES);
export type AgendaLanguage = z.infer<typeof agendaLanguageSchema>;

/** A committee's settings (its own record, id = the committee's id), live through the change pipeline. */
export const committeeSettingsSchema = z.object({
  id: z.uuid().describe("The committee's id"),
  committeeId: z.uuid(),
  quorumRule: quorumRuleSchema,
  secretariatVotes: z.boolean().describe('Whether the secretariat votes and counts for the quorum (default false)'),
  agendaLanguage: agendaLanguageSchema.describe('The language of the standard agenda items: ms (Bahasa Malaysia, default) or en'),
  recusedWithoutPapers: z
    .boolean()
    .describe(
      'Whether one who stepped out of an agenda item (or a resolution) over a declared interest gets none of its papers, on any channel (default false)',
    ),
  classification: classificationSchema,
  version: z.number().int().min(1).describe('1 while the defaults hold'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type CommitteeSettings = z.infer<typeof committeeSettingsSchema>;

export const updateCommitteeSettingsSchema = z.strictObject({
  version: z.number().int().min(1),
  quorumRule: quorumRuleSchema.optional(),
  secretariatVotes: z.boolean().optional(),
  agendaLanguage: agendaLanguageSchema.optional(),
  recusedWithoutPapers: z.boolean().optional(),
});
export type UpdateCommitteeSettings = z.infer<typeof updateCommitteeSettingsSchema>;
