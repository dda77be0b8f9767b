import type { ApiIssue } from '@sidang/shared';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { isApiError } from '../../../lib/api/api-client.ts';
import { fieldOfPath, fromServerIssue, fromZodIssue, translateValidation } from '../../../lib/validation/validation-messages.ts';

/** Field → message, already in the UI language; `form` for what belongs to no one field. */
export type AdminFieldErrors = Record<string, string>;

/** Issue fields that name no control of the admin forms: their message goes to the form. */
const FORM_LEVEL = new Set(['body', 'membership', '']);

/**
 * The admin screens' own words for a rule, by its stable code (and the field or format it
 * names); null for a rule the shared validation wording covers. Never by the English message.
 */
function adminWording(t: TFunction, code: string | undefined, field: string, format?: string): string | null {
  switch (code) {
    case 'already_in_use':
      return t('admin.errors.taken');
    case 'self_change':
      return t('admin.errors.selfChange');
    case 'nested_group':
      return t('admin.errors.nestedGroup');
    case 'nothing_to_change':
      return t('admin.errors.nothingToChange');
    case 'too_short':
      return field === 'password' ? t('admin.errors.passwordTooShort') : null;
    case 'invalid_format':
      if (format === 'email') return t('admin.errors.invalidEmail');
      if (format === 'regex' && field === 'code') return t('admin.errors.codeFormat');
      return null;
    default:
      return null;
  }
}

/** One server issue in the UI language. */
function translateServerIssue(t: TFunction, issue: ApiIssue, field: string): string {
  return adminWording(t, issue.code, field, issue.params?.format) ?? translateValidation(t, fromServerIssue(issue), field);
}

/** Field → message from a zod error of a shared schema (the client-side check before sending). */
export function zodFieldErrors(error: z.ZodError, t: TFunction): AdminFieldErrors {
  const out: AdminFieldErrors = {};
  for (const issue of error.issues) {
    const field = fieldOfPath(issue.path) || 'form';
    if (out[field]) continue;
    // zod's codes, in the API's terms: a string under its minimum length is `too_short`.
    const code = issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) > 1 ? 'too_short' : issue.code;
    const format = issue.code === 'invalid_format' ? issue.format : undefined;
    out[field] = adminWording(t, code, field, format) ?? translateValidation(t, fromZodIssue(issue), field);
  }
  return out;
}

/**
 * Field → message from a failed request, by the codes the API sends: the issues of a 400, a
 * 409 on a taken value and a 403 `self_change` each under their field; otherwise one message
 * for the form by the error's `code` or status.
 */
export function serverFieldErrors(error: unknown, t: TFunction): AdminFieldErrors {
  if (!isApiError(error)) return { form: t('admin.errors.failed') };
  const issues = error.body.issues ?? [];
  if ([400, 403, 409].includes(error.status) && issues.length > 0) {
    const out: AdminFieldErrors = {};
    for (const issue of issues) {
      const field = fieldOfPath(issue.field ?? issue.path);
      const key = FORM_LEVEL.has(field) ? 'form' : field;
      out[key] ??= translateServerIssue(t, issue, field);
    }
    return out;
  }
  if (error.body.code === 'self_change') return { form: t('admin.errors.selfChange') };
  if (error.status === 403) return { form: t('admin.errors.forbidden') };
  if (error.status === 404) return { form: t('admin.errors.notFound') };
  return { form: t('admin.errors.failed') };
}
