import type { TFunction } from 'i18next';
import { fieldOfPath, fromServerIssue, translateValidation } from '../validation/validation-messages.ts';
import { isApiError } from './api-client.ts';

/**
 * Field → message in the UI language, from the `issues` of a refusal, translated by their stable
 * codes ("ownerAgencies.0" → "ownerAgencies").
 */
export function issueTexts(t: TFunction, error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isApiError(error)) return out;
  for (const issue of error.body.issues ?? []) {
    const field = fieldOfPath(issue.field ?? issue.path);
    if (field && !out[field]) out[field] = translateValidation(t, fromServerIssue(issue), field);
  }
  return out;
}

/**
 * One message for a failed request in the UI language, chosen by the error's codes: the first
 * issue whose rule the UI knows, else the error's `code` (`errors.<code>`), else `fallbackKey`.
 * Never the server's English message.
 */
export function errorText(t: TFunction, error: unknown, fallbackKey: string): string {
  if (!isApiError(error)) return t(fallbackKey);
  for (const issue of error.body.issues ?? []) {
    const message = fromServerIssue(issue);
    if (message.rule) return translateValidation(t, message, fieldOfPath(issue.field ?? issue.path));
  }
  return t([`errors.${error.body.code}`, fallbackKey]);
}
