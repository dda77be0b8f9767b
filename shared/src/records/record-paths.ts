// Zod-free: the first screen reads it (re-exported by `@sidang/shared/constants`).
import { type EntityType, RECORD_TYPES, type SearchableType } from './record-types.js';

/**
 * Where a record opens: its own page, or a place `within` the records that govern it
 * (`ancestorIds`, nearest first: a decision → its agenda item → its meeting). A path is built
 * from ids only, never from a record's content, so a marked record's e-mail may carry it.
 */
export type RecordRoute =
  | { page: (committeeId: string, id: string) => string }
  | { within: (committeeId: string, ancestorIds: readonly string[]) => string };

/**
 * Where each record type opens in the app, named once for the client (search, links, activity,
 * notifications) and the server (e-mail links). Typed by `EntityType`: a type without an entry
 * does not compile, and a searchable one must have a route; null for a record nobody opens.
 */
export const RECORD_ROUTES = {
  'action-item': { page: (c, id) => `/c/${c}/actions/${id}` },
  'progress-update': { within: (c, up) => `/c/${c}/actions/${up[0] ?? ''}` },
  member: null,
  meeting: { page: (c, id) => `/c/${c}/meetings/${id}` },
  'agenda-item': { within: (c, up) => `/c/${c}/meetings/${up[0] ?? ''}` },
  attendance: null,
  decision: { within: (c, up) => `/c/${c}/meetings/${up.at(-1) ?? ''}` },
  'bilateral-meeting': { page: (c, id) => `/c/${c}/registers/bilateral/${id}` },
  'bilateral-commitment': { within: (c, up) => `/c/${c}/registers/bilateral/${up[0] ?? ''}` },
  agreement: { within: (c) => `/c/${c}/registers/bilateral` },
  negotiation: { page: (c, id) => `/c/${c}/registers/negotiations/${id}` },
  'negotiation-round': { within: (c, up) => `/c/${c}/registers/negotiations/${up[0] ?? ''}` },
  'rnd-project': { page: (c, id) => `/c/${c}/registers/rnd/${id}` },
  'rnd-milestone': { within: (c, up) => `/c/${c}/registers/rnd/${up[0] ?? ''}` },
  'record-link': null,
  document: { within: (c, up) => `/c/${c}/meetings/${up.at(-1) ?? ''}` },
  annotation: { within: (c, up) => `/c/${c}/meetings/${up.at(-1) ?? ''}/papers/${up[0] ?? ''}` },
  minutes: null,
  'minutes-section': { within: (c, up) => `/c/${c}/meetings/${up.at(-1) ?? ''}/minutes` },
  'minutes-comment': null,
  'committee-settings': null,
  vote: { within: (c, up) => `/c/${c}/meetings/${up.at(-1) ?? ''}` },
  interest: { within: (c, up) => (up.length === 1 ? `/c/${c}/resolutions/${up[0] ?? ''}` : `/c/${c}/meetings/${up.at(-1) ?? ''}`) },
  resolution: { page: (c, id) => `/c/${c}/resolutions/${id}` },
} satisfies { [E in EntityType]: E extends SearchableType ? RecordRoute : RecordRoute | null };

/** Where a record opens, given the records that govern it (nearest first); undefined when nowhere. */
export function recordPath(type: EntityType, committeeId: string, id: string, ancestorIds: readonly string[]): string | undefined {
  const route: RecordRoute | null = RECORD_ROUTES[type];
  if (route === null) return undefined;
  return 'page' in route ? route.page(committeeId, id) : route.within(committeeId, ancestorIds);
}

/**
 * Where a record opens: its own place, else its governing record's (the minutes open on their
 * meeting); undefined when neither has one.
 */
export function openPath(type: EntityType, committeeId: string, id: string, ancestorIds: readonly string[]): string | undefined {
  const own = recordPath(type, committeeId, id, ancestorIds);
  const [parentId, ...above] = ancestorIds;
  const parentTypes: readonly EntityType[] = RECORD_TYPES[type].parent?.types ?? [];
  const parentType = parentTypes.length === 1 ? parentTypes[0] : undefined;
  return own ?? (parentId && parentType ? recordPath(parentType, committeeId, parentId, above) : undefined);
}

/** The record's own page, when it has one (a linked record without one is shown without a link). */
export function pageOf(type: EntityType, committeeId: string, id: string): string | undefined {
  const route: RecordRoute | null = RECORD_ROUTES[type];
  return route !== null && 'page' in route ? route.page(committeeId, id) : undefined;
}
