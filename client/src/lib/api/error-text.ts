import type { TFunction } from 'i18next';
import { isApiError } from './api-client.ts';

/**
 * The sentence for a failed request where errors are shown generically: a `rate_limited` refusal
 * says how long to wait (from the server's `retryAfter`); anything else is `fallback`.
 */
export function errorText(t: TFunction, error: unknown, fallback: string): string {
  if (isApiError(error, 429) && error.body.code === 'rate_limited') return t('app.rateLimited', { count: error.body.retryAfter ?? 1 });
  return fallback;
}
