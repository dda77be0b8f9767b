import { describe, expect, it } from '@jest/globals';
import { BadRequestException } from '@nestjs/common';
import { requireViewLevel, viewLevelFor } from './view-level.js';

describe(viewLevelFor.name, () => {
  it('should lower the clearance to the level asked for', () => {
    expect(viewLevelFor('SECRET', 'OPEN')).toEqual({ ok: true, clearance: 'OPEN' });
    expect(viewLevelFor('CONFIDENTIAL', 'CONFIDENTIAL')).toEqual({ ok: true, clearance: 'CONFIDENTIAL' });
  });

  it('should keep the clearance when no level is asked for', () => {
    expect(viewLevelFor('RESTRICTED', undefined)).toEqual({ ok: true, clearance: 'RESTRICTED' });
  });

  it('should refuse a level above the clearance, or one that is not a level', () => {
    expect(viewLevelFor('CONFIDENTIAL', 'SECRET')).toMatchObject({ ok: false, code: 'above_clearance' });
    expect(viewLevelFor('SECRET', 'secret')).toMatchObject({ ok: false, code: 'invalid_value' });
    expect(viewLevelFor('SECRET', ['OPEN', 'OPEN'])).toMatchObject({ ok: false, code: 'invalid_value' });
  });
});

describe(requireViewLevel.name, () => {
  it('should answer 400 naming the field for a refused level', () => {
    expect(() => requireViewLevel('OPEN', 'RESTRICTED', 'X-Sidang-View-Level')).toThrow(BadRequestException);
    try {
      requireViewLevel('OPEN', 'RESTRICTED', 'X-Sidang-View-Level');
    } catch (error) {
      expect((error as BadRequestException).getResponse()).toMatchObject({
        code: 'above_clearance',
        issues: [{ field: 'X-Sidang-View-Level', code: 'above_clearance' }],
      });
    }
  });
});
