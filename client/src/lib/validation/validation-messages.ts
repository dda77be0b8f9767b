import { CLASSIFICATIONS, type Classification, type IssueCode } from '@sidang/shared/constants';
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
  'invalidFormat',
  'nulByte',
  'unknownField',
  'belowOrigin',
  'tooShort',
  'tooSmall',
  'tooBig',
  'invalidType',
  'nothingToChange',
  'alreadyInUse',
  'selfChange',
  'nestedGroup',
  'invalidTransition',
  'invalidState',
  'hasChildren',
] as const;
export type ValidationRule = (typeof VALIDATION_RULES)[number];

/**
 * One field's problem: the rule when it is known (then the UI translates it), and always the
 * original message (zod's or the server's), shown as is when the rule is not known.
 */
export interface ValidationMessage {
  rule: ValidationRule | null;
  params?: { max?: number; min?: number; level?: Classification };
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
    case 'custom':
      return (issue.params as { code?: unknown } | undefined)?.code === 'nul_byte'
        ? { rule: 'nulByte', fallback }
        : { rule: null, fallback };
    default:
      return { rule: null, fallback };
  }
}

/** A server issue: `code` is the stable rule; `message` is English and shown only as a fallback. */
export interface ServerIssue {
  path: string;
  message: string;
  field?: string;
  code?: IssueCode;
  params?: { max?: number; min?: number; format?: string; level?: string };
}

/**
 * Server 400 issues carry a stable `code` (and the values it names in `params`): the UI
 * translates by the code and never by the English text.
 */
export function fromServerIssue(issue: ServerIssue): ValidationMessage {
  const fallback = issue.message;
  const max = issue.params?.max;
  switch (issue.code) {
    case 'required':
      return { rule: 'required', fallback };
    case 'too_long':
      return typeof max === 'number' ? { rule: 'tooLong', params: { max }, fallback } : { rule: null, fallback };
    case 'too_many':
      return typeof max === 'number' ? { rule: 'tooMany', params: { max }, fallback } : { rule: null, fallback };
    case 'invalid_format':
      if (issue.params?.format === 'date') return { rule: 'invalidDate', fallback };
      if (issue.params?.format === 'uuid') return { rule: 'invalidId', fallback };
      return { rule: 'invalidFormat', fallback };
    case 'invalid_value':
      return { rule: 'invalidOption', fallback };
    case 'nul_byte':
      return { rule: 'nulByte', fallback };
    case 'unknown_field':
      return { rule: 'unknownField', fallback };
    case 'above_clearance': {
      const level = issue.params?.level;
      return isClassification(level) ? { rule: 'aboveClearance', params: { level }, fallback } : { rule: null, fallback };
    }
    case 'not_members':
      return { rule: 'notMembers', fallback };
    case 'below_origin': {
      const level = issue.params?.level;
      return isClassification(level) ? { rule: 'belowOrigin', params: { level }, fallback } : { rule: null, fallback };
    }
    case 'too_short':
    case 'too_small': {
      const min = issue.params?.min;
      const rule = issue.code === 'too_short' ? 'tooShort' : 'tooSmall';
      return typeof min === 'number' ? { rule, params: { min }, fallback } : { rule: null, fallback };
    }
    case 'too_big':
      return typeof max === 'number' ? { rule: 'tooBig', params: { max }, fallback } : { rule: null, fallback };
    case 'invalid_type':
      return { rule: 'invalidType', fallback };
    case 'nothing_to_change':
      return { rule: 'nothingToChange', fallback };
    case 'already_in_use':
      return { rule: 'alreadyInUse', fallback };
    case 'self_change':
      return { rule: 'selfChange', fallback };
    case 'nested_group':
      return { rule: 'nestedGroup', fallback };
    case 'invalid_transition':
      return { rule: 'invalidTransition', fallback };
    case 'invalid_state':
      return { rule: 'invalidState', fallback };
    case 'has_children':
      return { rule: 'hasChildren', fallback };
    case undefined:
      // An issue without a code (an older server): no rule is guessed from its English text.
      return { rule: null, fallback };
    default:
      return unknownCode(issue.code, fallback);
  }
}

/** Every issue code the API names has a rule above: a new code without one fails to compile. */
function unknownCode(code: never, fallback: string): ValidationMessage {
  return code ? { rule: null, fallback } : { rule: null, fallback };
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
  const params = { max: message.params?.max, min: message.params?.min, level: level ? t(`classification.${level}`) : '' };
  const keys = field ? [`validation.${field}_${message.rule}`, `validation.${message.rule}`] : [`validation.${message.rule}`];
  return t(keys, params);
}
