import { z } from 'zod';
import { ENTITY_TYPES } from './records/record-types.js';

/**
 * What a notification tells its recipient (CONTRACT.md "Notifications"). A kind is derived
 * from committed changes (or, for due-soon and overdue, from the clock); `record.changed` is a
 * change of a record the recipient follows that no more particular kind covers.
 */
export const NOTIFICATION_KINDS = [
  'action.assigned',
  'action.due-soon',
  'action.overdue',
  'action.progress',
  'mention',
  'minutes.circulated',
  'minutes.confirmed',
  'minutes.published',
  'meeting.scheduled',
  'meeting.changed',
  'meeting.started',
  'meeting.cancelled',
  'meeting.reminder',
  'paper.added',
  'record.changed',
  'vote.opened',
  'resolution.circulated',
  'resolution.reminder',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);
export function isNotificationKind(kind: string): kind is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

/**
 * How a recipient wants one kind delivered: in the app only, in the app and by e-mail at once,
 * in the app and in the daily e-mail digest, or not at all.
 */
export const NOTIFICATION_DELIVERIES = ['in-app', 'email', 'digest', 'off'] as const;
export type NotificationDelivery = (typeof NOTIFICATION_DELIVERIES)[number];
export const notificationDeliverySchema = z.enum(NOTIFICATION_DELIVERIES);

/** The delivery of a kind the recipient has not chosen: e-mail for what asks something of them, the app for the rest. */
export const DEFAULT_NOTIFICATION_DELIVERY: Readonly<Record<NotificationKind, NotificationDelivery>> = {
  'action.assigned': 'email',
  'action.due-soon': 'email',
  'action.overdue': 'email',
  'action.progress': 'in-app',
  mention: 'email',
  'minutes.circulated': 'email',
  'minutes.confirmed': 'in-app',
  'minutes.published': 'in-app',
  'meeting.scheduled': 'email',
  'meeting.changed': 'email',
  'meeting.started': 'in-app',
  'meeting.cancelled': 'email',
  'meeting.reminder': 'email',
  'paper.added': 'in-app',
  'record.changed': 'in-app',
  'vote.opened': 'in-app',
  'resolution.circulated': 'email',
  'resolution.reminder': 'email',
};

/** The socket.io event that carries one new notification to its recipient's own sockets. */
export const NOTIFICATION_EVENT = 'notification' as const;

/** One notification, as its recipient may see it now (its record re-read for their clearance and membership). */
export const notificationSchema = z.object({
  id: z.uuid(),
  kind: notificationKindSchema,
  committeeId: z.uuid(),
  entityType: z.string().describe('The record it is about (opens it), e.g. action-item'),
  entityId: z.uuid(),
  ancestorIds: z.array(z.uuid()).describe('The records that govern this one, nearest first (where it opens)'),
  title: z.string().describe("The record's title as the recipient may see it now ('' when it has none they may see)"),
  text: z.string().describe('What happened, in a sentence in the recipient’s language'),
  at: z.iso.datetime().describe('When it happened'),
  readAt: z.iso.datetime().nullable().describe('When the recipient marked it read; null while unread'),
});
export type Notification = z.infer<typeof notificationSchema>;

export const NOTIFICATIONS_LIMIT_DEFAULT = 50;
export const NOTIFICATIONS_LIMIT_MAX = 200;

export const notificationQuerySchema = z.strictObject({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true')
    .describe('true: only those not yet read'),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'cursor: use nextCursor from the previous page')
    .optional()
    .describe('Opaque; nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(NOTIFICATIONS_LIMIT_MAX).default(NOTIFICATIONS_LIMIT_DEFAULT),
});
export type NotificationQuery = z.output<typeof notificationQuerySchema>;

export const notificationPageSchema = z.object({
  items: z.array(notificationSchema).describe('Newest first'),
  nextCursor: z.string().nullable(),
  unreadCount: z.number().int().min(0).describe('How many of the caller’s notifications they may see are unread (the bell)'),
});
export type NotificationPage = z.infer<typeof notificationPageSchema>;

/** Mark some (`ids`) or every (`all: true`) notification of the caller read; ids not theirs are ignored. */
export const notificationReadRequestSchema = z.strictObject({
  ids: z.array(z.uuid()).max(NOTIFICATIONS_LIMIT_MAX).optional().describe('The notifications to mark read'),
  all: z.boolean().optional().describe('true: mark every notification of the caller read (ids are then not needed)'),
});
export type NotificationReadRequest = z.infer<typeof notificationReadRequestSchema>;

export const notificationReadResultSchema = z.object({
  unreadCount: z.number().int().min(0).describe('Unread notifications left, as in the list'),
});
export type NotificationReadResult = z.infer<typeof notificationReadResultSchema>;

/** Every kind with its delivery (GET answers all kinds; PUT takes any of them and answers all). */
export const notificationPreferencesSchema = z.object({
  kinds: z.record(notificationKindSchema, notificationDeliverySchema),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

export const notificationPreferencesUpdateSchema = z.strictObject({
  kinds: z.partialRecord(notificationKindSchema, notificationDeliverySchema).describe('The kinds to change; others keep theirs'),
});
export type NotificationPreferencesUpdate = z.infer<typeof notificationPreferencesUpdateSchema>;

/** The record of `/api/follows/:entityType/:entityId`. */
export const followParamsSchema = z.object({
  entityType: z.enum(ENTITY_TYPES as readonly [EntityTypeOf, ...EntityTypeOf[]]).describe('Record type, e.g. action-item'),
  entityId: z.uuid(),
});
type EntityTypeOf = (typeof ENTITY_TYPES)[number];
export type FollowParams = z.infer<typeof followParamsSchema>;

/** Whether the caller follows a record (`GET|PUT|DELETE /api/follows/:entityType/:entityId`). */
export const followStateSchema = z.object({
  entityType: z.string(),
  entityId: z.uuid(),
  following: z.boolean(),
});
export type FollowState = z.infer<typeof followStateSchema>;
