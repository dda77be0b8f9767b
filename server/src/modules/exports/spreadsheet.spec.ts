import { describe, expect, it } from '@jest/globals';
import { defuse, shownLevel } from './spreadsheet.js';

describe(defuse.name, () => {
  it('should prefix a quote to a cell a spreadsheet would run as a formula, and leave others alone', () => {
    for (const formula of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tTAB', '\rCR']) expect(defuse(formula)).toBe(`'${formula}`);
    for (const plain of ['Raw materials', '1 = 1', "'quoted", '']) expect(defuse(plain)).toBe(plain);
  });
});

describe(shownLevel.name, () => {
  it('should count the field levels a row still carries, and not those withheld', () => {
    const row = { classification: 'CONFIDENTIAL' as const, fieldClassifications: { redLines: 'SECRET' as const } };
    expect(shownLevel(row)).toBe('SECRET');
    expect(shownLevel({ ...row, redactedFields: ['redLines'] })).toBe('CONFIDENTIAL');
    expect(shownLevel({ classification: 'OPEN' })).toBe('OPEN');
  });
});
