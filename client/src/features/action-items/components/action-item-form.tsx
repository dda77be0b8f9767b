import type { Classification, Member } from '@sidang/shared';
import { ACTION_ITEM_STATUSES, classificationLevel, PRIORITIES } from '@sidang/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayInCommitteeZone } from '../../../lib/dates.ts';
import { type Inheritance, InheritedLevel } from '../../../lib/ui/inherited-level.tsx';
import { translateValidation } from '../../../lib/validation/validation-messages.ts';
import {
  type ActionItemFieldName,
  type ActionItemFields,
  type ActionItemFormState,
  type FieldErrors,
  type FormFieldName,
  parseFormState,
} from '../hooks/form-values.ts';
import { memberLabel } from '../hooks/people.ts';
import { allowedClassifications } from '../hooks/permissions.ts';

export interface ActionItemFormProps {
  mode: 'create' | 'edit';
  initial: ActionItemFormState;
  members: readonly Member[];
  /** The user's clearance: the classification options stop there. */
  clearance: Classification;
  submitting?: boolean;
  /** Field errors from the server (400 issues), keyed by field name. */
  serverErrors?: FieldErrors;
  /** With the reason for declassification when the action is classified below what it inherits. */
  onSubmit: (values: ActionItemFields, declassificationReason?: string) => void;
  onCancel?: () => void;
  /** Raised from a record (agenda item, minutes): the level it inherits, below which a reason is required. */
  inherited?: Inheritance;
  /** ISO date of today in the committee's time zone (a past due date is pointed out, not refused). */
  today?: string;
}

