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
    [{ code: 'required' }, { rule: 'required' }],
    [
      { code: 'too_long', params: { max: 300 } },
      { rule: 'tooLong', params: { max: 300 } },
    ],
    [
      { code: 'too_many', params: { max: 50 } },
      { rule: 'tooMany', params: { max: 50 } },
    ],
    [{ code: 'invalid_format', params: { format: 'date' } }, { rule: 'invalidDate' }],
    [{ code: 'invalid_format', params: { format: 'uuid' } }, { rule: 'invalidId' }],
    [{ code: 'invalid_value' }, { rule: 'invalidOption' }],
    [{ code: 'nul_byte' }, { rule: 'nulByte' }],
    [{ code: 'unknown_field' }, { rule: 'unknownField' }],
    [
      { code: 'above_clearance', params: { level: 'RESTRICTED' } },
      { rule: 'aboveClearance', params: { level: 'RESTRICTED' } },
    ],
    [{ code: 'not_members' }, { rule: 'notMembers' }],
  ] as const)('should translate by the code %j', (coded, expected) => {
    const message = 'any English text';
    expect(fromServerIssue({ path: 'x', message, ...coded })).toEqual({ ...expected, fallback: message });
  });

  it('should not guess a rule from the English text when there is no code', () => {
    expect(fromServerIssue({ path: 'title', message: 'title must not be empty' }).rule).toBeNull();
    expect(fromServerIssue({ path: 'x', message: 'Too big: expected string to have <=300 characters' }).rule).toBeNull();
  });

  it('should fall back to the server message when the code is unknown', () => {
    const message = fromServerIssue({ path: 'ownerAgencies.0', message: 'Unknown agency code XYZ' });
    expect(message.rule).toBeNull();
    expect(translateValidation(ms, message, 'ownerAgencies')).toBe('Unknown agency code XYZ');
  });

  it('should not invent a level the server did not name', () => {
    expect(fromServerIssue({ path: 'classification', message: 'x', code: 'above_clearance', params: { level: 'TOP' } }).rule).toBeNull();
  });

  it('should word a NUL byte in both languages', () => {
    const nul = fromServerIssue({ path: 'title', message: 'x', code: 'nul_byte' });
    expect(translateValidation(en, nul, 'title')).toMatch(/NUL/);
    expect(translateValidation(ms, nul, 'title')).toMatch(/Buang aksara kawalan/);
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
