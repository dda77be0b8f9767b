// Zod-free: the activity page, notifications and e-mails all read a change through this one
// description (re-exported by `@sidang/shared/constants`).
import type { Locale } from '../auth/auth.constants.js';
import { isEntityType, recordTitle, titleFieldsOf } from '../records/record-types.js';
import {
  ATTENDANCE_WORDS,
  CLASSIFICATION_WORDS,
  COMMON_FIELDS,
  type DescribedVerb,
  type FieldWords,
  GENERAL_VERBS,
  QUIET_FIELDS,
  SENTENCE_WORDS,
  TYPE_WORDS,
  type TypeWords,
  type Words,
} from './describe-words.js';

export * from './describe-words.js';

/** One field a change moved, before → after (as the activity API returns it). */
export interface MovedField {
  field: string;
  before: unknown;
  after: unknown;
}

/** A change as every channel has it: an activity entry, or an event with the records it carries. */
export interface DescribableChange {
  /** Who made it; "Someone" when unknown. */
  actorName?: string | null;
  entityType: string;
  verb: string;
  /** The record's title (by its type's rule in the descriptor), when it has one. */
  title: string | null;
  /**
   * The fields the title is read from when its rule says it in the reader's language (a
   * negotiation round's number): the sentence names the record in its locale from these,
   * falling back to `title`.
   */
  titleFields?: Readonly<Record<string, unknown>> | null;
  /** The governing record's name, for a record without a title ("Bil. 3/2026" for minutes). */
  parentTitle?: string | null;
  changes: readonly MovedField[];
  /** Names of the users and records the change's ids point at, as the reader may see them. */
  names?: Readonly<Record<string, string>>;
  /** Fields the change moved that the reader may not see: "withheld", never the value. */
  withheld?: readonly string[];
}

export interface DescribedField {
  field: string;
  label: string;
  before: string;
  after: string;
  /** "Status: Draft → Circulated"; "Red lines: withheld". */
  text: string;
  /** The reader may not see the field: `before` and `after` both say so. */
  withheld?: true;
}

/** A change in words: the sentence, cut around the record's name (a screen links it), and the field lines. */
export interface ChangeDescription {
  /** "Pengerusi (MITI) mengedarkan minit Bil. 3/2026". */
  sentence: string;
  actor: string;
  /** The words between the actor and the record: "mengedarkan ". */
  lead: string;
  /** The record as named in the sentence: "minit Bil. 3/2026", "the action “Validate …”". */
  record: string;
  /** The words after the record: " to draft". */
  tail: string;
  changes: DescribedField[];
}

const LANGUAGE: Record<Locale, 0 | 1> = { en: 0, ms: 1 };
const DATE_LOCALE: Record<Locale, string> = { en: 'en-GB', ms: 'ms-MY' };
/** The committee's zone (MEETING_TIME_ZONE): times read as the committee reads them. */
const TIME_ZONE = 'Asia/Kuala_Lumpur';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const TEXT_MAX = 120;
const TITLE_MAX = 100;

