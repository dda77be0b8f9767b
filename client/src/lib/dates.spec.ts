import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { COMMITTEE_TIME_ZONE, todayInCommitteeZone } from './dates.ts';

describe(todayInCommitteeZone.name, () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('should turn the day at midnight in Kuala Lumpur, not at UTC or device midnight', () => {
    expect(todayInCommitteeZone(new Date('2026-03-11T15:59:59.999Z'))).toBe('2026-03-11');
    expect(todayInCommitteeZone(new Date('2026-03-11T16:00:00.000Z'))).toBe('2026-03-12');
    expect(todayInCommitteeZone(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01');
  });

  it('should agree with the time-zone database on every hour of a year', () => {
    const reference = new Intl.DateTimeFormat('en-CA', {
      timeZone: COMMITTEE_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const differing: string[] = [];
    for (let at = Date.UTC(2026, 0, 1); at < Date.UTC(2027, 0, 1); at += 3_600_000) {
      const instant = new Date(at);
      if (todayInCommitteeZone(instant) !== reference.format(instant)) differing.push(instant.toISOString());
    }
    expect(differing).toEqual([]);
  });

  it('should not load time-zone data to know the date (a long task on a phone)', () => {
    // `format` is an accessor on the prototype (it returns a bound function).
    const format = jest.spyOn(Intl.DateTimeFormat.prototype as { readonly format: unknown }, 'format', 'get');
    const construct = jest.spyOn(Intl, 'DateTimeFormat');
    todayInCommitteeZone(new Date('2026-03-11T16:00:00.000Z'));
    expect(construct).not.toHaveBeenCalled();
    expect(format).not.toHaveBeenCalled();
  });
});
