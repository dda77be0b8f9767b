import { CLASSIFICATIONS, type Classification } from '@sidang/shared';
import type { TFunction } from 'i18next';
import type { z } from 'zod';

/** Validation rules the UI knows how to explain in the user's language. */
export const VALIDATION_RULES = [
  'required',
  'tooLong',
  'tooMany',
  'invalidDate',
  'invalidOption',
  'invalidId',
  'aboveClearance',
  'notMembers',
] as const;
export type ValidationRule = (typeof VALIDATION_RULES)[number];

/**
 * One field's problem: the rule when it is known (then the UI translates it), and always the
 * original message (zod's or the server's), shown as is when the rule is not known.
 */
export interface ValidationMessage {
  rule: ValidationRule | null;
  params?: { max?: number; level?: Classification };
  fallback: string;
}

function isClassification(value: string | undefined): value is Classification {
  return (CLASSIFICATIONS as readonly string[]).includes(value ?? '');
}

/** From a client-side zod issue: its code says which rule failed. */
export function fromZodIssue(issue: z.core.$ZodIssue): ValidationMessage {
  const fallback = issue.message;
  switch (issue.code) {
    case 'too_small':
      // A `min(1)` on a string or a list is "fill this in".
      return Number(issue.minimum) <= 1 && (issue.origin === 'string' || issue.origin === 'array')
        ? { rule: 'required', fallback }
        : { rule: null, fallback };
    case 'too_big':
      if (issue.origin === 'string') return { rule: 'tooLong', params: { max: Number(issue.maximum) }, fallback };
      if (issue.origin === 'array') return { rule: 'tooMany', params: { max: Number(issue.maximum) }, fallback };
      return { rule: null, fallback };
    case 'invalid_format':
      if (issue.format === 'date') return { rule: 'invalidDate', fallback };
      if (issue.format === 'uuid') return { rule: 'invalidId', fallback };
      return { rule: null, fallback };
    case 'invalid_value':
      return { rule: 'invalidOption', fallback };
    default:
      return { rule: null, fallback };
  }
}

/**
 * Server 400 issues carry only a path and a message: the rules the server is known to apply
 * (the shared schema's zod messages, and the service's own checks) are recognised by their text.
 */
const SERVER_PATTERNS: ReadonlyArray<{ pattern: RegExp; toMessage: (match: RegExpMatchArray) => Omit<ValidationMessage, 'fallback'> }> = [
  { pattern: /must not be empty|^Too small: expected (string|array) to have >=1\b/i, toMessage: () => ({ rule: 'required' }) },
  { pattern: /^Too big: expected string to have <=(\d+)/i, toMessage: (m) => ({ rule: 'tooLong', params: { max: Number(m[1]) } }) },
  { pattern: /^Too big: expected array to have <=(\d+)/i, toMessage: (m) => ({ rule: 'tooMany', params: { max: Number(m[1]) } }) },
  { pattern: /^Invalid ISO date/i, toMessage: () => ({ rule: 'invalidDate' }) },
  { pattern: /^Invalid UUID/i, toMessage: () => ({ rule: 'invalidId' }) },
  { pattern: /^Invalid option/i, toMessage: () => ({ rule: 'invalidOption' }) },
  {
    pattern: /above your clearance \((\w+)\)/i,
    toMessage: (m) => (isClassification(m[1]) ? { rule: 'aboveClearance', params: { level: m[1] } } : { rule: null }),
  },
  { pattern: /must be members of this committee/i, toMessage: () => ({ rule: 'notMembers' }) },
];

export function fromServerIssue(issue: { path: string; message: string }): ValidationMessage {
  for (const { pattern, toMessage } of SERVER_PATTERNS) {
    const match = issue.message.match(pattern);
    if (match) return { ...toMessage(match), fallback: issue.message };
  }
  return { rule: null, fallback: issue.message };
}

/** "ownerAgencies.0" / "ownerAgencies[0]" → "ownerAgencies". */
export function fieldOfPath(path: string | readonly PropertyKey[]): string {
  const first = typeof path === 'string' ? path.split(/[.[]/)[0] : path[0];
  return first === undefined ? '' : String(first);
}

/**
 * The message in the UI language. A field may word a rule its own way
 * (`validation.title_required`), else the rule's general text; an unknown rule shows the original.
 */
export function translateValidation(t: TFunction, message: ValidationMessage, field?: string): string {
  if (!message.rule) return message.fallback;
  const level = message.params?.level;
  const params = { max: message.params?.max, level: level ? t(`classification.${level}`) : '' };
  const keys = field ? [`validation.${field}_${message.rule}`, `validation.${message.rule}`] : [`validation.${message.rule}`];
  return t(keys, params);
}
