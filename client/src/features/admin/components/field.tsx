import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

interface Common {
  /** The form's id prefix; the control is `${idPrefix}-${name}`. */
  idPrefix: string;
  name: string;
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
}

function described(idPrefix: string, name: string, error?: string, hint?: string): string | undefined {
  const ids = [hint ? `${idPrefix}-${name}-hint` : '', error ? `${idPrefix}-${name}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** `error` is already in the UI language (admin-errors.ts translates by code). */
function Extras({ idPrefix, name, error, hint }: Pick<Common, 'idPrefix' | 'name' | 'error' | 'hint'>) {
  return (
    <>
      {hint && (
        <p className="field__hint" id={`${idPrefix}-${name}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${idPrefix}-${name}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

function Label({ idPrefix, name, label, required }: Pick<Common, 'idPrefix' | 'name' | 'label' | 'required'>) {
  const { t } = useTranslation();
  return (
    <label htmlFor={`${idPrefix}-${name}`}>
      {label} {required && <span className="field__required">({t('form.required')})</span>}
    </label>
  );
}

/** A labelled input whose error (translated) and hint are its accessible description. */
export function TextField({ idPrefix, name, label, error, hint, required, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="field">
      <Label idPrefix={idPrefix} name={name} label={label} required={required} />
      <input
        id={`${idPrefix}-${name}`}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={described(idPrefix, name, error, hint)}
        {...input}
      />
      <Extras idPrefix={idPrefix} name={name} error={error} hint={hint} />
    </div>
  );
}

export function SelectField({
  idPrefix,
  name,
  label,
  error,
  hint,
  required,
  children,
  ...select
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { children: ReactNode }) {
  return (
    <div className="field">
      <Label idPrefix={idPrefix} name={name} label={label} required={required} />
      <select
        id={`${idPrefix}-${name}`}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={described(idPrefix, name, error, hint)}
        {...select}
      >
        {children}
      </select>
      <Extras idPrefix={idPrefix} name={name} error={error} hint={hint} />
    </div>
  );
}

export function CheckField({
  idPrefix,
  name,
  label,
  error,
  checked,
  onChange,
}: Omit<Common, 'hint' | 'required'> & { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className="field">
      <label className="check" htmlFor={`${idPrefix}-${name}`}>
        <input
          type="checkbox"
          id={`${idPrefix}-${name}`}
          name={name}
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${idPrefix}-${name}-error` : undefined}
        />
        <span>{label}</span>
      </label>
      <Extras idPrefix={idPrefix} name={name} error={error} />
    </div>
  );
}

/** Focuses the first field with an error (after a refused submit). */
export function focusFirstError(idPrefix: string, errors: Record<string, string>): void {
  const first = Object.keys(errors).find((key) => key !== 'form');
  if (first) document.getElementById(`${idPrefix}-${first}`)?.focus();
}

/** The form-level error (not tied to one field), announced. */
export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <div className="notice notice--error" role="alert">
      {message}
    </div>
  );
}
