import { describe, expect, it } from '@jest/globals';
import type { ApiError, ApiIssue } from '@sidang/shared';
import { i18n } from '../i18n/i18n.ts';
import { ApiRequestError } from './api-client.ts';
import { errorText, issueTexts } from './api-errors.ts';

const en = i18n.getFixedT('en');
const ms = i18n.getFixedT('ms');

/** A 400 as the server words it: the top-level code, and one issue on `field`. */
function refusal(code: ApiError['code'], issue: Omit<ApiIssue, 'path'>) {
  const message = `${issue.field}: ${issue.message}`;
  return new ApiRequestError(400, { statusCode: 400, code, message, issues: [{ ...issue, path: issue.field }] });
}

describe(errorText.name, () => {
  it('should word a refusal by its codes, never by the English message', () => {
    const nothing = refusal('nothing_to_change', {
      field: 'body',
      code: 'nothing_to_change',
      message: 'names no field to change besides version',
    });
    expect(errorText(en, nothing, 'form.failed')).toBe('Nothing was changed.');
    expect(errorText(ms, nothing, 'form.failed')).toBe('Tiada apa-apa yang diubah.');
    const children = refusal('invalid_input', { field: 'id', code: 'has_children', message: 'remove or move its sub-items first' });
    expect(errorText(ms, children, 'form.failed')).toBe('Buang atau pindahkan sub-perkaranya dahulu.');
  });

  it('should fall back to the top-level code, then to the caller’s key', () => {
    const gone = new ApiRequestError(404, { statusCode: 404, code: 'not_found', message: 'Meeting not found' });
    expect(errorText(en, gone, 'form.failed')).toBe('Not found; it may have been removed.');
    const odd = new ApiRequestError(400, { statusCode: 400, code: 'invalid_json', message: 'body: is not valid JSON' });
    expect(errorText(en, odd, 'form.failed')).toBe(en('form.failed'));
    expect(errorText(en, new Error('network'), 'form.failed')).toBe(en('form.failed'));
  });
});

describe(issueTexts.name, () => {
  it('should give each field its message in the UI language', () => {
    const error = refusal('invalid_input', { field: 'title', code: 'too_long', message: 'Too big', params: { max: 300 } });
    expect(issueTexts(ms, error)).toEqual({ title: ms('validation.tooLong', { max: 300 }) });
  });
});
