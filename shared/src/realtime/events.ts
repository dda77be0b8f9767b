import { z } from 'zod';
import type { Classification, Role } from '../access/classification.js';
import type { ActionItem, ProgressUpdate } from '../action-items/action-item.schema.js';
import type { Member } from '../committees/committee.schema.js';
import type { Interest, Resolution, Vote } from '../deciding/deciding.schema.js';
import type { Annotation, DocumentRecord } from '../documents/document.schema.js';
import type { AgendaItem, Attendance, CommitteeSettings, Decision, Meeting } from '../meetings/meeting.schema.js';
import type {
  DocError,
  DocFlushAck,
  DocJoinAck,
  DocMessage,
  DocRequest,
  DocSyncAck,
  MinutesComment,
  MinutesRecord,
  MinutesSection,
} from '../minutes/minutes.schema.js';
import type { Notification } from '../notifications.js';
import type { EntityType } from '../records/record-types.js';
import type { Agreement, BilateralCommitment, BilateralMeeting } from '../registers/bilateral.schema.js';
import type { RecordLink } from '../registers/link.schema.js';
import type { Negotiation, NegotiationRound } from '../registers/negotiation.schema.js';
import type { RndMilestone, RndProject } from '../registers/rnd.schema.js';

/**
 * The wire shape of every record type that travels through the change pipeline
 * (records/record-types.ts names them). A new record type adds itself here; server emit and client handlers are then checked by the compiler.
 */
export interface EntityRecords {
  'action-item': ActionItem;
  'progress-update': ProgressUpdate;
  member: Member;
  meeting: Meeting;
  'agenda-item': AgendaItem;
  attendance: Attendance;
  decision: Decision;
  'bilateral-meeting': BilateralMeeting;
  'bilateral-commitment': BilateralCommitment;
  agreement: Agreement;
  negotiation: Negotiation;
  'negotiation-round': NegotiationRound;
  'rnd-project': RndProject;
  'rnd-milestone': RndMilestone;
  'record-link': RecordLink;
  minutes: MinutesRecord;
  'minutes-section': MinutesSection;
  'minutes-comment': MinutesComment;
  'committee-settings': CommitteeSettings;
  document: DocumentRecord;
  annotation: Annotation;
  vote: Vote;
  interest: Interest;
  resolution: Resolution;
}

/** Every record type of the descriptor has a wire shape here, and nothing else has one. */
const wireShapesMatchDescriptor: [keyof EntityRecords, EntityType] extends [EntityType, keyof EntityRecords] ? true : never = true;
void wireShapesMatchDescriptor;

/**
 * `hidden` is sent, with `data: { id }`, to users who could see a record before a change
 * raised its classification above their clearance: their screens must drop it.
 */
export const VERBS = ['created', 'updated', 'moved', 'current-item-changed', 'opened', 'tallied', 'closed', 'deleted', 'hidden'] as const;
export type Verb = (typeof VERBS)[number];
/** Verbs whose envelope carries the record (as the reader may see it); the others carry `{ id }`. */
export const RECORD_VERBS = ['created', 'updated', 'moved', 'current-item-changed', 'opened', 'tallied', 'closed'] as const;
export type RecordVerb = (typeof RECORD_VERBS)[number];

export type EventType = `${EntityType}.${Verb}`;

export const eventEnvelopeSchema = z.object({
  seq: z.number().int().min(1).describe('Strictly increasing per committee'),
  committeeId: z.uuid(),
  type: z.string().describe('<entity>.<verb>, e.g. action-item.updated'),
  entityId: z.uuid(),
  version: z.number().int().min(1),
  actorId: z.uuid(),
  at: z.iso.datetime(),
  data: z.unknown().describe('The record as this user may see it; { id } for deleted and hidden'),
});

interface EnvelopeBase {
  seq: number;
  committeeId: string;
  entityId: string;
  version: number;
  actorId: string;
  at: string;
}

/** The envelopes of one record type: the record on create/update, only its id on delete/hide. */
export type EnvelopeOf<E extends EntityType> = EnvelopeBase &
  ({ type: `${E}.${RecordVerb}`; data: EntityRecords[E] } | { type: `${E}.deleted` | `${E}.hidden`; data: { id: string } });

/** One change, as delivered to one user over the socket or through catch-up: a union keyed by `type`. */
export type EventEnvelope = { [E in EntityType]: EnvelopeOf<E> }[EntityType];

/** Splits `action-item.updated` into its record type and verb. */
export function parseEventType(type: string): { entity: string; verb: string } {
  const dot = type.lastIndexOf('.');
  return { entity: type.slice(0, dot), verb: type.slice(dot + 1) };
}

/**
 * Why the server changed what a live socket receives. Sent as `access-changed` at the moment
 * it happens; the client drops what it may no longer see and reloads the rest.
 */