export function ActionItemForm({
  mode,
  initial,
  members,
  clearance,
  submitting,
  serverErrors,
  onSubmit,
  onCancel,
  inherited,
  today = todayInCommitteeZone(),
}: ActionItemFormProps) {
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

  const fieldProps = (field: ActionItemFieldName) => {
    const error = errorFor(field);
    return {
      id: `${id}-${field}`,
      name: field,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': error ? `${id}-${field}-error` : undefined,
    } as const;
  };
  const errorText = (field: ActionItemFieldName) => {
    const error = errorFor(field);
    return error ? (
      <p className="field__error" id={`${id}-${field}-error`}>
        {error}
      </p>
    ) : null;
  };

  // A date already past when chosen is usually a slip; it may also record an action already late.
  // Only a date the user set: an old item's stored past date is not theirs to explain again.
  const pastDueDate =
    /^\d{4}-\d{2}-\d{2}$/.test(state.dueDate) &&
    state.dueDate < today &&
    (mode === 'create' || state.dueDate !== initial.dueDate) &&
    !errorFor('dueDate');

  const classifications = allowedClassifications(clearance);
  if (!classifications.includes(state.classification)) classifications.push(state.classification);
  // The description may be classified above the item, up to the user's own clearance.
  const descriptionLevels = allowedClassifications(clearance).filter(
    (level) => classificationLevel(level) > classificationLevel(state.classification),
  );

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h1 id={`${id}-heading`}>{mode === 'create' ? t('form.createTitle') : t('form.editTitle')}</h1>
      {(clientErrors.form ?? serverErrors?.form) && (
        <div className="notice notice--error" role="alert">
          {clientErrors.form ?? serverErrors?.form}
        </div>
      )}

      <div className="field">
        <label htmlFor={`${id}-title`}>
          {t('form.title')} <span className="field__required">({t('form.required')})</span>
        </label>
        <input
          type="text"
          required
          maxLength={300}
          value={state.title}
          onChange={(e) => set('title', e.target.value)}
          {...fieldProps('title')}
        />
        {errorText('title')}
      </div>

      <div className="field">
        <label htmlFor={`${id}-description`}>{t('form.description')}</label>
        {state.descriptionWithheld ? (
          <p className="muted" id={`${id}-description`}>
            {t('detail.descriptionWithheld')}
          </p>
        ) : (
          <textarea
            rows={5}
            value={state.description}
            onChange={(e) => set('description', e.target.value)}
            {...fieldProps('description')}
          />
        )}
        {errorText('description')}
      </div>

      <div className="form__grid">
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('form.status')}</label>
          <select
            value={state.status}
            onChange={(e) => set('status', e.target.value as ActionItemFormState['status'])}
            {...fieldProps('status')}
          >
            {ACTION_ITEM_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
          {errorText('status')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-priority`}>{t('form.priority')}</label>
          <select
            value={state.priority}
            onChange={(e) => set('priority', e.target.value as ActionItemFormState['priority'])}
            {...fieldProps('priority')}
          >
            {PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {t(`priority.${priority}`)}
              </option>
            ))}
          </select>
          {errorText('priority')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-dueDate`}>{t('form.dueDate')}</label>
          <input
            type="date"
            value={state.dueDate}
            onChange={(e) => set('dueDate', e.target.value)}
            {...fieldProps('dueDate')}
            aria-describedby={
              [errorFor('dueDate') ? `${id}-dueDate-error` : '', pastDueDate ? `${id}-dueDate-warning` : ''].filter(Boolean).join(' ') ||
              undefined
            }
          />
          {errorText('dueDate')}
          <p className="field__warning" id={`${id}-dueDate-warning`} role="status" data-testid="past-due-warning">
            {pastDueDate ? t('workspace.pastDueDate') : ''}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-classification`}>{t('form.classification')}</label>
          <select
            value={state.classification}
            onChange={(e) => set('classification', e.target.value as ActionItemFormState['classification'])}
            {...fieldProps('classification')}
          >
            {classifications.map((level) => (
              <option key={level} value={level}>
                {t(`classification.${level}`)}
              </option>
            ))}
          </select>
          {errorText('classification')}
          {inherited && (
            <InheritedLevel
              inherited={inherited}
              chosen={state.classification}
              reason={state.declassificationReason}
              onReason={(reason) => set('declassificationReason', reason)}
              error={errorFor('declassificationReason')}
              disabled={submitting}
              inputId={`${id}-declassificationReason`}
            />
          )}
        </div>
        {!state.descriptionWithheld && descriptionLevels.length > 0 && (
          <div className="field">
            <label htmlFor={`${id}-fieldClassifications`}>{t('form.descriptionLevel')}</label>
            <select
              value={state.descriptionLevel}
              onChange={(e) => set('descriptionLevel', e.target.value as ActionItemFormState['descriptionLevel'])}
              {...fieldProps('fieldClassifications')}
            >
              <option value="">{t('form.sameAsItem')}</option>
              {descriptionLevels.map((level) => (
                <option key={level} value={level}>
                  {t(`classification.${level}`)}
                </option>
              ))}
            </select>
            {errorText('fieldClassifications')}
          </div>
        )}
      </div>

      <fieldset className="field owners" aria-describedby={errorFor('ownerIds') ? `${id}-ownerIds-error` : undefined}>
        <legend>{t('form.owners')}</legend>
        {members.length === 0 && <p className="muted">{t('form.noMembers')}</p>}
        <div className="owners__list">
          {members.map((member) => (
            <label key={member.userId} className="check">
              <input
                type="checkbox"
                name="ownerIds"
                value={member.userId}
                checked={state.ownerIds.includes(member.userId)}
                onChange={(e) =>
                  set(
                    'ownerIds',
                    e.target.checked ? [...state.ownerIds, member.userId] : state.ownerIds.filter((owner) => owner !== member.userId),
                  )
                }
              />
              <span>{memberLabel(member)}</span>
            </label>
          ))}
        </div>
        {errorText('ownerIds')}
      </fieldset>

      <div className="field">
        <label htmlFor={`${id}-ownerAgencies`}>{t('form.ownerAgencies')}</label>
        <input
          type="text"
          value={state.ownerAgencies}
          onChange={(e) => set('ownerAgencies', e.target.value)}
          autoCapitalize="characters"
          {...fieldProps('ownerAgencies')}
          aria-describedby={[`${id}-ownerAgencies-hint`, errorFor('ownerAgencies') ? `${id}-ownerAgencies-error` : '']
            .filter(Boolean)
            .join(' ')}
        />
        <p className="field__hint" id={`${id}-ownerAgencies-hint`}>
          {t('form.ownerAgenciesHint')}
        </p>
        {errorText('ownerAgencies')}
      </div>

      <div className="form__actions">
        <button type="submit" className="button button--primary" data-testid="save-action-item" disabled={submitting}>
          {submitting ? t('form.saving') : t('form.save')}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
