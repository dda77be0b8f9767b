import { describe, expect, it } from '@jest/globals';
import { createActionItemSchema } from '@sidang/shared';
import { i18n } from '../i18n/i18n.ts';
import { fieldOfPath, fromServerIssue, fromZodIssue, translateValidation } from './validation-messages.ts';

const en = i18n.getFixedT('en');
const ms = i18n.getFixedT('ms');

function zodIssues(input: unknown) {
  const result = createActionItemSchema.safeParse(input);
  if (result.success) throw new Error('expected the input to be invalid');
  return result.error.issues;
}

describe(fromZodIssue.name, () => {
  it('should recognise the shared schema rules: empty title, too long, bad date, unknown option', () => {
    const issues = zodIssues({ title: ' ', description: 'x'.repeat(20_001), dueDate: '2025-02-30', classification: 'TOP' });
    const byField = Object.fromEntries(issues.map((issue) => [fieldOfPath(issue.path), fromZodIssue(issue)]));
    expect(byField.title).toMatchObject({ rule: 'required' });
    expect(byField.description).toMatchObject({ rule: 'tooLong', params: { max: 20_000 } });
    expect(byField.dueDate).toMatchObject({ rule: 'invalidDate' });
    expect(byField.classification).toMatchObject({ rule: 'invalidOption' });
  });

  it('should keep the original message for a rule it does not know', () => {
    const [issue] = zodIssues({ title: 5 });
    expect(issue && fromZodIssue(issue)).toEqual({ rule: null, fallback: issue?.message });
  });
});

describe(fromServerIssue.name, () => {
  it.each([
    ['title must not be empty', { rule: 'required' }],
    ['Too big: expected string to have <=300 characters', { rule: 'tooLong', params: { max: 300 } }],
    ['Too big: expected array to have <=50 items', { rule: 'tooMany', params: { max: 50 } }],
    ['Invalid ISO date', { rule: 'invalidDate' }],
    ['must not be above your clearance (RESTRICTED)', { rule: 'aboveClearance', params: { level: 'RESTRICTED' } }],
    ['must be members of this committee', { rule: 'notMembers' }],
  ])('should recognise %j', (message, expected) => {
    expect(fromServerIssue({ path: 'x', message })).toEqual({ ...expected, fallback: message });
  });

  it('should fall back to the server message when the rule is unknown', () => {
    const message = fromServerIssue({ path: 'ownerAgencies.0', message: 'Unknown agency code XYZ' });
    expect(message.rule).toBeNull();
    expect(translateValidation(ms, message, 'ownerAgencies')).toBe('Unknown agency code XYZ');
  });

  it('should not invent a level the server did not name', () => {
    expect(fromServerIssue({ path: 'classification', message: 'must not be above your clearance (TOP)' }).rule).toBeNull();
  });
});

describe(translateValidation.name, () => {
  it('should word a rule per field where the field has its own text, in both languages', () => {
    const required = { rule: 'required', fallback: 'x' } as const;
    expect(translateValidation(en, required, 'title')).toBe('Enter a title.');
    expect(translateValidation(ms, required, 'title')).toBe('Masukkan tajuk.');
    expect(translateValidation(en, required, 'description')).toBe('This field is required.');
    expect(translateValidation(ms, required, 'description')).toBe('Medan ini wajib diisi.');
  });

  it('should fill in limits and the translated clearance', () => {
    expect(translateValidation(ms, { rule: 'tooLong', params: { max: 300 }, fallback: 'x' }, 'title')).toBe(
      'Tidak boleh melebihi 300 aksara.',
    );
    const above = { rule: 'aboveClearance', params: { level: 'CONFIDENTIAL' }, fallback: 'x' } as const;
    expect(translateValidation(en, above, 'classification')).toBe('Cannot be above your clearance (Confidential).');
    expect(translateValidation(ms, above, 'classification')).toBe('Tidak boleh melebihi tahap tapisan anda (Sulit).');
  });
});
