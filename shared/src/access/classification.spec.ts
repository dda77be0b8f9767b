import { describe, expect, it } from '@jest/globals';
import { isOverdue } from '../action-items/action-item.schema.js';
import { CLASSIFICATIONS, classificationAt, classificationLevel, isCleared } from './classification.js';

describe('classification', () => {
  it('should order OPEN < RESTRICTED < CONFIDENTIAL < SECRET', () => {
    expect(CLASSIFICATIONS.map(classificationLevel)).toEqual([0, 1, 2, 3]);
    expect(classificationAt(2)).toBe('CONFIDENTIAL');
    expect(() => classificationAt(4)).toThrow(RangeError);
  });

  it('should clear a holder for their own level and below only', () => {
    expect(isCleared('CONFIDENTIAL', 'CONFIDENTIAL')).toBe(true);
    expect(isCleared('CONFIDENTIAL', 'OPEN')).toBe(true);
    expect(isCleared('CONFIDENTIAL', 'SECRET')).toBe(false);
    expect(isCleared('OPEN', 'RESTRICTED')).toBe(false);
  });
});

describe(isOverdue.name, () => {
  it('should call open items past their due date overdue, and closed or undated ones not', () => {
    expect(isOverdue({ status: 'open', dueDate: '2025-06-01' }, '2025-06-02')).toBe(true);
    expect(isOverdue({ status: 'blocked', dueDate: '2025-06-01' }, '2025-06-02')).toBe(true);
    expect(isOverdue({ status: 'open', dueDate: '2025-06-02' }, '2025-06-02')).toBe(false);
    expect(isOverdue({ status: 'done', dueDate: '2025-06-01' }, '2025-06-02')).toBe(false);
    expect(isOverdue({ status: 'cancelled', dueDate: '2025-06-01' }, '2025-06-02')).toBe(false);
    expect(isOverdue({ status: 'open', dueDate: null }, '2025-06-02')).toBe(false);
  });
});
