import { z } from 'zod';
import { classificationSchema } from '../access/classification.js';
import { text } from '../common/text.js';
import { decisionSchema } from '../meetings/meeting.schema.js';

/**
 * Minutes of one meeting: a header record plus one section per agenda item. Each section's text
 * is its own Yjs document (docId = the section's id) and carries the level
 * max(meeting, agenda item, section's own), so a reader below it never receives any of it.
 */
export const MINUTES_STATUSES = ['draft', 'circulated', 'confirmed', 'published'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];
export const minutesStatusSchema = z.enum(MINUTES_STATUSES);

/** Which status may follow which: forward, and circulated back to draft for corrections. */
export const MINUTES_TRANSITIONS: Record<MinutesStatus, readonly MinutesStatus[]> = {
  draft: ['circulated'],
  circulated: ['draft', 'confirmed'],
  confirmed: ['published'],
  published: [],
};

/** Only a draft's text may be edited (by the chair and the secretariat). */
export const MINUTES_EDITABLE_STATUSES: readonly MinutesStatus[] = ['draft'];
/** Members and observers may comment while the minutes are circulated. */
export const MINUTES_COMMENTABLE_STATUSES: readonly MinutesStatus[] = ['draft', 'circulated'];

export const CONFIRMATIONS = ['without_amendment', 'with_amendments'] as const;
export type Confirmation = (typeof CONFIRMATIONS)[number];
export const confirmationSchema = z.enum(CONFIRMATIONS);

/** "Tindakan: JMG, NRES" linked to action items, or "Tindakan: Untuk makluman". */
export const actionLineSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('action'),
    agencies: z.array(text().trim().min(1).max(40)).max(30),
    actionItemIds: z.array(z.uuid()).max(50),
  }),
  z.strictObject({ kind: z.literal('information') }),
]);
export type ActionLine = z.infer<typeof actionLineSchema>;

