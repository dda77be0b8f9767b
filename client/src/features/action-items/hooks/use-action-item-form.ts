import type { Classification } from '@sidang/shared';
import { classificationLevel } from '@sidang/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Inheritance } from '../../../lib/ui/inherited-level.tsx';
import { translateValidation } from '../../../lib/validation/validation-messages.ts';
import {
  type ActionItemFieldName,
  type ActionItemFields,
  type ActionItemFormState,
  type FieldErrors,
  type FormFieldName,
  parseFormState,
} from './form-values.ts';
import { allowedClassifications } from './permissions.ts';

/**
 * The action item form's state: the values typed, the errors shown (the client's own, then the
 * server's until the field is edited again) and the submit that checks before it sends.
 */
export function useActionItemForm({
  initial,
  clearance,
  inherited,
  serverErrors,
  onSubmit,
}: {
  initial: ActionItemFormState;
  clearance: Classification;
  inherited?: Inheritance;
  serverErrors?: FieldErrors;
  onSubmit: (values: ActionItemFields, declassificationReason?: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [state, setState] = useState<ActionItemFormState>(initial);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  // A server error belongs to the submitted value: editing the field clears it.
  const [touchedSinceSubmit, setTouched] = useState<Set<string>>(new Set());

  // Translated at render time: switching the language re-words a message already shown.
  const errorFor = (field: FormFieldName): string | undefined => {
    const message = clientErrors[field] ?? (touchedSinceSubmit.has(field) ? undefined : serverErrors?.[field]);
    return message ? translateValidation(t, message, field) : undefined;
  };

  const set = <K extends keyof ActionItemFormState>(field: K, value: ActionItemFormState[K]) => {
    setState((prev) => ({ ...prev, [field]: value }));
    setTouched((prev) => new Set(prev).add(field));
    const errorKey = (field === 'descriptionLevel' ? 'fieldClassifications' : field) as FormFieldName;
    if (clientErrors[errorKey]) setClientErrors(({ [errorKey]: _removed, ...rest }) => rest);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseFormState(state, { clearance, originLevel: inherited?.level });
    if (!parsed.ok) {
      setClientErrors(parsed.errors);
      const first = Object.keys(parsed.errors).find((key) => key !== 'form');
      if (first) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setClientErrors({});
    setTouched(new Set());
    if (parsed.declassificationReason) onSubmit(parsed.values, parsed.declassificationReason);
    else onSubmit(parsed.values);
  };

  /** The id, name and error wiring of a field's input. */
  const fieldProps = (field: ActionItemFieldName) => {
    const error = errorFor(field);
    return {
      id: `${id}-${field}`,
      name: field,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': error ? `${id}-${field}-error` : undefined,
    } as const;
  };

  const formError = clientErrors.form ?? serverErrors?.form;
  return { id, state, set, submit, errorFor, fieldProps, formError };
}

export type ActionItemFormModel = ReturnType<typeof useActionItemForm>;

/**
 * A date already past when chosen is usually a slip; it may also record an action already late.
 * Only a date the user set: an old item's stored past date is not theirs to explain again.
 */
export function isPastDueDate(
  dueDate: string,
  { today, mode, initialDueDate }: { today: string; mode: 'create' | 'edit'; initialDueDate: string },
) {
  return /^\d{4}-\d{2}-\d{2}$/.test(dueDate) && dueDate < today && (mode === 'create' || dueDate !== initialDueDate);
}

/** The levels the item may be given (the current one kept even when above the user's clearance). */
export function itemLevelChoices(clearance: Classification, current: Classification): Classification[] {
  const classifications = allowedClassifications(clearance);
  if (!classifications.includes(current)) classifications.push(current);
  return classifications;
}

/** The description may be classified above the item, up to the user's own clearance. */
export function descriptionLevelChoices(clearance: Classification, itemLevel: Classification): Classification[] {
  return allowedClassifications(clearance).filter((level) => classificationLevel(level) > classificationLevel(itemLevel));
}
