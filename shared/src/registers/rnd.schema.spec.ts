import { describe, expect, it } from '@jest/globals';
import { createRndProjectSchema, milestoneSlippage } from './rnd.schema.js';

describe(milestoneSlippage.name, () => {
  const today = '2026-06-15';

  it('should call a milestone achieved after its plan late, and one achieved on time not', () => {
    expect(milestoneSlippage({ plannedOn: '2026-01-10', actualOn: '2026-02-01', status: 'done' }, today)).toEqual({
      late: true,
      overdue: false,
    });
    expect(milestoneSlippage({ plannedOn: '2026-01-10', actualOn: '2026-01-10', status: 'done' }, today)).toEqual({
      late: false,
      overdue: false,
    });
  });

  it('should call a milestone not done past its plan overdue, but not one due today or cancelled', () => {
    expect(milestoneSlippage({ plannedOn: '2026-06-14', actualOn: null, status: 'in_progress' }, today)).toEqual({
      late: false,
      overdue: true,
    });
    expect(milestoneSlippage({ plannedOn: '2026-06-15', actualOn: null, status: 'planned' }, today)).toEqual({
      late: false,
      overdue: false,
    });
    expect(milestoneSlippage({ plannedOn: '2026-01-01', actualOn: null, status: 'cancelled' }, today)).toEqual({
      late: false,
      overdue: false,
    });
    expect(milestoneSlippage({ plannedOn: null, actualOn: null, status: 'planned' }, today)).toEqual({ late: false, overdue: false });
  });
});

describe('createRndProjectSchema', () => {
  it('should refuse a target below the current TRL, naming trlTarget', () => {
    const result = createRndProjectSchema.safeParse({ title: 'Backwards', trlNow: 6, trlTarget: 5 });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['trlTarget']);
    expect(createRndProjectSchema.safeParse({ title: 'Forwards', trlNow: 6, trlTarget: 6 }).success).toBe(true);
  });
});
