import { describe, expect, it } from '@jest/globals';
import { recordTitle, titleFieldsOf } from './record-types.js';

const MEETING = { counterpart: 'JICA', country: 'JP', date: '2026-02-02', objectives: 'not a title field' };

describe(recordTitle.name, () => {
  it('should keep the language-neutral title without a locale (stored and compared as before)', () => {
    expect(recordTitle('negotiation-round', { number: 2 })).toBe('Round 2');
    expect(recordTitle('bilateral-meeting', MEETING)).toBe('JICA (JP), 2026-02-02');
    expect(recordTitle('action-item', { title: 'Validate the estimate' })).toBe('Validate the estimate');
  });

  it("should say a title in the reader's language with the short date the client writes", () => {
    expect(recordTitle('negotiation-round', { number: 2 }, 'en')).toBe('Round 2');
    expect(recordTitle('negotiation-round', { number: 2 }, 'ms')).toBe('Pusingan 2');
    expect(recordTitle('bilateral-meeting', MEETING, 'en')).toBe('JICA (JP), 2 Feb 2026');
    expect(recordTitle('bilateral-meeting', { ...MEETING, date: '2026-12-14' }, 'ms')).toBe('JICA (JP), 14 Dis 2026');
    expect(recordTitle('action-item', { title: 'Sahkan anggaran' }, 'ms')).toBe('Sahkan anggaran');
  });

  it('should read null for an unknown type or one without a title', () => {
    expect(recordTitle('nothing', { title: 'x' }, 'en')).toBeNull();
    expect(recordTitle('attendance', { title: 'x' }, 'ms')).toBeNull();
  });
});

describe(titleFieldsOf.name, () => {
  it('should carry only the fields a worded title rule reads, when all are there', () => {
    expect(titleFieldsOf('bilateral-meeting', MEETING)).toEqual({ counterpart: 'JICA', country: 'JP', date: '2026-02-02' });
    expect(titleFieldsOf('bilateral-meeting', { counterpart: 'JICA', country: 'JP' })).toBeNull();
    expect(titleFieldsOf('negotiation-round', { number: 2, outcome: 'x' })).toEqual({ number: 2 });
    expect(titleFieldsOf('action-item', { title: 'A' })).toBeNull();
    expect(titleFieldsOf('negotiation-round', null)).toBeNull();
  });
});
