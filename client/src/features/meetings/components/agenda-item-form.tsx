import type { AgendaItem, Classification } from '@sidang/shared';
import type { TFunction } from 'i18next';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api/api-client.ts';
import { errorText } from '../../../lib/api/api-errors.ts';
import { SubmitBar } from '../../../lib/ui/form/submit-bar.tsx';
import { fieldOfPath, fromServerIssue, translateValidation } from '../../../lib/validation/validation-messages.ts';
import { allowedClassifications } from '../../action-items/index.ts';
import '../meetings.css';
import '../load-strings.ts';

export interface AgendaItemFields {
  title: string;
  presenter: string;
  durationMinutes: number | null;
  classification: Classification;
  parentId: string | null;
}

export interface AgendaItemFormProps {
  mode: 'create' | 'edit';
  initial?: Partial<AgendaItemFields>;
  /** Top-level items the item may go under (two levels); none: its level is not offered. */
  parents?: readonly AgendaItem[];
  clearance: Classification;
  submitting?: boolean;
  error?: unknown;
  onSubmit: (fields: AgendaItemFields) => void;
  onCancel: () => void;
}

/** Server field errors in the UI language, keyed by field. */
export function serverFieldErrors(t: TFunction, error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isApiError(error, 400)) return out;
  for (const issue of error.body.issues ?? []) {
    const field = fieldOfPath(issue.path);
    if (field && !out[field]) out[field] = translateValidation(t, fromServerIssue(issue), field);
  }
  if (Object.keys(out).length === 0) out.form = errorText(t, error, 'meetings.saveFailed');
  return out;
}

/** Add or edit one agenda item: title, presenter, time allocation, level, classification. */
export function AgendaItemForm({
  mode,
  initial,
  parents = [],
  clearance,
  submitting = false,
  error,
  onSubmit,
  onCancel,
}: AgendaItemFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [title, setTitle] = useState(initial?.title ?? '');
  const [presenter, setPresenter] = useState(initial?.presenter ?? '');
  const [duration, setDuration] = useState(initial?.durationMinutes ? String(initial.durationMinutes) : '');
  const [classification, setClassification] = useState<Classification>(initial?.classification ?? 'OPEN');
  const [parentId, setParentId] = useState(initial?.parentId ?? '');
  const [titleMissing, setTitleMissing] = useState(false);
  const errors = serverFieldErrors(t, error);
  const conflict = isApiError(error, 409);
  const failed = Boolean(error) && !isApiError(error, 400) && !conflict;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) {
      setTitleMissing(true);
      document.getElementById(`${id}-title`)?.focus();
      return;
    }
    const minutes = Number.parseInt(duration, 10);
    onSubmit({
      title: title.trim(),
      presenter: presenter.trim(),
      durationMinutes: Number.isFinite(minutes) && minutes > 0 ? minutes : null,
      classification,
      parentId: parentId || null,
    });
  };

  const fieldError = (field: string, message?: string) =>
    message ? (
      <p className="field__error" id={`${id}-${field}-error`}>
        {message}
      </p>
    ) : null;
  const describedBy = (field: string, message?: string) =>
    message ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${field}-error` } : {};
  const titleError = titleMissing ? t('meetings.form.titleRequired') : errors.title;
  const levels = allowedClassifications(clearance);
  if (!levels.includes(classification)) levels.push(classification);

  const submitTexts = {
    label: t('meetings.agenda.save'),
    pendingLabel: t('meetings.agenda.saving'),
    cancelLabel: t('meetings.agenda.cancel'),
  };
  return (
    <form
      className="form agenda-form"
      onSubmit={submit}
      noValidate
      aria-label={mode === 'create' ? t('meetings.agenda.addHeading') : t('meetings.agenda.edit')}
    >
      {(errors.form || conflict || failed) && (
        <p className="notice notice--error" role="alert">
          {conflict ? t('meetings.conflict') : (errors.form ?? t('meetings.saveFailed'))}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-title`}>
          {t('meetings.agenda.title')} <span className="field__required">({t('meetings.form.required')})</span>
        </label>
        <input
          id={`${id}-title`}
          name="title"
          type="text"
          maxLength={300}
          value={title}
          onChange={(e) => {
            setTitle(e.target.value);
            setTitleMissing(false);
          }}
          {...describedBy('title', titleError)}
        />
        {fieldError('title', titleError)}
      </div>
      <div className="form__grid">
        <div className="field">
          <label htmlFor={`${id}-presenter`}>{t('meetings.agenda.presenterField')}</label>
          <input
            id={`${id}-presenter`}
            name="presenter"
            type="text"
            maxLength={200}
            value={presenter}
            onChange={(e) => setPresenter(e.target.value)}
            {...describedBy('presenter', errors.presenter)}
          />
          {fieldError('presenter', errors.presenter)}
        </div>
        <div className="field">
          <label htmlFor={`${id}-durationMinutes`}>{t('meetings.agenda.duration')}</label>
          <input
            id={`${id}-durationMinutes`}
            name="durationMinutes"
            type="number"
            inputMode="numeric"
            min={1}
            max={600}
            value={duration}
            onChange={(e) => setDuration(e.target.value)}
            {...describedBy('durationMinutes', errors.durationMinutes)}
          />
          {fieldError('durationMinutes', errors.durationMinutes)}
        </div>
        {parents.length > 0 && (
          <div className="field">
            <label htmlFor={`${id}-parentId`}>{t('meetings.agenda.parent')}</label>
            <select
              id={`${id}-parentId`}
              name="parentId"
              value={parentId}
              onChange={(e) => setParentId(e.target.value)}
              {...describedBy('parentId', errors.parentId)}
            >
              <option value="">{t('meetings.agenda.topLevel')}</option>
              {parents.map((parent) => (
                <option key={parent.id} value={parent.id}>
                  {t('meetings.agenda.subItemOf', { number: parent.number, title: parent.title })}
                </option>
              ))}
            </select>
            {fieldError('parentId', errors.parentId)}
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-classification`}>{t('meetings.agenda.classification')}</label>
          <select
            id={`${id}-classification`}
            name="classification"
            value={classification}
            onChange={(e) => setClassification(e.target.value as Classification)}
            {...describedBy('classification', errors.classification)}
          >
            {levels.map((level) => (
              <option key={level} value={level}>
                {t(`classification.${level}`)}
              </option>
            ))}
          </select>
          {fieldError('classification', errors.classification)}
        </div>
      </div>
      <SubmitBar {...submitTexts} pending={submitting} onCancel={onCancel} testId="save-agenda-item" />
    </form>
  );
}
