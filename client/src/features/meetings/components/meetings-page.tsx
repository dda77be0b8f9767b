import type { Classification, CreateMeeting } from '@sidang/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import type { MeetingListWhen } from '../../../lib/query-keys.ts';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import { SubmitBar } from '../../../lib/ui/form/submit-bar.tsx';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { allowedClassifications } from '../../action-items/index.ts';
import { useMe } from '../../auth/index.ts';
import { useCommittee } from '../../committees/index.ts';
import type { LiveMeeting } from '../api/meetings-api.ts';
import { klInputToIso } from '../hooks/meeting-time.ts';
import { canManageMeetings } from '../hooks/permissions.ts';
import { useCreateMeeting, useMeetings } from '../hooks/use-meetings.ts';
import { serverFieldErrors } from './agenda-item-form.tsx';
import { AgendaLanguageControl } from './agenda-language.tsx';
import { CalendarFeedButton } from './calendar-feed.tsx';
import { MeetingStatusBadge, MeetingWhen } from './meeting-page.tsx';
import '../meetings.css';
import '../load-strings.ts';

export interface MeetingFormProps {
  clearance: Classification;
  submitting?: boolean;
  error?: unknown;
  onSubmit: (body: CreateMeeting) => void;
  onCancel: () => void;
  /** The committee whose setting says the language of the standard items (shown with that choice). */
  committeeId?: string;
}

