import { describe, expect, it } from '@jest/globals';
import { activeFilterCount, type ListParams, parseListParams } from './list-params.ts';

const none: ListParams = { filters: {}, dueThisWeek: false, sort: 'due' };

describe(activeFilterCount.name, () => {
  it('should count nothing for an unfiltered list, whatever the sort', () => {
    expect(activeFilterCount(none)).toBe(0);
    expect(activeFilterCount({ ...none, sort: 'priority' })).toBe(0);
  });

  it('should count each status and each other filter once', () => {
    expect(
      activeFilterCount({
        filters: { status: ['open', 'blocked'], owner: 'me', agency: 'JMG', overdue: true },
        dueThisWeek: true,
        sort: 'due',
      }),
    ).toBe(6);
  });

  it('should ignore empty values the URL may carry', () => {
    expect(activeFilterCount({ ...none, filters: { status: [], agency: '', overdue: false } })).toBe(0);
    expect(activeFilterCount(parseListParams(new URLSearchParams('status=open&agency=&due=week&sort=status')))).toBe(2);
  });
});
