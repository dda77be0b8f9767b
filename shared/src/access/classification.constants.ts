// Zod-free: what a screen needs without the wire schemas (re-exported by classification.ts).
/** Security classifications, lowest first. The order is the order of clearance. */
export const CLASSIFICATIONS = ['OPEN', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** 0 for OPEN … 3 for SECRET: what the database stores and compares. */
export function classificationLevel(classification: Classification): number {
  return CLASSIFICATIONS.indexOf(classification);
}

export function classificationAt(level: number): Classification {
  const found = CLASSIFICATIONS[level];
  if (!found) throw new RangeError(`No classification at level ${level}`);
  return found;
}

/** Whether a holder of `clearance` may see a record marked `classification`. */
export function isCleared(clearance: Classification, classification: Classification): boolean {
  return classificationLevel(clearance) >= classificationLevel(classification);
}

/** Every classification a holder of `clearance` may see, lowest first. */
export function clearedLevels(clearance: Classification): Classification[] {
  return CLASSIFICATIONS.slice(0, classificationLevel(clearance) + 1);
}

/** Membership roles in a committee, most powerful first. */
export const ROLES = ['chair', 'secretariat', 'member', 'observer'] as const;
export type Role = (typeof ROLES)[number];
