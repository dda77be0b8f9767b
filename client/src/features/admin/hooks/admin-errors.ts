import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { isApiError } from '../../../lib/api/api-client.ts';

export type AdminFieldErrors = Record<string, string>;

/** A known message (client zod issue or server 400/409 issue) in the UI language; otherwise as sent. */
export function translateAdminMessage(t: TFunction, message: string): string {
  if (/already in use/i.test(message)) return t('admin.errors.taken');
  if (/at least 12 characters/i.test(message)) return t('admin.errors.passwordTooShort');
  if (/own account/i.test(message)) return t('admin.errors.selfLockout');
  if (/last chair/i.test(message)) return t('admin.errors.lastChair');
  if (/^Invalid email/i.test(message)) return t('admin.errors.invalidEmail');
  if (/letters, digits and hyphens/i.test(message)) return t('admin.errors.codeFormat');
  if (/working group cannot have working groups/i.test(message)) return t('admin.errors.nestedGroup');
  if (/^Too small: expected string to have >=1\b/i.test(message) || /^required$/.test(message)) return t('validation.required');
  const tooLong = message.match(/^Too big: expected string to have <=(\d+)/i);
  if (tooLong) return t('validation.tooLong', { max: Number(tooLong[1]) });
  if (/^Invalid option/i.test(message)) return t('validation.invalidOption');
  return message;
}

/** Field → message from a zod error of a shared schema (client-side check before sending). */
export function zodFieldErrors(error: z.ZodError): AdminFieldErrors {
  const out: AdminFieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (out[field]) continue;
    out[field] = issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) <= 1 ? 'required' : issue.message;
  }
  return out;
}

/** Field → message from a failed request: 400 issues and 409s that name their field; anything else under `form`. */
export function serverFieldErrors(error: unknown, t: TFunction): AdminFieldErrors {
  if (isApiError(error) && (error.status === 400 || error.status === 409) && (error.body.issues?.length ?? 0) > 0) {
    return error.fieldErrors();
  }
  if (isApiError(error, 403)) return { form: t('admin.errors.forbidden') };
  if (isApiError(error, 404)) return { form: t('admin.errors.notFound') };
  return { form: t('admin.errors.failed') };
}
