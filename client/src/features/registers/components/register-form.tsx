import { type Classification, classificationLevel } from '@sidang/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api/api-client.ts';
import { issueTexts } from '../../../lib/api/api-errors.ts';
import { LevelSelect } from './register-ui.tsx';
import '../i18n/load-strings.ts';

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

export interface RegisterFormProps {
  title: string;
  fields: readonly FieldSpec[];
  initial: FormValues;
  initialClassification: Classification;
  initialLevels?: FieldLevels;
  /** Fields withheld from this editor: shown as such, never sent. */
  redacted?: readonly string[];
  clearance: Classification | undefined;
  submitting: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (submit: RegisterFormSubmit) => void;
  onCancel: () => void;
}

/** Field → message of a failed save; `form` for what names no field. */
export function useFormErrors(error: unknown): Record<string, string> {
  const { t } = useTranslation();
  if (!error) return {};
  if (isApiError(error, 400)) return { ...issueTexts(t, error), form: t('registers.invalid') };
  if (isApiError(error, 409)) return { form: t('registers.conflict') };
  if (isApiError(error, 403)) return { form: t('form.forbidden') };
  if (isApiError(error, 404)) return { form: t('registers.gone') };
  return { form: t('form.failed') };
}

/** The one form of every register: create and edit, with per-field classification. */
export function RegisterForm(props: RegisterFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [values, setValues] = useState<FormValues>(props.initial);
  const [classification, setClassification] = useState<Classification>(props.initialClassification);
  // Levels above the editor's clearance are not theirs to send: the server keeps them as they are.
  const [levels, setLevels] = useState<FieldLevels>(() => clearedLevels(props.initialLevels ?? {}, props.clearance));
  const [missing, setMissing] = useState<string[]>([]);
  const errors = useFormErrors(props.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const empty = props.fields.filter((field) => field.required && !values[field.name]?.trim()).map((field) => field.name);
    setMissing(empty);
    if (empty.length > 0) {
      document.getElementById(`${id}-${empty[0]}`)?.focus();
      return;
    }
    props.onSubmit({ values, classification, levels });
  };

  return (
    <form className="register-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{props.title}</h1>
      {errors.form && (
        <p className="notice notice--error" role="alert" data-testid="form-error">
          {errors.form}
        </p>
      )}
      <LevelSelect
        id={`${id}-classification`}
        label={t('form.classification')}
        value={classification}
        onChange={(level) => level && setClassification(level)}
        clearance={props.clearance}
      />
      {props.fields.map((field) => {
        const inputId = `${id}-${field.name}`;
        const message = missing.includes(field.name) ? t('registers.required') : errors[field.name];
        const withheld = props.redacted?.includes(field.name);
        const common = {
          id: inputId,
          name: field.name,
          value: values[field.name] ?? '',
          'aria-invalid': message ? true : undefined,
          'aria-describedby': message ? `${inputId}-error` : undefined,
          onChange: (e: { target: { value: string } }) => setValues((old) => ({ ...old, [field.name]: e.target.value })),
        };
        return (
          <div className="field" key={field.name}>
            <label htmlFor={inputId}>
              {field.label}
              {field.required && <span aria-hidden="true"> *</span>}
            </label>
            {withheld ? (
              <p className="withheld" id={inputId}>
                {t('registers.withheld')}
              </p>
            ) : field.kind === 'textarea' ? (
              <textarea rows={3} {...common} />
            ) : field.kind === 'select' ? (
              <select {...common}>
                {field.options?.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            ) : (
              <input type={field.kind} min={field.min} max={field.max} required={field.required} {...common} />
            )}
            {field.hint && <span className="field__hint">{field.hint}</span>}
            {message && (
              <span className="field__error" id={`${inputId}-error`}>
                {message}
              </span>
            )}
            {field.levelled && !withheld && (
              <LevelSelect
                id={`${inputId}-level`}
                label={t('registers.fieldLevel', { field: field.label })}
                value={levels[field.name] ?? ''}
                onChange={(level) => setLevels((old) => ({ ...old, [field.name]: level }))}
                clearance={props.clearance}
                min={classification}
                allowNone
              />
            )}
          </div>
        );
      })}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={props.submitting} data-testid="register-save">
          {props.submitLabel}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          {t('registers.cancel')}
        </button>
      </div>
    </form>
  );
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