/** One section of the minutes (one agenda item), as a reader cleared for it sees it. */
export const minutesSectionSchema = z.object({
  id: z.uuid().describe('Also the docId of its Yjs document'),
  minutesId: z.uuid(),
  meetingId: z.uuid(),
  committeeId: z.uuid(),
  agendaItemId: z.uuid(),
  number: z.string().describe('The agenda number: "2", "2.1"'),
  title: z.string(),
  classification: classificationSchema.describe("max(meeting, agenda item, section's own)"),
  ownClassification: classificationSchema.describe("The section's own level (raised by editors)"),
  text: z.string().describe('Plain text of the section document'),
  actionLine: actionLineSchema.nullable(),
  decisions: z
    .array(decisionSchema)
    .optional()
    .describe(
      "REST only: the decisions recorded on its agenda item that the reader may see, oldest first (withdrawn ones marked); live through the decisions' own events",
    ),
  interests: z
    .array(z.object({ userName: z.string(), nature: z.string(), stepsOut: z.boolean() }))
    .optional()
    .describe('REST only: the declarations of interest on its agenda item ("Perisytiharan kepentingan"), oldest first'),
  version: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type MinutesSection = z.infer<typeof minutesSectionSchema>;

/** The minutes record without its sections: what `minutes.*` events carry. */
export const minutesRecordSchema = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  committeeId: z.uuid(),
  status: minutesStatusSchema,
  classification: classificationSchema.describe("The meeting's level"),
  confirmation: confirmationSchema.nullable(),
  confirmedAtMeetingId: z.uuid().nullable().describe('The later meeting of the committee that confirmed them'),
  proposedBy: z.uuid().nullable().describe('The member who proposed the confirmation'),
  secondedBy: z.uuid().nullable().describe('The member who seconded it'),
  amendments: z.string().nullable().describe('The amendments made on confirmation (with_amendments)'),
  publishedVersion: z.number().int().nullable().describe('The number of the latest published version'),
  commentsDueAt: z.iso.datetime().nullable().describe('When comments close: set when circulated, cleared back in draft'),
  version: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type MinutesRecord = z.infer<typeof minutesRecordSchema>;

/** `GET /api/meetings/:id/minutes`: the record with the sections the reader may see. */
export const minutesSchema = minutesRecordSchema.extend({
  text: z.string().describe('Plain text of the sections the reader may see, in agenda order'),
  sections: z.array(minutesSectionSchema),
});
export type Minutes = z.infer<typeof minutesSchema>;

export const minutesTransitionSchema = z.strictObject({
  to: minutesStatusSchema,
  version: z.number().int().min(1).describe('The version the transition is based on; a stale one is refused with 409'),
  confirmation: confirmationSchema
    .optional()
    .describe('On confirmed: "with_amendments" when amendments are given, else "without_amendment" (the default)'),
  confirmedAtMeetingId: z
    .uuid()
    .optional()
    .describe("Required on confirmed: the meeting of the same committee, later than the minutes' own, that confirmed them"),
  proposedBy: z.uuid().optional().describe('Required on confirmed: the member (not an observer) who proposed the confirmation'),
  secondedBy: z.uuid().optional().describe('Required on confirmed: the member who seconded it, not the proposer'),
  amendments: text()
    .trim()
    .max(10_000)
    .optional()
    .describe('On confirmed: the amendments; required with "with_amendments", refused with "without_amendment"'),
  commentsDueAt: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('On circulated: when comments close (in the future); refused with any other step'),
});
export type MinutesTransition = z.infer<typeof minutesTransitionSchema>;

/** `GET /api/minutes/:id/comments`: `resolved=false` lists only the threads still open (asked before confirming). */
export const listMinutesCommentsQuerySchema = z.strictObject({
  resolved: z.enum(['true', 'false']).optional().describe('Only threads resolved (true) or still open (false)'),
});

export const updateMinutesSectionSchema = z.strictObject({
  version: z.number().int().min(1),
  actionLine: actionLineSchema.nullable().optional(),
  classification: classificationSchema.optional().describe("The section's own level; never below its agenda item's"),
});
export type UpdateMinutesSection = z.infer<typeof updateMinutesSectionSchema>;

/** One section as frozen in a version. */
export const minutesVersionSectionSchema = z.object({
  sectionId: z.uuid(),
  agendaItemId: z.uuid(),
  number: z.string(),
  title: z.string(),
  classification: classificationSchema,
  text: z.string(),
  actionLine: actionLineSchema.nullable(),
});
export type MinutesVersionSection = z.infer<typeof minutesVersionSectionSchema>;

/** An immutable snapshot, taken on every transition out of draft (circulated, confirmed, published). */
export const minutesVersionSummarySchema = z.object({
  number: z.number().int().min(1),
  minutesId: z.uuid(),
  status: minutesStatusSchema.describe('The status the minutes entered when the snapshot was taken'),
  createdById: z.uuid(),
  createdAt: z.iso.datetime(),
});
export type MinutesVersionSummary = z.infer<typeof minutesVersionSummarySchema>;

/** `GET /api/minutes/:id/versions/:n`: only the sections the reader may see. */
export const minutesVersionSchema = minutesVersionSummarySchema.extend({
  classification: classificationSchema.describe('The highest level among the sections returned'),
  text: z.string(),
  sections: z.array(minutesVersionSectionSchema),
});
export type MinutesVersion = z.infer<typeof minutesVersionSchema>;

/** Where a comment points: a quoted passage and Yjs relative positions (base64) around it. */
export const commentAnchorSchema = z.strictObject({
  start: z.string().max(2000).describe('Y.RelativePosition encoded with Y.encodeRelativePosition, base64'),
  end: z.string().max(2000),
});
export type CommentAnchor = z.infer<typeof commentAnchorSchema>;

export const minutesCommentSchema = z.object({
  id: z.uuid(),
  minutesId: z.uuid(),
  sectionId: z.uuid(),
  committeeId: z.uuid(),
  parentId: z.uuid().nullable().describe('The thread it replies to; null for the first comment of a thread'),
  authorId: z.uuid(),
  authorName: z.string(),
  body: z.string(),
  quote: z.string().describe('The passage quoted (threads only; empty for replies)'),
  anchor: commentAnchorSchema.nullable(),
  resolved: z.boolean(),
  classification: classificationSchema.describe("The section's level"),
  version: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type MinutesComment = z.infer<typeof minutesCommentSchema>;

/** `GET /api/minutes/:id/comments`: threads (oldest first) on the sections the reader may see. */
export const commentThreadSchema = minutesCommentSchema.extend({
  replies: z.array(minutesCommentSchema),
});
export type CommentThread = z.infer<typeof commentThreadSchema>;

export const createMinutesCommentSchema = z.strictObject({
  sectionId: z.uuid().optional().describe('Required for a new thread'),
  parentId: z.uuid().optional().describe('The thread to reply to'),
  body: text().trim().min(1, 'body must not be empty').max(5_000),
  quote: text().max(2_000).default(''),
  anchor: commentAnchorSchema.nullable().default(null),
});
export type CreateMinutesComment = z.input<typeof createMinutesCommentSchema>;

/** `PATCH /api/minutes-comments/:id`: resolve or reopen a thread. */
export const updateMinutesCommentSchema = z.strictObject({
  version: z.number().int().min(1),
  resolved: z.boolean(),
});
export type UpdateMinutesComment = z.infer<typeof updateMinutesCommentSchema>;

// ---- Co-editing over socket.io (docId = section id) ----

export const DOC_EVENTS = {
  join: 'doc:join',
  leave: 'doc:leave',
  sync: 'doc:sync',
  awareness: 'doc:awareness',
  error: 'doc:error',
  /** Server → client before a workflow step that ends editing: send what the screen shows, then ack. */
  flush: 'doc:flush',
} as const;

export const docJoinRequestSchema = z.strictObject({ docId: z.uuid().transform((id) => id.toLowerCase()) });
export interface DocRequest {
  docId: string;
}
/** `not-found` also for a section the user may not see. */
export type DocJoinAck = { ok: true; canEdit: boolean } | { ok: false; code: 'not-found' | 'invalid' };
/**
 * A y-protocols message (sync step 1/2/update, or an awareness update). socket.io delivers a
 * Buffer in Node and an ArrayBuffer in browsers: wrap it in a Uint8Array.
 */
export interface DocMessage {
  docId: string;
  message: Uint8Array | ArrayBuffer;
}
/**
 * `read-only`: an update was discarded; `access`: the socket was removed from the doc.
 * Refused input (the socket stays in the document): `too-deep` / `too-large`: an update would nest
 * elements too deep or make the section too large; `rate-limited`: messages came too fast and
 * some were dropped; `invalid`: a message the server cannot accept (malformed, or an awareness
 * update with too many entries or too large a state).
 */
export interface DocError {
  docId: string;
  code: 'read-only' | 'access' | DocRefusalCode;
  /**
   * The update was not kept although the sender may have shown it: the client replaces its copy
   * of the section with the server's (and offers the refused text), so the screen never keeps it.
   */
  resync?: boolean;
}
/**
 * The ack of a `doc:sync` update or step 2 sent with one: `ok` once the server has stored it (or
 * had it already); refused otherwise (then a `doc:error` with `resync` follows), except
 * `unavailable` (the server could not decide now, e.g. the database is busy) and `rate-limited`:
 * nothing was kept, send it again shortly.
 */
export type DocSyncAck = { ok: true } | { ok: false; code: 'read-only' | 'access' | 'unavailable' | DocRefusalCode };
/** Input the server refused while the socket stays in the document (see DocError). */
export type DocRefusalCode = 'too-deep' | 'too-large' | 'rate-limited' | 'invalid';
/** The ack of `doc:flush`: the client's updates for the document have all been acknowledged. */
export interface DocFlushAck {
  ok: true;
}
