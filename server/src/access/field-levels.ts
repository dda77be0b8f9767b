import { type Classification, classificationLevel, type FieldClassifications, isCleared } from '@sidang/shared';

/** Refuses a field level above the editor's clearance (each module names it in its own error). */
export type RefuseFieldLevel = (field: string) => Error;

/**
 * Field levels as stored: each within the author's clearance (else `refuse`); those not above
 * the record's own level say nothing and are dropped.
 */
export function fieldLevelsWithin(
  clearance: Classification,
  classification: Classification,
  levels: FieldClassifications,
  refuse: RefuseFieldLevel,
): FieldClassifications {
  const kept: FieldClassifications = {};
  for (const [field, level] of Object.entries(levels)) {
    if (!level) continue;
    if (!isCleared(clearance, level)) throw refuse(`fieldClassifications.${field}`);
    if (classificationLevel(level) > classificationLevel(classification)) kept[field] = level;
  }
  return kept;
}

/**
 * The field levels after an edit of the levels or of the record's own level. A level the editor
 * is not cleared for is kept as stored, whatever they send: leaving it out must not declassify
 * a field they cannot see.
 */
export function editedFieldLevels(
  clearance: Classification,
  stored: { classification: Classification; fieldClassifications: FieldClassifications },
  changes: { classification?: Classification; fieldClassifications?: FieldClassifications },
  refuse: RefuseFieldLevel,
): FieldClassifications {
  const kept: FieldClassifications = {};
  for (const [field, level] of Object.entries(stored.fieldClassifications)) {
    if (level && !isCleared(clearance, level)) kept[field] = level;
  }
  const requested = Object.fromEntries(
    Object.entries(changes.fieldClassifications ?? stored.fieldClassifications).filter(([field]) => !(field in kept)),
  );
  return { ...fieldLevelsWithin(clearance, changes.classification ?? stored.classification, requested, refuse), ...kept };
}
