import type { Classification } from '@sidang/shared';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ClassificationSelect,
  controlProps,
  type FieldErrors,
  FieldRow,
  FormError,
  refusalErrors,
  SubmitBar,
} from '../../../lib/ui/form/index.ts';
import { clearedLevels, type FieldLevels, type FieldSpec, type FormValues, type RegisterFormSubmit } from './register-values.ts';
import '../i18n/load-strings.ts';

export type { FieldLevels, FieldSpec, FormValues, RegisterFormSubmit } from './register-values.ts';

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
export function useFormErrors(error: unknown): FieldErrors {
  const { t } = useTranslation();
  return refusalErrors(t, error, { invalid: t('registers.invalid'), conflict: t('registers.conflict'), gone: t('registers.gone') });
}

/** One input of a register form in its row: the control, its hint and error, and its own level when levelled. */
function RegisterField({
  idPrefix,
  field,
  value,
  message,
  withheld,
  onChange,
  level,
}: {
  idPrefix: string;
  field: FieldSpec;
  value: string;
  message: string | undefined;
  withheld: boolean;
  onChange: (value: string) => void;
  level: ReactNode;
}) {
  const { t } = useTranslation();
  const row = { idPrefix, name: field.name, error: message, hint: field.hint };
  const common = { ...controlProps(row), value, onChange: (e: { target: { value: string } }) => onChange(e.target.value) };
  return (
    <FieldRow {...row} label={field.label} required={field.required} mark="star" after={withheld ? null : level}>
      {withheld ? (
        <p className="withheld" id={common.id}>
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
    </FieldRow>
  );
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
      <FormError as="p" message={errors.form} testId="form-error" />
      <ClassificationSelect
        id={`${id}-classification`}
        label={t('form.classification')}
        value={classification}
        onChange={(level) => level && setClassification(level)}
        clearance={props.clearance}
      />
      {props.fields.map((field) => (
        <RegisterField
          key={field.name}
          idPrefix={id}
          field={field}
          value={values[field.name] ?? ''}
          message={missing.includes(field.name) ? t('registers.required') : errors[field.name]}
          withheld={props.redacted?.includes(field.name) ?? false}
          onChange={(value) => setValues((old) => ({ ...old, [field.name]: value }))}
          level={
            field.levelled && (
              <ClassificationSelect
                id={`${id}-${field.name}-level`}
                label={t('registers.fieldLevel', { field: field.label })}
                value={levels[field.name] ?? ''}
                onChange={(level) => setLevels((old) => ({ ...old, [field.name]: level }))}
                clearance={props.clearance}
                min={classification}
                noneLabel={t('registers.sameAsRecord')}
              />
            )
          }
        />
      ))}
      <SubmitBar
        className="form-actions"
        label={props.submitLabel}
        pending={props.submitting}
        cancelLabel={t('registers.cancel')}
        onCancel={props.onCancel}
        testId="register-save"
      />
    </form>
  );
}
