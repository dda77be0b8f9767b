import { z } from 'zod';

/** Bumped when the wire protocol changes incompatibly. */
export const PROTOCOL_VERSION = 1;

/** Record types that travel through the change pipeline. */
export const ENTITY_TYPES = ['action-item', 'progress-update'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/**
 * `hidden` is sent, with `data: { id }`, to users who could see a record before a change
 * raised its classification above their clearance: their screens must drop it.
 */
export const VERBS = ['created', 'updated', 'deleted', 'hidden'] as const;
export type Verb = (typeof VERBS)[number];

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

/** One change, as delivered to one user over the socket or through catch-up. */
export interface EventEnvelope<T = unknown> {
  seq: number;
  committeeId: string;
  type: EventType;
  entityId: string;
  version: number;
  actorId: string;
  at: string;
  data: T;
}

export const subscribeRequestSchema = z.strictObject({ committeeId: z.uuid() });
export type SubscribeRequest = z.infer<typeof subscribeRequestSchema>;
export type SubscribeAck = { ok: true; seq: number } | { ok: false; error: string };

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

/** Socket.io event names, server → client and client → server. */
export const SOCKET_EVENTS = {
  event: 'event',
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
} as const;

export interface ServerToClientEvents {
  event: (envelope: EventEnvelope) => void;
}
export interface ClientToServerEvents {
  subscribe: (request: SubscribeRequest, ack: (result: SubscribeAck) => void) => void;
  unsubscribe: (request: SubscribeRequest, ack: (result: SubscribeAck) => void) => void;
}
