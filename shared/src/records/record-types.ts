// Zod-free: the first screen reads it (re-exported by `@sidang/shared/constants`).
import { ACTION_ITEM_LEVELLED_FIELDS } from '../action-items/action-item.constants.js';
import type { Locale } from '../auth/auth.constants.js';

/**
 * How a record's title is read from its wire shape: a field, or a rule over the `fields` it
 * names, said in the reader's `locale` ("Pusingan 2", "JICA (JP), 2 Feb 2026"); without a
 * locale, the language-neutral title stored and compared (the link ends', the activity API's).
 */
export type TitleRule =
  | string
  | { fields: readonly string[]; read: (record: Readonly<Record<string, unknown>>, locale?: Locale) => string | null };

/** The fields of a record's wire shape the search index holds. */
export interface SearchFields {
  /** Shown as the result's title, weighted highest, and matched by similarity (typos, prefixes). */
  title: readonly string[];
  /** Further text matched by words; the snippet is cut from these. */
  text: readonly string[];
}

/** What every part of Sidang needs to know of one record type, apart from its wire schema. */
export interface RecordTypeDescriptor {
  /**
   * The record types that govern this one (its visibility follows theirs, its page is theirs),
   * and the field of its wire shape that holds the governing record's id; null for a root.
   */
  parent: { types: readonly string[]; idField: string } | null;
  /** Its title in links, search and the activity history; null for a record without one. */
  title: TitleRule | null;
  /** Whether a record link may join it (`/api/links`). */
  linkable: boolean;
  /** The fields the search box looks in; null when the search does not find it. */
  search: SearchFields | null;
  /** Fields that may carry a classification above the record's own. */
  levelledFields: readonly string[];
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Short month names as the client's date-fns locales (en-GB, ms) write them. */
const MONTHS: Readonly<Record<Locale, readonly string[]>> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  ms: ['Jan', 'Feb', 'Mac', 'Apr', 'Mei', 'Jun', 'Jul', 'Ogo', 'Sep', 'Okt', 'Nov', 'Dis'],
};

/** A calendar date (YYYY-MM-DD) as the client's short date says it: "2 Feb 2026", "2 Ogo 2026"; else as given. */
function shortDate(value: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const month = match ? MONTHS[locale][Number(match[2]) - 1] : undefined;
  return match && month ? `${Number(match[3])} ${month} ${match[1]}` : value;
}

/** "Round 2" / "Pusingan 2". */
const ROUND_WORD: Readonly<Record<Locale, string>> = { en: 'Round', ms: 'Pusingan' };

/**
 * Every record type that travels through the change pipeline, named once. The entity type
 * union, linkable and searchable types, the search registry and the title of a record are
 * derived from this table; a new record type is a slice plus one entry here (and one in
 * `RECORD_ROUTES`, record-paths.ts, and the client's table, client/src/lib/records/record-types.ts).
 * See README "Adding a record type".
 *
 * The order is the order of lists shown to people (the search box's type filter).
 */
export const RECORD_TYPES = {
  'action-item': {
    parent: null,
    title: 'title',
    linkable: true,
    search: { title: ['title'], text: ['description', 'ownerAgencies'] },
    levelledFields: ACTION_ITEM_LEVELLED_FIELDS,
  },
  'progress-update': {
    parent: { types: ['action-item'], idField: 'actionItemId' },
    title: 'body',
    linkable: false,
    search: { title: ['body'], text: ['authorName'] },
    levelledFields: [],
  },
  member: { parent: null, title: 'name', linkable: false, search: null, levelledFields: [] },
  meeting: {
    parent: null,
    title: 'title',
    linkable: true,
    search: { title: ['title'], text: ['number', 'venue'] },
    levelledFields: ['currentAgendaItemId', 'currentItemStartedAt'],
  },
  'agenda-item': {
    parent: { types: ['meeting'], idField: 'meetingId' },
    title: 'title',
    linkable: true,
    search: { title: ['title'], text: ['presenter'] },
    levelledFields: [],
  },
  attendance: { parent: { types: ['meeting'], idField: 'meetingId' }, title: null, linkable: false, search: null, levelledFields: [] },
  decision: {
    parent: { types: ['agenda-item'], idField: 'agendaItemId' },
    title: 'text',
    linkable: true,
    search: { title: ['text'], text: [] },
    levelledFields: [],
  },
  'bilateral-meeting': {
    parent: null,
    title: {
      fields: ['counterpart', 'country', 'date'],
      read: (record, locale) => {
        const date = text(record.date);
        return `${text(record.counterpart)} (${text(record.country)}), ${locale ? shortDate(date, locale) : date}`;
      },
    },
    linkable: true,
    search: { title: ['counterpart'], text: ['place', 'ourDelegation', 'objectives', 'outcomes'] },
    levelledFields: ['ourDelegation', 'objectives', 'outcomes'],
  },
  'bilateral-commitment': {
    parent: { types: ['bilateral-meeting'], idField: 'bilateralMeetingId' },
    title: 'text',
    linkable: true,
    search: { title: ['text'], text: [] },
    levelledFields: [],
  },
  agreement: { parent: null, title: 'title', linkable: true, search: { title: ['title'], text: [] }, levelledFields: [] },
  negotiation: {
    parent: null,
    title: 'title',
    linkable: true,
    search: { title: ['title'], text: ['counterpart', 'position', 'redLines', 'fallback', 'concessions'] },
    levelledFields: ['position', 'redLines', 'fallback', 'concessions'],
  },
  'negotiation-round': {
    parent: { types: ['negotiation'], idField: 'negotiationId' },
    title: {
      fields: ['number'],
      read: (record, locale) => `${ROUND_WORD[locale ?? 'en']} ${String(record.number ?? '')}`,
    },
    linkable: true,
    search: { title: ['venue'], text: ['outcome', 'nextSteps'] },
    levelledFields: [],
  },
  'rnd-project': {
    parent: null,
    title: 'title',
    linkable: true,
    search: { title: ['title'], text: ['leadInstitution', 'partners', 'notes'] },
    levelledFields: ['fundingRm', 'partners', 'notes'],
  },
  'rnd-milestone': {
    parent: { types: ['rnd-project'], idField: 'rndProjectId' },
    title: 'title',
    linkable: true,
    search: { title: ['title'], text: ['gateCriteria'] },
    levelledFields: [],
  },
  'record-link': { parent: null, title: null, linkable: false, search: null, levelledFields: [] },
  document: {
    parent: { types: ['agenda-item', 'meeting'], idField: 'parentId' },
    title: 'title',
    linkable: false,
    search: { title: ['title'], text: ['fileName'] },
    levelledFields: [],
  },
  /** A shared note on a page of a paper (a private note is never an event: it is not a record type of the pipeline). */
  annotation: {
    parent: { types: ['document'], idField: 'documentId' },
    title: 'text',
    linkable: false,
    search: null,
    levelledFields: [],
  },
  minutes: { parent: { types: ['meeting'], idField: 'meetingId' }, title: null, linkable: false, search: null, levelledFields: [] },
  'minutes-section': {
    parent: { types: ['minutes'], idField: 'minutesId' },
    title: 'title',
    linkable: false,
    // `text` in events is the text when the section last changed; the live document refreshes
    // it (refreshDocText, debounced after edits).
    search: { title: ['title'], text: ['text'] },
    levelledFields: [],
  },
  'minutes-comment': {
    parent: { types: ['minutes-section'], idField: 'sectionId' },
    title: 'body',
    linkable: false,
    search: null,
    levelledFields: [],
  },
  'committee-settings': { parent: null, title: null, linkable: false, search: null, levelledFields: [] },
  vote: {
    parent: { types: ['agenda-item'], idField: 'agendaItemId' },
    title: 'question',
    linkable: false,
    search: null,
    levelledFields: [],
  },
  interest: {
    parent: { types: ['agenda-item', 'resolution'], idField: 'subjectId' },
    title: null,
    linkable: false,
    search: null,
    levelledFields: [],
  },
  resolution: {
    parent: null,
    title: 'title',
    linkable: true,
    search: { title: ['title'], text: ['text'] },
    levelledFields: [],
  },
} as const satisfies Record<string, RecordTypeDescriptor>;

