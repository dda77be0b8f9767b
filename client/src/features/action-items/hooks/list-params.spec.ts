import { describe, expect, it } from '@jest/globals';
import { makeActionItem } from '../../../test/fixtures.ts';
import { activeFilterCount, type ListParams, parseListParams, sortActionItems } from './list-params.ts';

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

describe(sortActionItems.name, () => {
  it('should put work still to do first when sorting by due date', () => {
    const items = [
      makeActionItem({ title: 'Done early', status: 'done', dueDate: '2025-01-01' }),
      makeActionItem({ title: 'Open later', status: 'open', dueDate: '2025-03-01' }),
      makeActionItem({ title: 'Blocked sooner', status: 'blocked', dueDate: '2025-02-01' }),
      makeActionItem({ title: 'Open undated', status: 'open', dueDate: null }),
      makeActionItem({ title: 'Cancelled', status: 'cancelled', dueDate: null }),
    ];
    expect(sortActionItems(items, 'due').map((item) => item.title)).toEqual([
      'Blocked sooner',
      'Open later',
      'Open undated',
      'Done early',
      'Cancelled',
    ]);
  });
});