/** A new meeting: only the title and the start are required; times are Kuala Lumpur time. */
export function MeetingForm({ clearance, submitting = false, error, onSubmit, onCancel, committeeId }: MeetingFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [title, setTitle] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [venue, setVenue] = useState('');
  const [onlineUrl, setOnlineUrl] = useState('');
  const [classification, setClassification] = useState<Classification>('OPEN');
  const [standardAgenda, setStandardAgenda] = useState(true);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const errors = { ...serverFieldErrors(t, error), ...clientErrors };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const start = klInputToIso(startsAt);
    const end = endsAt ? klInputToIso(endsAt) : null;
    if (!title.trim()) found.title = t('meetings.form.titleRequired');
    if (!start) found.startsAt = t('meetings.form.startsRequired');
    if (start && end && Date.parse(end) < Date.parse(start)) found.endsAt = t('meetings.form.endsBeforeStart');
    setClientErrors(found);
    const first = Object.keys(found)[0];
    if (first || !start) {
      if (first) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    onSubmit({
      title: title.trim(),
      startsAt: start,
      endsAt: end,
      venue: venue.trim(),
      onlineUrl: onlineUrl.trim() || null,
      classification,
      standardAgenda,
    });
  };

  const clear = (field: string) => setClientErrors(({ [field]: _removed, ...rest }) => rest);
  const props = (field: string) => ({
    id: `${id}-${field}`,
    name: field,
    ...(errors[field] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${field}-error` } : {}),
  });
  const errorOf = (field: string) =>
    errors[field] ? (
      <p className="field__error" id={`${id}-${field}-error`}>
        {errors[field]}
      </p>
    ) : null;
  const levels = allowedClassifications(clearance);

  const submitTexts = {
    label: t('meetings.form.create'),
    pendingLabel: t('meetings.form.creating'),
    cancelLabel: t('meetings.form.cancel'),
  };
  return (
    <form className="form meeting-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`} data-testid="meeting-form">
      <h2 id={`${id}-heading`}>{t('meetings.form.heading')}</h2>
      {errors.form && (
        <p className="notice notice--error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-title`}>
          {t('meetings.form.title')} <span className="field__required">({t('meetings.form.required')})</span>
        </label>
        <input
          type="text"
          maxLength={300}
          value={title}
          onChange={(e) => {
            setTitle(e.target.value);
            clear('title');
          }}
          {...props('title')}
        />
        {errorOf('title')}
      </div>
      <div className="form__grid">
        <div className="field">
          <label htmlFor={`${id}-startsAt`}>
            {t('meetings.form.startsAt')} <span className="field__required">({t('meetings.form.required')})</span>
          </label>
          <input
            type="datetime-local"
            value={startsAt}
            onChange={(e) => {
              setStartsAt(e.target.value);
              clear('startsAt');
            }}
            {...props('startsAt')}
          />
          {errorOf('startsAt')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-endsAt`}>{t('meetings.form.endsAt')}</label>
          <input
            type="datetime-local"
            value={endsAt}
            onChange={(e) => {
              setEndsAt(e.target.value);
              clear('endsAt');
            }}
            {...props('endsAt')}
          />
          {errorOf('endsAt')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-venue`}>{t('meetings.form.venue')}</label>
          <input type="text" maxLength={300} value={venue} onChange={(e) => setVenue(e.target.value)} {...props('venue')} />
          {errorOf('venue')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-onlineUrl`}>{t('meetings.form.onlineUrl')}</label>
          <input type="url" inputMode="url" value={onlineUrl} onChange={(e) => setOnlineUrl(e.target.value)} {...props('onlineUrl')} />
          {errorOf('onlineUrl')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-classification`}>{t('meetings.form.classification')}</label>
          <select value={classification} onChange={(e) => setClassification(e.target.value as Classification)} {...props('classification')}>
            {levels.map((level) => (
              <option key={level} value={level}>
                {t(`classification.${level}`)}
              </option>
            ))}
          </select>
          {errorOf('classification')}
        </div>
      </div>
      <div className="field field--inline">
        <input
          type="checkbox"
          id={`${id}-standardAgenda`}
          name="standardAgenda"
          checked={standardAgenda}
          onChange={(e) => setStandardAgenda(e.target.checked)}
        />
        <label htmlFor={`${id}-standardAgenda`}>{t('meetings.form.standardAgenda')}</label>
      </div>
      {standardAgenda && committeeId && <AgendaLanguageControl committeeId={committeeId} />}
      <SubmitBar {...submitTexts} pending={submitting} onCancel={onCancel} testId="save-meeting" />
    </form>
  );
}

function MeetingRow({ meeting, committeeId }: { meeting: LiveMeeting; committeeId: string }) {
  const { t } = useTranslation();
  return (
    <li className="meeting-row" data-testid="meeting-row" data-id={meeting.id}>
      <span className="meeting-row__number">{meeting.number ?? t('meetings.status.draft')}</span>
      <Link className="meeting-row__title" to={`/c/${committeeId}/meetings/${meeting.id}`}>
        {meeting.title}
      </Link>
      <span className="meeting-row__when">
        <MeetingWhen meeting={meeting} />
      </span>
      {meeting.venue && <span className="meeting-row__venue">{meeting.venue}</span>}
      <span className="meeting-row__badges">
        <MeetingStatusBadge status={meeting.status} /> <ClassificationBadge level={meeting.classification} />
      </span>
    </li>
  );
}

/** `/c/:committeeId/meetings`: upcoming (soonest first) or past (latest first). */
export function MeetingsPage() {
  const { t } = useTranslation();
  const { committeeId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const when: MeetingListWhen = search.get('when') === 'past' ? 'past' : 'upcoming';
  const committee = useCommittee(committeeId);
  const me = useMe();
  const list = useMeetings(committeeId, when);
  const create = useCreateMeeting(committeeId);
  const [creating, setCreating] = useState(search.get('new') === '1');
  const canManage = canManageMeetings(committee.data?.role);
  const state = viewStateOf(list);

  return (
    <div className="page meetings-page">
      <div className="page-header">
        <h1>{t('meetings.title')}</h1>
        <Link className="button button--ghost" to={`/c/${committeeId}/decisions`} data-testid="decisions-register-link">
          {t('meetings.decisions.register')}
        </Link>
        <CalendarFeedButton />
        {canManage && !creating && (
          <button type="button" className="button button--primary" data-testid="new-meeting" onClick={() => setCreating(true)}>
            {t('meetings.newMeeting')}
          </button>
        )}
      </div>
      {creating && (
        <MeetingForm
          committeeId={committeeId}
          clearance={me.data?.clearance ?? 'OPEN'}
          submitting={create.isPending}
          error={create.error}
          onCancel={() => {
            setCreating(false);
            create.reset();
          }}
          onSubmit={(body) => create.mutate(body, { onSuccess: (meeting) => void navigate(`/c/${committeeId}/meetings/${meeting.id}`) })}
        />
      )}
      <nav className="meeting-tabs" aria-label={t('meetings.whenLabel')}>
        {(['upcoming', 'past'] as const).map((option) => (
          <Link
            key={option}
            className="meeting-tabs__tab"
            to={option === 'past' ? '?when=past' : '?'}
            aria-current={option === when ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              setSearch(option === 'past' ? { when: 'past' } : {}, { replace: true });
            }}
          >
            {t(`meetings.${option}`)}
          </Link>
        ))}
      </nav>
      {state === 'error' && <RetryNotice message={t('meetings.loadFailed')} onRetry={() => void list.refetch()} />}
      {state === 'offline' && <p className="notice">{t('offline.notCached')}</p>}
      {state === 'pending' && <p role="status">{t('app.loading')}</p>}
      {list.data && list.data.length === 0 && (
        <p className="muted" data-testid="meetings-empty">
          {when === 'past' ? t('meetings.emptyPast') : t('meetings.emptyUpcoming')}
        </p>
      )}
      {list.data && list.data.length > 0 && (
        <ul className="meeting-rows" data-testid="meeting-rows">
          {list.data.map((meeting) => (
            <MeetingRow key={meeting.id} meeting={meeting} committeeId={committeeId} />
          ))}
        </ul>
      )}
    </div>
  );
}