type RecordTypes = typeof RECORD_TYPES;

/** Record types that travel through the change pipeline. */
export type EntityType = keyof RecordTypes;
export const ENTITY_TYPES = Object.keys(RECORD_TYPES) as readonly EntityType[];

/** A governing type must itself be a record type: the compiler refuses a misspelt parent. */
type ParentTypes = { [E in EntityType]: RecordTypes[E]['parent'] extends { types: readonly (infer P)[] } ? P : never }[EntityType];
const parentTypesAreRecordTypes: [ParentTypes] extends [EntityType] ? true : never = true;
void parentTypesAreRecordTypes;

/** Record types a link may join. */
export type LinkableType = { [E in EntityType]: RecordTypes[E]['linkable'] extends true ? E : never }[EntityType];
export const LINKABLE_TYPES = ENTITY_TYPES.filter((type) => RECORD_TYPES[type].linkable) as readonly LinkableType[] as readonly [
  LinkableType,
  ...LinkableType[],
];

/** Record types the search box finds. */
export type SearchableType = { [E in EntityType]: RecordTypes[E]['search'] extends SearchFields ? E : never }[EntityType];
export const SEARCHABLE_TYPES = ENTITY_TYPES.filter((type) => RECORD_TYPES[type].search !== null) as readonly SearchableType[] as readonly [
  SearchableType,
  ...SearchableType[],
];

/** The search registry: record type → indexed fields. */
export const SEARCH_FIELDS = Object.fromEntries(SEARCHABLE_TYPES.map((type) => [type, RECORD_TYPES[type].search])) as {
  readonly [E in SearchableType]: RecordTypes[E]['search'];
};

/** The fields of a record type that may carry a level above the record's own. */
export type LevelledFieldOf<E extends EntityType> = RecordTypes[E]['levelledFields'][number];

export function isEntityType(type: string): type is EntityType {
  return Object.hasOwn(RECORD_TYPES, type);
}

/**
 * A record's title from its wire shape (as logged or as a reader sees it); null when its type has
 * none. In `locale` for a sentence a person reads; without one, the language-neutral title that
 * is stored and compared (today's "Round 2", "JICA (JP), 2026-02-02").
 */
export function recordTitle(type: string, record: Readonly<Record<string, unknown>>, locale?: Locale): string | null {
  if (!isEntityType(type)) return null;
  const rule: TitleRule | null = RECORD_TYPES[type].title;
  if (rule === null) return null;
  if (typeof rule !== 'string') return rule.read(record, locale);
  const value = record[rule];
  return typeof value === 'string' ? value : null;
}

/**
 * The fields of a record its title rule reads, when the rule says them in the reader's language
 * (a negotiation round's number): a channel that names the record without knowing the reader's
 * language sends these beside its title. Null for a title that is one field, or a field missing.
 */
export function titleFieldsOf(type: string, record: Readonly<Record<string, unknown>> | null): Record<string, unknown> | null {
  if (!record || !isEntityType(type)) return null;
  const rule: TitleRule | null = RECORD_TYPES[type].title;
  if (rule === null || typeof rule === 'string') return null;
  if (!rule.fields.every((field) => record[field] !== undefined && record[field] !== null)) return null;
  return Object.fromEntries(rule.fields.map((field) => [field, record[field]]));
}
