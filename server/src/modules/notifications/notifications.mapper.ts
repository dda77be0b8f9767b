import {
  type Classification,
  describeChange,
  type Locale,
  MEETING_TIME_ZONE,
  type Notification,
  type NotificationKind,
  projectFor,
  recordTitle,
  titleFieldsOf,
} from '@sidang/shared';
import { ancestorIdsOf } from '../../changes/visibility.js';
import type { NotificationRow } from './notifications.repository.js';

type Words = (actor: string, detail: Readonly<Record<string, unknown>>) => string;

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** Meeting fields by name, in each language (`meeting.changed`). */
const FIELD_NAMES: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  en: { startsAt: 'start time', endsAt: 'end time', venue: 'venue', onlineUrl: 'online link' },
  ms: { startsAt: 'masa mula', endsAt: 'masa tamat', venue: 'tempat', onlineUrl: 'pautan dalam talian' },
};

function fields(locale: Locale, detail: Readonly<Record<string, unknown>>, and: string): string {
  const names = list(detail.fields).flatMap((field) => (FIELD_NAMES[locale][field] ? [FIELD_NAMES[locale][field]] : []));
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} ${and} ${names.at(-1)}`;
}

const DATE_LOCALES: Readonly<Record<Locale, string>> = { en: 'en-GB', ms: 'ms-MY' };

/** A deadline (an instant) as the committee's calendar day: "14 Dec 2026" / "14 Dis 2026". */
function day(locale: Locale, value: unknown): string | null {
  const at = typeof value === 'string' ? new Date(value) : null;
  if (!at || Number.isNaN(at.getTime())) return null;
  return new Intl.DateTimeFormat(DATE_LOCALES[locale], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: MEETING_TIME_ZONE,
  }).format(at);
}

/**
 * One sentence per kind, in English and Malay. Built from the actor's name and the notification's
 * own facts (a date, field names), never from a record's content.
 */
const SENTENCES: Readonly<Record<Locale, Readonly<Record<NotificationKind, Words>>>> = {
  en: {
    'action.assigned': (actor, d) => `${actor} assigned you an action${str(d.dueDate) ? `, due ${str(d.dueDate)}` : ''}`,
    'action.due-soon': (_, d) => `Your action is due on ${str(d.dueDate) ?? ''}`,
    'action.overdue': (_, d) => `Your action was due on ${str(d.dueDate) ?? ''} and is not done`,
    'action.progress': (actor) => `${actor} posted a progress update on your action`,
    mention: (actor) => `${actor} mentioned you`,
    'minutes.circulated': (actor, d) =>
      `${actor} circulated the minutes for comment${day('en', d.commentDeadline) ? ` (comments by ${day('en', d.commentDeadline)})` : ''}`,
    'minutes.confirmed': (actor) => `${actor} confirmed the minutes`,
    'minutes.published': (actor) => `${actor} published the minutes`,
    'meeting.scheduled': (actor) => `${actor} scheduled a meeting`,
    'meeting.changed': (actor, d) => `${actor} changed the meeting's ${fields('en', d, 'and') || 'details'}`,
    'meeting.started': () => 'The meeting has started',
    'meeting.cancelled': (actor) => `${actor} cancelled the meeting`,
    'meeting.reminder': (actor) => `${actor} asks whether you will attend the meeting`,
    'paper.added': (actor) => `${actor} added a paper`,
    'record.changed': (actor) => `${actor} changed a record you follow`, // read through describeChange
    'vote.opened': (actor) => `${actor} opened a vote`,
    'resolution.circulated': (actor) => `${actor} circulated a resolution`,
    'resolution.reminder': () => 'A resolution awaits your answer before it closes',
  },
  ms: {
    'action.assigned': (actor, d) =>
      `${actor} menugaskan satu tindakan kepada anda${str(d.dueDate) ? `, tarikh akhir ${str(d.dueDate)}` : ''}`,
    'action.due-soon': (_, d) => `Tindakan anda perlu disiapkan pada ${str(d.dueDate) ?? ''}`,
    'action.overdue': (_, d) => `Tindakan anda sepatutnya siap pada ${str(d.dueDate) ?? ''} dan belum selesai`,
    'action.progress': (actor) => `${actor} menghantar laporan kemajuan bagi tindakan anda`,
    mention: (actor) => `${actor} menyebut anda`,
    'minutes.circulated': (actor, d) =>
      `${actor} mengedarkan minit untuk ulasan${day('ms', d.commentDeadline) ? ` (ulasan sebelum ${day('ms', d.commentDeadline)})` : ''}`,
    'minutes.confirmed': (actor) => `${actor} mengesahkan minit`,
    'minutes.published': (actor) => `${actor} menerbitkan minit`,
    'meeting.scheduled': (actor) => `${actor} menjadualkan mesyuarat`,
    'meeting.changed': (actor, d) => `${actor} mengubah ${fields('ms', d, 'dan') || 'butiran'} mesyuarat`,
    'meeting.started': () => 'Mesyuarat telah bermula',
    'meeting.cancelled': (actor) => `${actor} membatalkan mesyuarat`,
    'meeting.reminder': (actor) => `${actor} bertanya sama ada anda akan menghadiri mesyuarat`,
    'paper.added': (actor) => `${actor} menambah kertas`,
    'record.changed': (actor) => `${actor} mengubah rekod yang anda ikuti`,
    'vote.opened': (actor) => `${actor} membuka undian`,
    'resolution.circulated': (actor) => `${actor} mengedarkan resolusi`,
    'resolution.reminder': () => 'Resolusi menunggu jawapan anda sebelum ditutup',
  },
};

const SOMEONE: Readonly<Record<Locale, string>> = { en: 'Someone', ms: 'Seseorang' };

/** The sentence of a notification in the recipient's language. */
export function notificationText(
  kind: NotificationKind,
  locale: Locale,
  actorName: string | null,
  detail: Record<string, unknown>,
): string {
  return SENTENCES[locale][kind](actorName ?? SOMEONE[locale], detail);
}

/**
 * The only place a stored notification becomes its wire shape: the title is read from its
 * record's latest state projected for the recipient's clearance now (a field raised since is
 * withheld here too); a record without a title of its own (minutes) takes its governing record's.
 */
export function toNotification(row: NotificationRow, clearance: Classification, locale: Locale): Notification {
  const record = row.data ? projectFor(row.data, clearance, row.field_levels) : null;
  // Named in the recipient's language ("Pusingan 2"), as the sentence below names it.
  const own = record ? recordTitle(row.entity_type, record, locale) : null;
  const parent =
    own === null && row.parent_type && row.parent_data
      ? recordTitle(row.parent_type, projectFor(row.parent_data, clearance, row.parent_field_levels), locale)
      : null;
  const title = own ?? parent ?? '';
  // A followed record's change reads as the activity page says it (the shared description per type).
  const text =
    row.kind === 'record.changed'
      ? describeChange(
          {
            actorName: row.actor_name,
            entityType: row.entity_type,
            verb: 'updated',
            title: own,
            titleFields: titleFieldsOf(row.entity_type, record),
            parentTitle: parent,
            changes: [],
          },
          locale,
        ).sentence
      : notificationText(row.kind, locale, row.actor_name, row.detail ?? {});
  return {
    id: row.id,
    kind: row.kind,
    committeeId: row.committee_id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    ancestorIds: ancestorIdsOf(row),
    title,
    text,
    at: new Date(row.at).toISOString(),
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
  };
}