export const ACCESS_CHANGE_REASONS = ['membership-removed', 'role-changed', 'clearance-changed', 'deactivated', 'signed-out'] as const;
export type AccessChangeReason = (typeof ACCESS_CHANGE_REASONS)[number];
export interface AccessChanged {
  reason: AccessChangeReason;
  /** The committee concerned; null when the change is of the user (clearance, account). */
  committeeId: string | null;
  /** The clearance now in force, on `clearance-changed`. */
  clearance?: Classification;
  /** The role now held, on `role-changed`. */
  role?: Role;
  /**
   * On `role-changed` to a role that does not see drafts: the ids of the committee's drafts and
   * what they govern (meetings, agenda items, papers), which the client drops at once.
   */
  hidden?: string[];
}

/** Ids are canonical (lower case) on every channel: one committee, one room, one cursor. */
export const subscribeRequestSchema = z.strictObject({ committeeId: z.uuid().transform((id) => id.toLowerCase()) });
export type SubscribeRequest = z.input<typeof subscribeRequestSchema>;
/**
 * `not-member`: the user may not see the committee (drop it); `invalid`: the request was
 * malformed; `unavailable`: a passing failure (try again).
 */
export type SubscribeRefusal = 'not-member' | 'invalid' | 'unavailable';
/** A refusal carries the id the server gave the message (`requestId`, also in its log lines), for a person to quote. */
export type SubscribeAck = { ok: true; seq: number } | { ok: false; error: string; code: SubscribeRefusal; requestId?: string };

export const catchUpQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0).default(0).describe('Return events with seq greater than this'),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export const catchUpPageSchema = z.object({
  events: z.array(eventEnvelopeSchema),
  hasMore: z.boolean().describe('True when another page may follow: ask again with after=nextAfter'),
  nextAfter: z.number().int(),
  latestSeq: z.number().int().describe('The newest seq in the committee when the page was read'),
});
export type CatchUpPage = Omit<z.infer<typeof catchUpPageSchema>, 'events'> & { events: EventEnvelope[] };

/** Who is on a meeting's page right now (contract: `presence:join` / `presence`). */
export const presenceRequestSchema = z.strictObject({ meetingId: z.uuid().transform((id) => id.toLowerCase()) });
export interface PresentUser {
  userId: string;
  name: string;
}
export type PresenceAck = { ok: true; present: PresentUser[] } | { ok: false; error: string };
export interface PresenceUpdate {
  meetingId: string;
  present: PresentUser[];
}

/** Socket.io event names, server → client and client → server. */
export const SOCKET_EVENTS = {
  event: 'event',
  accessChanged: 'access-changed',
  presence: 'presence',
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
  presenceJoin: 'presence:join',
  presenceLeave: 'presence:leave',
  notification: 'notification',
  /** One's own private note on a paper, written or changed on another screen (only to its author's sockets). */
  annotation: 'annotation',
  /** One's own private note removed on another screen: `{ id }`. */
  annotationRemoved: 'annotation:removed',
} as const;

/** The socket events a notice to one user (`user:<id>` room) may be: a notification, or one's own private note. */
export type UserEventName = typeof SOCKET_EVENTS.notification | typeof SOCKET_EVENTS.annotation | typeof SOCKET_EVENTS.annotationRemoved;

export interface ServerToClientEvents {
  event: (envelope: EventEnvelope) => void;
  'access-changed': (change: AccessChanged) => void;
  presence: (update: PresenceUpdate) => void;
  /** A new notification for this socket's user (only theirs, only after its change committed). */
  notification: (notification: Notification) => void;
  /** The user's own private note, as stored (never anyone else's). */
  annotation: (annotation: Annotation) => void;
  'annotation:removed': (removed: { id: string }) => void;
  'doc:sync': (message: DocMessage) => void;
  'doc:awareness': (message: DocMessage) => void;
  'doc:error': (error: DocError) => void;
  'doc:flush': (request: DocRequest, ack: (result: DocFlushAck) => void) => void;
}
export interface ClientToServerEvents {
  subscribe: (request: SubscribeRequest, ack: (result: SubscribeAck) => void) => void;
  unsubscribe: (request: SubscribeRequest, ack: (result: SubscribeAck) => void) => void;
  'presence:join': (request: { meetingId: string }, ack: (result: PresenceAck) => void) => void;
  'presence:leave': (request: { meetingId: string }, ack: (result: PresenceAck) => void) => void;
  'doc:join': (request: DocRequest, ack: (result: DocJoinAck) => void) => void;
  'doc:leave': (request: DocRequest) => void;
  'doc:sync': (message: DocMessage, ack?: (result: DocSyncAck) => void) => void;
  'doc:awareness': (message: DocMessage) => void;
}
