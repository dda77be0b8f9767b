import { describe, expect, it } from '@jest/globals';
import { ROLES } from '@sidang/shared';
import { PERMISSIONS, roleMay } from './policy.js';

describe(roleMay.name, () => {
  it('should let only the chair and secretariat create, edit and delete action items', () => {
    for (const permission of ['action-item.create', 'action-item.edit', 'action-item.delete'] as const) {
      expect(ROLES.filter((role) => roleMay(role, permission))).toEqual(['chair', 'secretariat']);
    }
  });

  it('should never let an observer write', () => {
    for (const permission of Object.keys(PERMISSIONS) as Array<keyof typeof PERMISSIONS>) {
      expect(roleMay('observer', permission)).toBe(false);
    }
  });

  it('should let members post progress and move the status of their own items', () => {
    expect(roleMay('member', 'progress-update.create')).toBe(true);
    expect(roleMay('member', 'action-item.update-own-status')).toBe(true);
  });
});
