import { describe, expect, it } from '@jest/globals';
import { todayIn } from './today.js';

describe(todayIn.name, () => {
  it('should read the calendar date in the given zone, not in UTC', () => {
    const lateUtc = new Date('2025-03-31T17:30:00Z'); // 01:30 on 1 April in Kuala Lumpur (UTC+8)
    expect(todayIn('Asia/Kuala_Lumpur', lateUtc)).toBe('2025-04-01');
    expect(todayIn('UTC', lateUtc)).toBe('2025-03-31');
  });
});