function say(words: Words, locale: Locale): string {
  return words[LANGUAGE[locale]];
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A value no table knows, readable: `in_progress` → "in progress". */
function humanize(value: string): string {
  return value.replace(/_/g, ' ');
}

function typeWords(entityType: string): TypeWords | null {
  return isEntityType(entityType) ? TYPE_WORDS[entityType] : null;
}

function fieldWords(type: TypeWords | null, field: string): FieldWords | null {
  return type?.fields[field] ?? COMMON_FIELDS[field] ?? null;
}

function isQuiet(type: TypeWords | null, field: string): boolean {
  return QUIET_FIELDS.includes(field) || (type?.quiet?.includes(field) ?? false);
}

/** Not readable (an id nobody named, a shape no rule knows): the line is left out. */
const UNREADABLE = Symbol('unreadable');
type Read = string | typeof UNREADABLE;

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

function named(value: unknown, names: Readonly<Record<string, string>>): Read {
  if (typeof value !== 'string') return UNREADABLE;
  const name = names[value];
  if (name !== undefined) return clip(name, TITLE_MAX);
  // A code (a value-chain stage) reads as itself; an id nobody named is never shown.
  return UUID.test(value) ? UNREADABLE : humanize(value);
}

function formatDate(value: string, locale: Locale): Read {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return UNREADABLE;
  const at = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(DATE_LOCALE[locale], { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(at);
}

function formatDateTime(value: string, locale: Locale): Read {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return UNREADABLE;
  return new Intl.DateTimeFormat(DATE_LOCALE[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(at);
}

function read(type: TypeWords | null, words: FieldWords, value: unknown, names: Readonly<Record<string, string>>, locale: Locale): Read {
  if (isBlank(value)) return say(SENTENCE_WORDS.empty, locale);
  if (words.values) {
    const known = words.values[String(value)];
    return known ? say(known, locale) : typeof value === 'string' ? humanize(value) : UNREADABLE;
  }
  switch (words.kind) {
    case 'people':
    case 'record': {
      const ids = Array.isArray(value) ? value : [value];
      const found = ids.map((id) => named(id, names)).filter((name): name is string => name !== UNREADABLE);
      return found.length === 0 ? UNREADABLE : found.join(', ');
    }
    case 'date':
      return typeof value === 'string' ? formatDate(value, locale) : UNREADABLE;
    case 'datetime':
      return typeof value === 'string' ? formatDateTime(value, locale) : UNREADABLE;
    case 'money':
      return typeof value === 'number' ? `RM ${value.toLocaleString(DATE_LOCALE[locale])}` : UNREADABLE;
    case 'levels': {
      if (typeof value !== 'object' || Array.isArray(value)) return UNREADABLE;
      const entries = Object.entries(value as Record<string, unknown>).flatMap(([field, level]) => {
        const label = fieldWords(type, field);
        const levelWords = CLASSIFICATION_WORDS[String(level)];
        return label && levelWords ? [`${say(label.label, locale)}: ${say(levelWords, locale)}`] : [];
      });
      return entries.length === 0 ? say(SENTENCE_WORDS.empty, locale) : entries.join(', ');
    }
    case 'quorum-rule': {
      const rule = value as { kind?: unknown; count?: unknown };
      if (rule.kind === 'majority') return say(SENTENCE_WORDS.majority, locale);
      if (rule.kind === 'count') return say(SENTENCE_WORDS.quorumCount, locale).replace('{count}', String(rule.count));
      return UNREADABLE;
    }
    case 'guests': {
      if (!Array.isArray(value)) return UNREADABLE;
      const people = (value as Array<{ name?: unknown; agency?: unknown }>)
        .filter((guest) => typeof guest.name === 'string')
        .map((guest) => (typeof guest.agency === 'string' && guest.agency ? `${guest.name} (${guest.agency})` : String(guest.name)));
      return people.length === 0 ? say(SENTENCE_WORDS.empty, locale) : clip(people.join(', '), TEXT_MAX);
    }
    case 'action-line': {
      const line = value as { kind?: unknown; agencies?: unknown };
      if (line.kind === 'information') return say(SENTENCE_WORDS.forInformation, locale);
      if (line.kind !== 'action' || !Array.isArray(line.agencies)) return UNREADABLE;
      const agencies = line.agencies.length === 0 ? say(SENTENCE_WORDS.empty, locale) : line.agencies.map(String).join(', ');
      return say(SENTENCE_WORDS.actionLine, locale).replace('{agencies}', agencies);
    }
    default:
      break;
  }
  if (typeof value === 'boolean') return say(value ? SENTENCE_WORDS.yes : SENTENCE_WORDS.no, locale);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return UUID.test(value) ? UNREADABLE : clip(value, TEXT_MAX);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')) {
    const items = value.map(String);
    return items.some((item) => UUID.test(item)) ? UNREADABLE : clip(items.join(', '), TEXT_MAX);
  }
  return UNREADABLE;
}

function line(field: string, label: string, before: string, after: string): DescribedField {
  return { field, label, before, after, text: `${label}: ${before} → ${after}` };
}

interface Attendee {
  userId?: unknown;
  name?: unknown;
  status?: unknown;
}

/** Attendance moves per person: "Attendance of Ahmad: Absent → Present". */
function attendeeLines(before: unknown, after: unknown, locale: Locale): DescribedField[] {
  const list = (value: unknown) => (Array.isArray(value) ? (value as Attendee[]) : []);
  const was = new Map(list(before).map((person) => [person.userId, person.status]));
  return list(after).flatMap((person) => {
    const previous = was.get(person.userId);
    if (previous === person.status || typeof person.name !== 'string') return [];
    const status = (value: unknown) => {
      const words = ATTENDANCE_WORDS[String(value)];
      return words ? say(words, locale) : say(SENTENCE_WORDS.empty, locale);
    };
    const label = say(SENTENCE_WORDS.attendanceOf, locale).replace('{name}', clip(person.name, TITLE_MAX));
    return [line('attendees', label, status(previous), status(person.status))];
  });
}

function describeFields(change: DescribableChange, type: TypeWords | null, locale: Locale): DescribedField[] {
  const names = change.names ?? {};
  const withheld = new Set(change.withheld ?? []);
  const lines = change.changes.flatMap((moved): DescribedField[] => {
    if (isQuiet(type, moved.field) || withheld.has(moved.field)) return [];
    const words = fieldWords(type, moved.field);
    if (!words) return [];
    if (words.kind === 'attendees') return attendeeLines(moved.before, moved.after, locale);
    const before = read(type, words, moved.before, names, locale);
    const after = read(type, words, moved.after, names, locale);
    if (before === UNREADABLE || after === UNREADABLE || before === after) return [];
    return [line(moved.field, say(words.label, locale), before, after)];
  });
  const hidden = [...withheld].flatMap((field) => {
    const words = fieldWords(type, field);
    if (!words || isQuiet(type, field)) return [];
    const text = say(SENTENCE_WORDS.withheld, locale);
    const label = say(words.label, locale);
    return [{ field, label, before: text, after: text, text: `${label}: ${text}`, withheld: true as const }];
  });
  return [...lines, ...hidden];
}

function verbPhrase(change: DescribableChange, type: TypeWords | null): Words {
  const verb = change.verb as DescribedVerb;
  const transition = type?.transitions;
  if (verb === 'updated' && transition) {
    const moved = change.changes.find((candidate) => candidate.field === transition.field);
    const phrase = moved ? transition.to[String(moved.after)] : undefined;
    if (phrase) return phrase;
  }
  // A link is named by its ends (`linkTitle`) where the reader may see both; otherwise it says so.
  if (change.entityType === 'record-link' && !change.title && (verb === 'created' || verb === 'deleted')) {
    return verb === 'created' ? SENTENCE_WORDS.linkedUnnamed : SENTENCE_WORDS.unlinkedUnnamed;
  }
  return type?.verbs?.[verb] ?? GENERAL_VERBS[verb] ?? GENERAL_VERBS.updated;
}

function recordPhrase(change: DescribableChange, type: TypeWords | null, locale: Locale): string {
  const noun = type ? say(type.noun, locale) : locale === 'ms' ? 'rekod' : 'a record';
  const local = change.titleFields ? recordTitle(change.entityType, change.titleFields, locale) : null;
  const title = (local ?? change.title)?.trim();
  if (title && !UUID.test(title)) return `${noun} “${clip(title, TITLE_MAX)}”`;
  const parent = change.parentTitle?.trim();
  if (parent && type?.ofParent) return say(type.ofParent, locale).replace('{parent}', clip(parent, TITLE_MAX));
  return noun;
}

/**
 * One change in a sentence a person reads, in `locale`: who, what they did, which record, and
 * the fields it moved ("Status: Draf → Diedarkan"). Never a raw key, enum value or id: an id
 * the change's `names` do not name, or a value no rule reads, leaves its line out.
 */
export function describeChange(change: DescribableChange, locale: Locale): ChangeDescription {
  const type = typeWords(change.entityType);
  const actor = change.actorName?.trim() || say(SENTENCE_WORDS.someone, locale);
  const phrase = say(verbPhrase(change, type), locale);
  const record = recordPhrase(change, type, locale);
  const at = phrase.indexOf('{record}');
  const lead = at < 0 ? phrase : phrase.slice(0, at);
  const tail = at < 0 ? '' : phrase.slice(at + '{record}'.length);
  const named = at < 0 ? '' : record;
  return {
    sentence: `${actor} ${lead}${named}${tail}`,
    actor,
    lead,
    record: named,
    tail,
    changes: describeFields(change, type, locale),
  };
}

/**
 * The fields that moved between two copies of a record (as one reader may see them), before →
 * after: bookkeeping and fields withheld from that reader on either side are left out.
 */
export function movedFields(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): MovedField[] {
  const withheld = new Set([...withheldFields(before), ...withheldFields(after)]);
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => !QUIET_FIELDS.includes(field) && !withheld.has(field))
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}

function withheldFields(record: Readonly<Record<string, unknown>> | null): string[] {
  const fields = record?.redactedFields;
  return Array.isArray(fields) ? fields.filter((field): field is string => typeof field === 'string') : [];
}

/**
 * A change from the records an event carries, projected for its reader (`projectFor`): the
 * title by the descriptor, the fields moved, and the fields withheld from the reader named as
 * withheld — for notifications and e-mails, which hold the event rather than an activity entry.
 */
export function changeOfRecords(event: {
  actorName?: string | null;
  entityType: string;
  verb: string;
  before: Readonly<Record<string, unknown>> | null;
  after: Readonly<Record<string, unknown>> | null;
  parentTitle?: string | null;
  names?: Readonly<Record<string, string>>;
}): DescribableChange {
  const { before, after } = event;
  const latest = after ?? before;
  return {
    actorName: event.actorName,
    entityType: event.entityType,
    verb: event.verb,
    title: latest ? recordTitle(event.entityType, latest) : null,
    titleFields: titleFieldsOf(event.entityType, latest),
    parentTitle: event.parentTitle,
    changes: before && after ? movedFields(before, after) : [],
    names: event.names,
    withheld: event.verb === 'deleted' ? [] : withheldFields(after),
  };
}

/** The fields of a record type whose values are ids (users, records): a channel names them in `names`. */
export function idFieldsOf(entityType: string): string[] {
  const type = typeWords(entityType);
  if (!type) return [];
  return Object.entries(type.fields)
    .filter(([, words]) => words.kind === 'people' || words.kind === 'record')
    .map(([field]) => field);
}

/**
 * How a record is named where it governs another: a meeting by its number ("Bil. 3/2026", its
 * title while it has none), any other record by its title (in `locale` when given, see `recordTitle`).
 */
export function governingName(entityType: string, record: Readonly<Record<string, unknown>>, locale?: Locale): string | null {
  if (entityType === 'meeting' && typeof record.number === 'string' && record.number.trim() !== '') return record.number;
  return recordTitle(entityType, record, locale);
}

/** A link's name from its ends' names: "Validate the estimate ↔ EU FTA chapter". */
export function linkTitle(from: string, to: string): string {
  return `${from} ↔ ${to}`;
}

/** A field's label in the reader's language ("Red lines", "Garis merah"); a field no table names reads as itself. */
export function fieldLabel(entityType: string, field: string, locale: Locale): string {
  const words = fieldWords(typeWords(entityType), field);
  return words ? say(words.label, locale) : humanize(field);
}

/** One of the sentence words ("yes", "ya") in the reader's language. */
export function sentenceWord(word: keyof typeof SENTENCE_WORDS, locale: Locale): string {
  return say(SENTENCE_WORDS[word], locale);
}

/**
 * A field's value as a reader reads it in a list or a file: an enum value in words
 * ("Dalam tindakan", "FTA chapter"), yes or no, a classification; anything else as it is.
 */
export function valueWords<V>(entityType: string, field: string, value: V, locale: Locale): V | string {
  const words = fieldWords(typeWords(entityType), field);
  if (words?.values && (typeof value === 'string' || typeof value === 'number')) {
    const known = words.values[String(value)];
    return known ? say(known, locale) : humanize(String(value));
  }
  if (typeof value === 'boolean') return say(value ? SENTENCE_WORDS.yes : SENTENCE_WORDS.no, locale);
  return value;
}
