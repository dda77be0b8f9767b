import type { Notification } from '@sidang/shared';
import { CLASSIFICATION_WORDS, classificationAt, isEntityType, type Locale, openPath, TYPE_WORDS } from '@sidang/shared';
import Handlebars from 'handlebars';

/** One notification as an e-mail shows it: above RESTRICTED only its marking, type and link. */
export interface MailItem {
  /** "SULIT", "RAHSIA" for a CONFIDENTIAL or SECRET record; null otherwise. */
  marking: string | null;
  /** What the item says: the title and sentence, or, under a marking, only what kind of record it is. */
  headline: string;
  text: string | null;
  /** The kind of record, in the reader's language ("the action", "tindakan"). */
  noun: string;
  link: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const WORDS = {
  en: {
    greeting: 'Hello {name},',
    open: 'Open in Sidang',
    marked: 'A notification about {noun} ({marking}). Open Sidang to read it.',
    subjectMarked: '[{marking}] Sidang: a notification about {noun}',
    subjectDigest: 'Sidang: your daily digest ({count})',
    intro: 'What happened in your committees:',
    footer: 'You receive this e-mail because of your notification settings in Sidang.',
  },
  ms: {
    greeting: 'Salam sejahtera {name},',
    open: 'Buka dalam Sidang',
    marked: 'Satu pemberitahuan tentang {noun} ({marking}). Buka Sidang untuk membacanya.',
    subjectMarked: '[{marking}] Sidang: pemberitahuan tentang {noun}',
    subjectDigest: 'Sidang: ringkasan harian anda ({count})',
    intro: 'Apa yang berlaku dalam jawatankuasa anda:',
    footer: 'Anda menerima e-mel ini kerana tetapan pemberitahuan anda dalam Sidang.',
  },
} as const satisfies Record<Locale, Record<string, string>>;

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));

// Handlebars escapes every value in the HTML; the plain-text part is compiled without escaping.
const BODY = `{{greeting}}

{{intro}}

{{#each items}}
{{#if marking}}[{{marking}}] {{/if}}{{headline}}
{{#if text}}{{text}}
{{/if}}{{../open}}: {{link}}

{{/each}}
--
{{footer}}
`;
const HTML = `<!doctype html>
<html lang="{{lang}}"><body style="font-family: Arial, sans-serif; color: #1a1a1a">
<p>{{greeting}}</p>
<p>{{intro}}</p>
<ul style="padding-left: 1.2em">
{{#each items}}
<li style="margin-bottom: 1em">{{#if marking}}<strong style="color: #b00020">{{marking}}</strong> {{/if}}<strong>{{headline}}</strong>
{{#if text}}<br>{{text}}{{/if}}<br><a href="{{link}}">{{../open}}</a></li>
{{/each}}
</ul>
<p style="color: #555; font-size: 0.9em">{{footer}}</p>
</body></html>
`;
const textTemplate = Handlebars.compile(BODY, { noEscape: true, strict: true });
const htmlTemplate = Handlebars.compile(HTML, { strict: true });

/** The marking of a record at `level` (0 OPEN … 3 SECRET) in an e-mail: null below CONFIDENTIAL. */
export function markingOf(level: number): string | null {
  if (level < 2) return null;
  return (CLASSIFICATION_WORDS[classificationAt(level)]?.[1] ?? 'SULIT').toUpperCase();
}

/**
 * Where a notification's record opens in the app: the client's rule (`openPath`) over its
 * governing records, else its committee's home. Ids only, so a marked record's link reveals nothing.
 */
export function linkTo(
  appUrl: string,
  notification: Pick<Notification, 'committeeId' | 'entityType' | 'entityId' | 'ancestorIds'>,
): string {
  const { committeeId, entityType, entityId, ancestorIds } = notification;
  const path = (isEntityType(entityType) ? openPath(entityType, committeeId, entityId, ancestorIds) : undefined) ?? `/c/${committeeId}`;
  return `${appUrl.replace(/\/+$/, '')}${path}`;
}

/** One notification for an e-mail, as its reader may see it: under a marking only the type and the link. */
export function mailItem(notification: Notification, level: number, locale: Locale, appUrl: string): MailItem {
  const marking = markingOf(level);
  const link = linkTo(appUrl, notification);
  const type = notification.entityType;
  const noun = isEntityType(type) ? TYPE_WORDS[type].noun[locale === 'ms' ? 1 : 0] : type;
  if (marking === null) {
    return { marking, headline: notification.title || notification.text, text: notification.title ? notification.text : null, noun, link };
  }
  return { marking, headline: fill(WORDS[locale].marked, { noun, marking }), text: null, noun, link };
}

/** The e-mail of one notification, or of a day's digest, in the reader's language: plain text and HTML. */
export function renderMail(items: readonly MailItem[], reader: { name: string; locale: Locale }, digest: boolean): RenderedMail {
  const words = WORDS[reader.locale];
  const first = items[0];
  const subject = digest
    ? fill(words.subjectDigest, { count: items.length })
    : first?.marking
      ? fill(words.subjectMarked, { marking: first.marking, noun: first.noun })
      : `Sidang: ${first?.text ?? first?.headline ?? ''}`;
  const context = {
    lang: reader.locale,
    greeting: fill(words.greeting, { name: reader.name }),
    intro: words.intro,
    open: words.open,
    footer: words.footer,
    items,
  };
  return { subject, text: textTemplate(context), html: htmlTemplate(context) };
}
