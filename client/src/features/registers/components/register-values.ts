import { type Classification, classificationLevel } from '@sidang/shared';

/**
 * The values of a register form and how they become a request body. Kept apart from the form
 * component: a register's definition (loaded with its list) uses these without the form.
 */

/** One input of a register form. */
export interface FieldSpec {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'date' | 'number' | 'select';
  options?: ReadonlyArray<{ value: string; label: string }>;
  required?: boolean;
  /** May be classified above the record (field-level need-to-know). */
  levelled?: boolean;
  hint?: string;
  min?: number;
  max?: number;
}

export type FormValues = Record<string, string>;
export type FieldLevels = Record<string, Classification | ''>;

export interface RegisterFormSubmit {
  values: FormValues;
  classification: Classification;
  levels: FieldLevels;
}

/** The field levels an editor cleared to `clearance` may see and send. */
export function clearedLevels(levels: Partial<Record<string, Classification | ''>>, clearance: Classification | undefined): FieldLevels {
  const out: FieldLevels = {};
  for (const [field, level] of Object.entries(levels)) {
    if (level && classificationLevel(level) <= classificationLevel(clearance ?? 'OPEN')) out[field] = level;
  }
  return out;
}

/** Field levels as the API takes them: only the fields set above the record. */
export function levelsToWire<F extends string>(levels: FieldLevels, fields: readonly F[]): Partial<Record<F, Classification>> {
  const out: Partial<Record<F, Classification>> = {};
  for (const field of fields) {
    const level = levels[field];
    if (level) out[field] = level;
  }
  return out;
}

/** What changed between the record and the form: the PATCH body (without `version`). */
export function changedOnly<T extends Record<string, unknown>>(before: Record<string, unknown>, after: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(value)) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}
