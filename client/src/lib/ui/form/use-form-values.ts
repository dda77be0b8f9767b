import { type ChangeEvent, useId, useState } from 'react';
import { focusFirstError } from './field.tsx';

/** What a text or select field of the kit takes from its form (see `useFormValues().field`). */
export interface FieldBinding {
  idPrefix: string;
  name: string;
  value: string;
  onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => void;
  error: string | undefined;
}

/** Field → message in the UI language; `form` for what belongs to no one field. */
export type FieldErrors = Record<string, string>;

/**
 * A form's values and errors: editing a field clears its error; `field(name)` gives a text or
 * select field of the kit what it needs (id prefix, name, value, change, error).
 */
export function useFormValues<V extends object>(initial: V | (() => V)) {
  const idPrefix = useId();
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = <K extends keyof V>(name: K, value: V[K]) => {
    setValues((prev) => ({ ...prev, [name]: value }));
    setErrors(({ [name as string]: _dropped, ...rest }) => rest);
  };
  /** Shows errors (from a check or the server) and focuses the first field with one. */
  const fail = (next: FieldErrors) => {
    setErrors(next);
    focusFirstError(idPrefix, next);
  };
  const field = <K extends keyof V & string>(name: K): FieldBinding => ({
    idPrefix,
    name,
    value: values[name] as string,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => set(name, e.target.value as V[K]),
    error: errors[name],
  });
  return { idPrefix, values, setValues, errors, setErrors, set, fail, field };
}
