import type { Decision } from '@sidang/shared';
import type { Classification } from '@sidang/shared/constants';
import { type FormEvent, type KeyboardEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../lib/api/api-client.ts';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { belowOriginText, type Inheritance, InheritedLevel, useDerivedLevel } from '../../../lib/ui/inherited-level.tsx';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { SmallButton } from '../../../lib/ui/small-button.tsx';
import { useDebounced } from '../../../lib/use-debounced.ts';
import { allowedClassifications } from '../../action-items/index.ts';
import { useMe } from '../../auth/index.ts';
import {
  useCorrectDecision,
  useDecisionRegister,
  useDecisions,
  useRecordDecision,
  useWithdrawDecision,
} from '../hooks/use-meeting-panels.ts';
import '../meetings.css';
import '../load-strings.ts';

/**
 * The line to record a decision: it takes the item's level (the highest of the item and its
 * meeting) unless a lower one is picked with a reason for declassification.
 */
export function RecordDecision({ agendaItemId, number, inherited }: { agendaItemId: string; number: string; inherited: Inheritance }) {
  const { t } = useTranslation();
  const me = useMe();
  const record = useRecordDecision(agendaItemId);
  const [text, setText] = useState('');
  const derived = useDerivedLevel(inherited);
  const { classification, setClassification } = derived;
  const levels = allowedClassifications(me.data?.clearance);
  if (!levels.includes(classification)) levels.push(classification);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed || !derived.check()) return;
    record.mutate(
      { text: trimmed, ...derived.payload() },
      {
        onSuccess: () => {
          setText('');
          derived.reset();
        },
      },
    );
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
      <select
        className="decision-form__class"
        aria-label={t('derived.decisionLevelFor', { number })}
        value={classification}
        onChange={(event) => setClassification(event.target.value as Classification)}
      >
        {levels.map((level) => (
          <option key={level} value={level}>
            {t(`classification.${level}`)}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--small" disabled={record.isPending || !text.trim()}>
        {t('meetings.decisions.record')}
      </button>
      <InheritedLevel {...derived.fieldProps} disabled={record.isPending} />
      {record.isError && (
        <span className="field__error" role="alert">
          {belowOriginText(t, record.error) ?? t('meetings.saveFailed')}
        </span>
      )}
    </form>
  );
}

/** A decision as it stands: its current text, "corrected" when it was, struck through with the reason when withdrawn. */
export function DecisionText({ decision }: { decision: Decision }) {
  const { t } = useTranslation();
  if (decision.status === 'withdrawn') {
    return (
      <span className="decision-text decision-text--withdrawn" data-testid="decision-text" data-status="withdrawn">
        <del>{decision.text}</del>{' '}
        <span className="decision-text__note">{t('meetings.decisions.withdrawnBecause', { reason: decision.withdrawalReason ?? '' })}</span>
      </span>
    );
  }
  return (
    <span className="decision-text" data-testid="decision-text" data-status="recorded">
      {decision.text}
      {decision.correctedAt && <span className="decision-text__note muted"> {t('meetings.decisions.corrected')}</span>}
    </span>
  );
}

/** One decision, and for the chair and the secretariat its correction and withdrawal. */
function DecisionRow({ decision, canManage }: { decision: Decision; canManage: boolean }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'view' | 'correct' | 'withdraw'>('view');
  const [value, setValue] = useState('');
  const correct = useCorrectDecision(decision.id);
  const withdraw = useWithdrawDecision(decision.id);
  const pending = correct.isPending || withdraw.isPending;
  const failed = mode === 'correct' ? correct.error : mode === 'withdraw' ? withdraw.error : null;
  const open = (next: 'correct' | 'withdraw') => {
    correct.reset();
    withdraw.reset();
    setValue(next === 'correct' ? decision.text : '');
    setMode(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = value.trim();
    if (!trimmed) return;
    const done = { onSuccess: () => setMode('view') };
    if (mode === 'correct') correct.mutate({ version: decision.version, text: trimmed }, done);
    else withdraw.mutate({ version: decision.version, reason: trimmed }, done);
  };
  return (
    <li className="item-decisions__row" data-testid="decision">
      <span className="item-decisions__label">{t('meetings.decisions.label')}</span> <DecisionText decision={decision} />
      {canManage && decision.status === 'recorded' && mode === 'view' && (
        <span className="item-decisions__tools">
          <SmallButton onClick={() => open('correct')} data-testid="decision-correct">
            {t('meetings.decisions.correct')}
          </SmallButton>
          <SmallButton onClick={() => open('withdraw')} data-testid="decision-withdraw">
            {t('meetings.decisions.withdraw')}
          </SmallButton>
        </span>
      )}
      {mode !== 'view' && (
        <form className="decision-form" onSubmit={submit} data-testid={`decision-${mode}-form`}>
          <input
            className="decision-form__input"
            type="text"
            value={value}
            maxLength={mode === 'correct' ? 5000 : 2000}
            // biome-ignore lint/a11y/noAutofocus: the field the button just opened
            autoFocus
            aria-label={mode === 'correct' ? t('meetings.decisions.correctedText') : t('meetings.decisions.withdrawReason')}
            placeholder={mode === 'withdraw' ? t('meetings.decisions.withdrawReason') : undefined}
            onChange={(event) => setValue(event.target.value)}
          />
          <button type="submit" className="button button--small" disabled={pending || !value.trim()}>
            {mode === 'correct' ? t('meetings.decisions.saveCorrection') : t('meetings.decisions.confirmWithdraw')}
          </button>
          <SmallButton onClick={() => setMode('view')}>{t('meetings.decisions.cancel')}</SmallButton>
          {failed && (
            <span className="field__error" role="alert">
              {isApiError(failed, 409) ? t('meetings.decisions.conflict') : t('meetings.saveFailed')}
            </span>
          )}
        </form>
      )}
    </li>
  );
}

/**
 * The decisions of an agenda item in its minutes section ("Decision:"), live, as they stand:
 * corrections show the current text, withdrawn ones are struck through with the reason.
 */
export function SectionDecisions({ agendaItemId, number }: { agendaItemId: string; number: string }) {
  const { t } = useTranslation();
  const decisions = useDecisions(agendaItemId);
  const list = decisions.data ?? [];
  if (decisions.isError) return <RetryNotice message={t('meetings.decisions.loadFailed')} onRetry={() => void decisions.refetch()} />;
  if (list.length === 0) return null;
  return (
    <div className="section-decisions" data-testid="section-decisions">
      <p className="item-decisions__label">{t('meetings.decisions.label')}</p>
      <ul className="item-decisions__list" aria-label={t('meetings.decisions.ofItem', { number })}>
        {list.map((decision) => (
          <li key={decision.id} className="item-decisions__row" data-testid="section-decision">
            <DecisionText decision={decision} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The decisions recorded on one agenda item, and for chair/secretariat a line to record one. */
export function ItemDecisions({
  agendaItemId,
  number,
  canRecord,
  inheritedLevel = 'OPEN',
}: {
  agendaItemId: string;
  number: string;
  canRecord: boolean;
  /** The highest of the item's and its meeting's level: what a decision on it inherits. */
  inheritedLevel?: Classification;
}) {
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
            <DecisionRow key={decision.id} decision={decision} canManage={canRecord} />
          ))}
        </ul>
      )}
      {canRecord && (
        <RecordDecision
          agendaItemId={agendaItemId}
          number={number}
          inherited={{ level: inheritedLevel, from: t('derived.fromItem', { number }) }}
        />
      )}
    </div>
  );
}

/** Up and down arrows move between the search box and the results' links. */
function moveFocus(event: KeyboardEvent, search: HTMLInputElement | null, list: HTMLUListElement | null): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const stops = [search, ...Array.from(list?.querySelectorAll<HTMLAnchorElement>('a[data-register-link]') ?? [])].filter(
    (stop): stop is HTMLInputElement | HTMLAnchorElement => stop !== null,
  );
  const at = stops.indexOf(document.activeElement as HTMLInputElement | HTMLAnchorElement);
  if (at < 0) return;
  const next = stops[event.key === 'ArrowDown' ? Math.min(at + 1, stops.length - 1) : Math.max(at - 1, 0)];
  if (next && next !== stops[at]) {
    event.preventDefault();
    next.focus();
  }
}

/**
 * `/c/:committeeId/decisions`: every decision of the committee, searched as you type, kept
 * live (a decision recorded, changed or removed anywhere updates the results).
 */
export function DecisionsRegisterPage() {
  const { t, i18n } = useTranslation();
  const { committeeId = '' } = useParams();
  const [q, setQ] = useState('');
  const search = useDebounced(q, 300);
  const register = useDecisionRegister(committeeId, search);
  const state = viewStateOf(register);
  const list = register.data;
  const searchBox = useRef<HTMLInputElement>(null);
  const results = useRef<HTMLUListElement>(null);
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
          <input
            ref={searchBox}
            type="search"
            value={q}
            onChange={(event) => setQ(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && q) {
                event.preventDefault();
                setQ('');
              }
              moveFocus(event, searchBox.current, results.current);
            }}
            aria-describedby="decision-search-hint"
            aria-controls="decision-register"
            data-testid="decision-search"
          />
        </label>
        <p id="decision-search-hint" className="visually-hidden">
          {t('meetings.decisions.keyboardHint')}
        </p>
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
        <p className="visually-hidden" role="status" data-testid="decision-count">
          {t('meetings.decisions.count', { count: list.length })}
        </p>
      )}
      {list && list.length > 0 && (
        <ul
          id="decision-register"
          ref={results}
          className="decisions-register"
          aria-busy={register.isFetching}
          data-testid="decision-register"
        >
          {list.map((decision) => (
            <li key={decision.id} className="decisions-register__row" data-testid="register-decision">
              <p className="decisions-register__text">
                <DecisionText decision={decision} />
              </p>
              <p className="muted decisions-register__meta">
                <time dateTime={decision.createdAt}>{date.format(new Date(decision.createdAt))}</time> ·{' '}
                <Link
                  to={`/c/${committeeId}/meetings/${decision.meetingId}`}
                  data-register-link=""
                  onKeyDown={(event) => moveFocus(event, searchBox.current, results.current)}
                >
                  {t('meetings.decisions.openMeeting')}
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
