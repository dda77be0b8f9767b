import type { ActionItem, Committee, User } from '@sidang/shared';
import { CLASSIFICATIONS, type Classification, classificationLevel } from '@sidang/shared/constants';

type Role = Committee['role'];

/** Mirrors the server's rules so the UI only offers what will be allowed (the server decides). */
export function canManageActionItems(role: Role | undefined): boolean {
  return role === 'chair' || role === 'secretariat';
}

export function ownsActionItem(user: Pick<User, 'id' | 'agency'>, item: Pick<ActionItem, 'ownerIds' | 'ownerAgencies'>): boolean {
  return item.ownerIds.includes(user.id) || item.ownerAgencies.includes(user.agency);
}

export function canChangeStatus(role: Role | undefined, user: User | undefined, item: ActionItem): boolean {
  if (canManageActionItems(role)) return true;
  return role === 'member' && user !== undefined && ownsActionItem(user, item);
}

export function canPostProgress(role: Role | undefined): boolean {
  return role === 'chair' || role === 'secretariat' || role === 'member';
}

/** Classifications a user may give a record: up to their own clearance. */
export function allowedClassifications(clearance: Classification | undefined): Classification[] {
  if (!clearance) return ['OPEN'];
  return CLASSIFICATIONS.filter((level) => classificationLevel(level) <= classificationLevel(clearance));
}
