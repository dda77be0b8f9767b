import type { SoftDeletedRecordEntity } from '../../../database/versioned.entity.js';

/** The version and times a register record's wire shape ends with, in this order. */
export function versionAndTimes(entity: SoftDeletedRecordEntity): { version: number; createdAt: string; updatedAt: string } {
  return { version: entity.version, createdAt: entity.createdAt.toISOString(), updatedAt: entity.updatedAt.toISOString() };
}

/** The same for a record kept under a committee, which names its author. */
export function versionAuthorAndTimes(entity: SoftDeletedRecordEntity & { createdById: string }): {
  version: number;
  createdById: string;
  createdAt: string;
  updatedAt: string;
} {
  const { version, createdAt, updatedAt } = versionAndTimes(entity);
  return { version, createdById: entity.createdById, createdAt, updatedAt };
}
