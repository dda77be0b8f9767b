import type { ReactNode } from 'react';

/** A form on one line (add a row beneath a list): `onSubmit` runs instead of the browser's submit. */
export function InlineForm({ onSubmit, children }: { onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

/** A field of a one-line form: the label holds its name and the control (`grow` takes the room left). */
export function InlineField({ id, label, grow, children }: { id: string; label: string; grow?: boolean; children: ReactNode }) {
  return (
    <label className={grow ? 'field field--grow' : 'field field--inline'} htmlFor={id}>
      <span>{label}</span>
      {children}
    </label>
  );
}

/** A text or date input of a one-line form (`grow` takes the room left). */
export function InlineInput({
  id,
  label,
  value,
  onChange,
  type,
  min,
  grow,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'date';
  /** The earliest value offered (a date input's first day). */
  min?: string;
  grow?: boolean;
}) {
  return (
    <InlineField id={id} label={label} grow={grow}>
      <input id={id} type={type} value={value} min={min} onChange={(e) => onChange(e.target.value)} />
    </InlineField>
  );
}

/** A select of a one-line form. */
export function InlineSelect<T extends string>({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: T;
  onChange: (value: T) => void;
  options: ReadonlyArray<{ value: T; label: string }>;
}) {
  return (
    <InlineField id={id} label={label}>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </InlineField>
  );
}

/** The submit of a one-line form, with its refusal (already in the UI language) beside it. */
export function InlineSubmit({ label, disabled, testId, error }: { label: string; disabled: boolean; testId: string; error?: string }) {
  return (
    <>
      <button type="submit" className="button button--small" disabled={disabled} data-testid={testId}>
        {label}
      </button>
      {error && (
        <span className="field__error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
