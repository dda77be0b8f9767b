import type { Classification, Member } from '@sidang/shared';
import { ACTION_ITEM_STATUSES, PRIORITIES } from '@sidang/shared';
import { useTranslation } from 'react-i18next';
import { todayInCommitteeZone } from '../../../lib/dates.ts';
import { type Inheritance, InheritedLevel } from '../../../lib/ui/inherited-level.tsx';
import type { ActionItemFieldName, ActionItemFields, ActionItemFormState, FieldErrors } from '../hooks/form-values.ts';
import { memberLabel } from '../hooks/people.ts';
import {
  type ActionItemFormModel,
  descriptionLevelChoices,
  isPastDueDate,
  itemLevelChoices,
  useActionItemForm,
} from '../hooks/use-action-item-form.ts';
import '../action-items.css';

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

/**
 * Create or edit an action item. The state and the checks are in `useActionItemForm`; this
 * draws the fields in order: title, description, the grid (status, priority, due date, levels),
 * owners, owning agencies, then the buttons.
 */
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
  const form = useActionItemForm({ initial, clearance, inherited, serverErrors, onSubmit });
  const { id, state, set, submit, errorFor, fieldProps, formError } = form;

  const pastDueDate = isPastDueDate(state.dueDate, { today, mode, initialDueDate: initial.dueDate }) && !errorFor('dueDate');
  const classifications = itemLevelChoices(clearance, state.classification);
  const descriptionLevels = descriptionLevelChoices(clearance, state.classification);

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h1 id={`${id}-heading`}>{mode === 'create' ? t('form.createTitle') : t('form.editTitle')}</h1>
      {formError && (
        <div className="notice notice--error" role="alert">
          {formError}
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
        <FieldError form={form} field="title" />
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
        <FieldError form={form} field="description" />
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
          <FieldError form={form} field="status" />
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
          <FieldError form={form} field="priority" />
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
          <FieldError form={form} field="dueDate" />
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
          <FieldError form={form} field="classification" />
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
            <FieldError form={form} field="fieldClassifications" />
          </div>
        )}
      </div>

      <OwnersField form={form} members={members} />

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
        <FieldError form={form} field="ownerAgencies" />
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

/** A field's error under it, with the id its input points to. */
function FieldError({ form, field }: { form: ActionItemFormModel; field: ActionItemFieldName }) {
  const error = form.errorFor(field);
  return error ? (
    <p className="field__error" id={`${form.id}-${field}-error`}>
      {error}
    </p>
  ) : null;
}

/** The owners: one checkbox per member of the committee. */
function OwnersField({ form, members }: { form: ActionItemFormModel; members: readonly Member[] }) {
  const { t } = useTranslation();
  const { id, state, set, errorFor } = form;
  return (
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
      <FieldError form={form} field="ownerIds" />
    </fieldset>
  );
}
