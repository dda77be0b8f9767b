import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { useDebounced, useDecisionRegister, useDecisions, useRecordDecision } from '../hooks/use-meeting-panels.ts';

function RecordDecision({ agendaItemId, number }: { agendaItemId: string; number: string }) {
  const { t } = useTranslation();
  const record = useRecordDecision(agendaItemId);
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) return;
    record.mutate(trimmed, { onSuccess: () => setText('') });
  };
  return (
    <form className="decision-form" onSubmit={submit}>
      <input
        className="decision-form__input"
        type="text"
        value={text}
        maxLength={5000}
        aria-label={t('meetings.decisions.recordFor', { number })}
        placeholder={t('meetings.decisions.placeholder')}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" className="button button--small" disabled={record.isPending || !text.trim()}>
        {t('meetings.decisions.record')}
      </button>
      {record.isError && (
        <span className="field__error" role="alert">
          {t('meetings.saveFailed')}
        </span>
      )}
    </form>
  );
}

/** The decisions recorded on one agenda item, and for chair/secretariat a line to record one. */
export function ItemDecisions({ agendaItemId, number, canRecord }: { agendaItemId: string; number: string; canRecord: boolean }) {
  const { t } = useTranslation();
  const decisions = useDecisions(agendaItemId);
  const state = viewStateOf(decisions);
  const list = decisions.data ?? [];
  return (
    <div className="item-decisions" data-testid="item-decisions">
      {state === 'error' && <RetryNotice message={t('meetings.decisions.loadFailed')} onRetry={() => void decisions.refetch()} />}
      {list.length > 0 && (
        <ul className="item-decisions__list" aria-label={t('meetings.decisions.ofItem', { number })}>
          {list.map((decision) => (
            <li key={decision.id} className="item-decisions__row" data-testid="decision">
              <span className="item-decisions__label">{t('meetings.decisions.label')}</span> {decision.text}
            </li>
          ))}
        </ul>
      )}
      {canRecord && <RecordDecision agendaItemId={agendaItemId} number={number} />}
    </div>
  );
}

/** `/c/:committeeId/decisions`: every decision of the committee, searched as you type. */
export function DecisionsRegisterPage() {
  const { t, i18n } = useTranslation();
  const { committeeId = '' } = useParams();
  const [q, setQ] = useState('');
  const search = useDebounced(q, 300);
  const register = useDecisionRegister(committeeId, search);
  const state = viewStateOf(register);
  const list = register.data;
  const date = new Intl.DateTimeFormat(i18n.language === 'ms' ? 'ms-MY' : 'en-MY', { dateStyle: 'medium', timeZone: 'Asia/Kuala_Lumpur' });
  return (
    <div className="page decisions-page">
      <p className="meeting-back">
        <Link to={`/c/${committeeId}/meetings`}>← {t('meetings.backToList')}</Link>
      </p>
      <h1>{t('meetings.decisions.register')}</h1>
      <div className="decisions-page__search">
        <label className="field">
          <span className="field__label">{t('meetings.decisions.search')}</span>
          <input type="search" value={q} onChange={(event) => setQ(event.target.value)} data-testid="decision-search" />
        </label>
      </div>
      {state === 'error' && <RetryNotice message={t('meetings.decisions.loadFailed')} onRetry={() => void register.refetch()} />}
      {state === 'offline' && <p className="notice">{t('offline.notCached')}</p>}
      {state === 'pending' && <p role="status">{t('app.loading')}</p>}
      {list && list.length === 0 && (
        <p className="muted" role="status">
          {search.trim() ? t('meetings.decisions.noMatch') : t('meetings.decisions.none')}
        </p>
      )}
      {list && list.length > 0 && (
        <ul className="decisions-register" aria-busy={register.isFetching} data-testid="decision-register">
          {list.map((decision) => (
            <li key={decision.id} className="decisions-register__row">
              <p className="decisions-register__text">{decision.text}</p>
              <p className="muted decisions-register__meta">
                <time dateTime={decision.createdAt}>{date.format(new Date(decision.createdAt))}</time> ·{' '}
                <Link to={`/c/${committeeId}/meetings/${decision.meetingId}`}>{t('meetings.decisions.openMeeting')}</Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
