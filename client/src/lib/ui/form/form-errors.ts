import type { TFunction } from 'i18next';
import { isApiError } from '../../api/api-client.ts';
import { issueTexts } from '../../api/api-errors.ts';
import type { FieldErrors } from './use-form-values.ts';

/** The form-level sentences for a refused save, by status; the issues of a 400 go to their fields. */
export interface RefusalTexts {
  /** 400: added to the issues under their fields. */
  invalid: string;
  /** 409: the record changed meanwhile. */
  conflict: string;
  /** 404: the record is gone. */
  gone: string;
}

/**
 * Field → message of a failed save: each issue of a 400 under its `field`, translated by its code
 * (lib/api), and one sentence for the form by status; never the server's English text.
 */
export function refusalErrors(t: TFunction, error: unknown, texts: RefusalTexts): FieldErrors {
  if (!error) return {};
  if (isApiError(error, 400)) return { ...issueTexts(t, error), form: texts.invalid };
  if (isApiError(error, 409)) return { form: texts.conflict };
  if (isApiError(error, 403)) return { form: t('form.forbidden') };
  if (isApiError(error, 404)) return { form: texts.gone };
  return { form: t('form.failed') };
}
