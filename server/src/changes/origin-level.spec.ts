import { describe, expect, it } from '@jest/globals';
import { ForbiddenException } from '@nestjs/common';
import type { Classification, Role } from '@sidang/shared';
import { CommitteeAccess } from '../access/access.service.js';
import type { CommitteeEntity } from '../access/committee.entity.js';
import { BelowOriginException } from '../common/errors.js';
import { resolveDerivedLevel, withDeclassification } from './origin-level.js';

function accessAs(role: Role, clearance: Classification = 'SECRET'): CommitteeAccess {
  const actor = { id: 'u', name: 'U', email: 'u@test', agency: 'MITI', clearance, isAdmin: false };
  return new CommitteeAccess(actor, { id: 'c' } as CommitteeEntity, role);
}

describe(resolveDerivedLevel.name, () => {
  it('should take the origin level when none is asked for', () => {
    expect(resolveDerivedLevel(accessAs('secretariat'), 'CONFIDENTIAL', undefined, undefined)).toEqual({
      classification: 'CONFIDENTIAL',
      declassified: null,
    });
  });

  it('should take a level at or above the origin as asked, without a reason', () => {
    expect(resolveDerivedLevel(accessAs('secretariat'), 'CONFIDENTIAL', 'CONFIDENTIAL', undefined).classification).toBe('CONFIDENTIAL');
    expect(resolveDerivedLevel(accessAs('secretariat'), 'RESTRICTED', 'SECRET', 'ignored').declassified).toBeNull();
  });

  it('should refuse a lower level without a reason with below_origin on classification', () => {
    let refusal: unknown;
    try {
      resolveDerivedLevel(accessAs('chair'), 'CONFIDENTIAL', 'OPEN', undefined);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(BelowOriginException);
    expect((refusal as BelowOriginException).getResponse()).toMatchObject({
      code: 'below_origin',
      issues: [{ field: 'classification', code: 'below_origin', params: { level: 'CONFIDENTIAL' } }],
    });
  });

  it('should let the chair and the secretariat declassify with a reason, and nobody else', () => {
    for (const role of ['chair', 'secretariat'] as const) {
      expect(resolveDerivedLevel(accessAs(role), 'CONFIDENTIAL', 'OPEN', 'Published')).toEqual({
        classification: 'OPEN',
        declassified: { from: 'CONFIDENTIAL', reason: 'Published' },
      });
    }
    for (const role of ['member', 'observer'] as const) {
      expect(() => resolveDerivedLevel(accessAs(role), 'CONFIDENTIAL', 'OPEN', 'Published')).toThrow(ForbiddenException);
    }
  });
});

describe(withDeclassification.name, () => {
  it('should add the reason to the logged record only when declassified', () => {
    const record = { id: 'r', classification: 'OPEN' as const };
    expect(withDeclassification(record, { classification: 'OPEN', declassified: null })).toBe(record);
    expect(withDeclassification(record, { classification: 'OPEN', declassified: { from: 'SECRET', reason: 'Public' } })).toEqual({
      ...record,
      declassificationReason: 'Public',
    });
  });
});
