import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

/** What every field row has: its control's id is `${idPrefix}-${name}`. */
export interface FieldCommon {
  /** The form's id prefix (from `useId`). */
  idPrefix: string;
  name: string;
  label: string;
  /** Already in the UI language: the kit translates errors by code (`form-errors.ts`), never by text. */
  error?: string;
  hint?: string;
  required?: boolean;
  /**
   * How a required field says so: `word` adds "(required)" to its name, `star` a mark hidden from
   * assistive technology (the control carries `required` or the form checks before sending).
   */
  mark?: 'word' | 'star';
}

/** The ids that describe a control: its hint, then its error. */
export function describedBy(idPrefix: string, name: string, error?: string, hint?: string): string | undefined {
  const ids = [hint ? `${idPrefix}-${name}-hint` : '', error ? `${idPrefix}-${name}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** The attributes a control takes from its row: id, name and its invalid state with the description. */
export function controlProps({ idPrefix, name, error, hint }: Pick<FieldCommon, 'idPrefix' | 'name' | 'error' | 'hint'>) {
  return {
    id: `${idPrefix}-${name}`,
    name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(idPrefix, name, error, hint),
  } as const;
}

/** A field's hint and error, each with the id its control is described by. */
export function FieldExtras({ idPrefix, name, error, hint }: Pick<FieldCommon, 'idPrefix' | 'name' | 'error' | 'hint'>) {
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

/** One row of a form: label, the control (children), hint and error; `after` goes below (e.g. a field's level). */
export function FieldRow({
  idPrefix,
  name,
  label,
  error,
  hint,
  required,
  mark = 'word',
  children,
  after,
}: FieldCommon & { children: ReactNode; after?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={`${idPrefix}-${name}`}>
        {mark === 'star' ? (
          <>
            {label}
            {required && <span aria-hidden="true"> *</span>}
          </>
        ) : (
          <>
            {label} {required && <span className="field__required">({t('form.required')})</span>}
          </>
        )}
      </label>
      {children}
      <FieldExtras idPrefix={idPrefix} name={name} error={error} hint={hint} />
      {after}
    </div>
  );
}

/** A field's props split into its row's and its control's (the rest, plus id, name and description). */
function split<P extends FieldCommon>({ idPrefix, name, label, error, hint, required, mark, ...rest }: P) {
  const row = { idPrefix, name, label, error, hint, required, mark };
  return { row, control: { ...controlProps(row), ...rest } };
}

/** A labelled input whose error (translated) and hint are its accessible description. */
export function TextField(props: FieldCommon & InputHTMLAttributes<HTMLInputElement>) {
  const { row, control } = split(props);
  return (
    <FieldRow {...row}>
      <input {...control} />
    </FieldRow>
  );
}

/** A labelled text area (several lines). */
export function TextAreaField(props: FieldCommon & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { row, control } = split(props);
  return (
    <FieldRow {...row}>
      <textarea rows={3} {...control} />
    </FieldRow>
  );
}

/** A labelled date (an ISO day). */
export function DateField(props: FieldCommon & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  return <TextField {...props} type="date" />;
}

/** A labelled select: its options are the children, or `options`. */
export function SelectField({
  options,
  children,
  ...props
}: FieldCommon &
  SelectHTMLAttributes<HTMLSelectElement> & { options?: ReadonlyArray<{ value: string; label: string }>; children?: ReactNode }) {
  const { row, control } = split(props);
  return (
    <FieldRow {...row}>
      <select {...control}>
        {options?.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {children}
      </select>
    </FieldRow>
  );
}

/** A labelled checkbox. */
export function CheckField({
  idPrefix,
  name,
  label,
  error,
  checked,
  onChange,
}: Omit<FieldCommon, 'hint' | 'required' | 'mark'> & { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className="field">
      <label className="check" htmlFor={`${idPrefix}-${name}`}>
        <input
          type="checkbox"
          {...controlProps({ idPrefix, name, error })}
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span>{label}</span>
      </label>
      <FieldExtras idPrefix={idPrefix} name={name} error={error} />
    </div>
  );
}

/** Focuses the first field with an error (after a refused submit). */
export function focusFirstError(idPrefix: string, errors: Record<string, string>): void {
  const first = Object.keys(errors).find((key) => key !== 'form');
  if (first) document.getElementById(`${idPrefix}-${first}`)?.focus();
}

/** The form-level error (not tied to one field), announced. */
export function FormError({ message, as = 'div', testId }: { message?: string; as?: 'div' | 'p'; testId?: string }) {
  if (!message) return null;
  const Tag = as;
  return (
    <Tag className="notice notice--error" role="alert" data-testid={testId}>
      {message}
    </Tag>
  );
}
