import type { Classification, Resolution } from '@sidang/shared';
import { CLASSIFICATIONS, classificationLevel } from '@sidang/shared/constants';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorText } from '../../../lib/api/api-errors.ts';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { useMe } from '../../auth/index.ts';
import { useCommittee, useMembers } from '../../committees/index.ts';
import { useAnswer, useCirculate, useMeetingResolutions, useResolution, useResolutions } from '../api.ts';
import { DeclareInterest } from './item-deciding.tsx';
import '../load-strings.ts';
import '../deciding.css';

type Answer = 'agree' | 'object' | 'abstain';

/** The levels one may circulate at: up to one's own clearance. */
function levelsUpTo(clearance: Classification | undefined): Classification[] {
  return CLASSIFICATIONS.filter((level) => clearance !== undefined && classificationLevel(level) <= classificationLevel(clearance));
}
const ANSWERS: readonly Answer[] = ['agree', 'object', 'abstain'];

function when(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'ms' ? 'ms-MY' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Kuala_Lumpur',
  }).format(new Date(iso));
}

/** Open or closed, and the outcome once closed. */
function ResolutionState({ resolution }: { resolution: Resolution }) {
  const { t, i18n } = useTranslation();
  return (
    <span className="muted" data-testid="resolution-state">
      {resolution.status === 'open'
        ? `${t('deciding.resolutions.open')} · ${t('deciding.resolutions.closes', { when: when(resolution.closesAt, i18n.language) })}`
        : `${t('deciding.resolutions.closed')} · ${resolution.outcome ? t(`deciding.resolutions.outcome.${resolution.outcome}`) : ''}`}
    </span>
  );
}

function Tally({ resolution }: { resolution: Resolution }) {
  const { t } = useTranslation();
  return <p data-testid="resolution-tally">{t('deciding.resolutions.tally', { ...resolution.tally, voting: resolution.votingMembers })}</p>;
}

function ResolutionRow({ committeeId, resolution }: { committeeId: string; resolution: Resolution }) {
  return (
    <li className="resolution-row" data-testid="resolution-row">
      <Link to={`/c/${committeeId}/resolutions/${resolution.id}`}>{resolution.title}</Link>{' '}
      <ClassificationBadge level={resolution.classification as Classification} /> <ResolutionState resolution={resolution} />
    </li>
  );
}

function CirculateForm({ committeeId }: { committeeId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const me = useMe();
  const circulate = useCirculate(committeeId);
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [classification, setClassification] = useState<Classification>('OPEN');
  const [closesAt, setClosesAt] = useState('');
  const [rule, setRule] = useState<'majority_of_voting_members' | 'no_objection'>('majority_of_voting_members');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The field is a local time in Malaysia (UTC+08:00, no daylight saving).
    circulate.mutate(
      { title: title.trim(), text: text.trim(), classification, rule, closesAt: `${closesAt}:00+08:00` },
      {
        onSuccess: () => {
          setTitle('');
          setText('');
          setClosesAt('');
        },
      },
    );
  };
  return (
    <form className="resolution-form" onSubmit={submit} data-testid="circulate-form">
      <h2>{t('deciding.resolutions.circulate')}</h2>
      <label htmlFor={`${id}-t`}>{t('deciding.resolutions.fieldTitle')}</label>
      <input id={`${id}-t`} type="text" required maxLength={300} value={title} onChange={(event) => setTitle(event.target.value)} />
      <label htmlFor={`${id}-x`}>{t('deciding.resolutions.fieldText')}</label>
      <textarea id={`${id}-x`} required rows={4} maxLength={20000} value={text} onChange={(event) => setText(event.target.value)} />
      <label htmlFor={`${id}-c`}>{t('deciding.resolutions.fieldClassification')}</label>
      <select id={`${id}-c`} value={classification} onChange={(event) => setClassification(event.target.value as Classification)}>
        {levelsUpTo(me.data?.clearance).map((level) => (
          <option key={level} value={level}>
            {t(`classification.${level}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-d`}>{t('deciding.resolutions.fieldClosesAt')}</label>
      <input id={`${id}-d`} type="datetime-local" required value={closesAt} onChange={(event) => setClosesAt(event.target.value)} />
      <label htmlFor={`${id}-r`}>{t('deciding.resolutions.fieldRule')}</label>
      <select id={`${id}-r`} value={rule} onChange={(event) => setRule(event.target.value as typeof rule)}>
        <option value="majority_of_voting_members">{t('deciding.resolutions.rule.majority_of_voting_members')}</option>
        <option value="no_objection">{t('deciding.resolutions.rule.no_objection')}</option>
      </select>
      <div>
        <button type="submit" className="button button--small" disabled={circulate.isPending}>
          {t('deciding.resolutions.send')}
        </button>
      </div>
      {circulate.isError && (
        <p className="field__error" role="alert">
          {errorText(t, circulate.error, 'deciding.resolutions.failed')}
        </p>
      )}
    </form>
  );
}

/** The committee's resolutions by circulation; the secretariat and the chair circulate new ones. */
export function ResolutionsPage() {
  const { t } = useTranslation();
  const { committeeId = '' } = useParams();
  const committee = useCommittee(committeeId);
  const resolutions = useResolutions(committeeId);
  const role = committee.data?.role;
  return (
    <div className="page" data-testid="resolutions-page">
      <h1>{t('deciding.resolutions.title')}</h1>
      {resolutions.isPending && <p role="status">{t('app.loading')}</p>}
      {resolutions.isError && <RetryNotice message={t('deciding.resolutions.loadFailed')} onRetry={() => void resolutions.refetch()} />}
      {resolutions.data?.length === 0 && <p className="muted">{t('deciding.resolutions.empty')}</p>}
      {resolutions.data && resolutions.data.length > 0 && (
        <ul className="resolution-list">
          {resolutions.data.map((resolution) => (
            <ResolutionRow key={resolution.id} committeeId={committeeId} resolution={resolution} />
          ))}
        </ul>
      )}
      {(role === 'secretariat' || role === 'chair') && <CirculateForm committeeId={committeeId} />}
    </div>
  );
}

function AnswerForm({ resolution, mine }: { resolution: Resolution; mine: Answer | undefined }) {
  const { t } = useTranslation();
  const id = useId();
  const answer = useAnswer(resolution.id);
  const [choice, setChoice] = useState<Answer>(mine ?? 'agree');
  const [comment, setComment] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    answer.mutate({ answer: choice, ...(comment.trim() ? { comment: comment.trim() } : {}) });
  };
  return (
    <form className="answer-form" onSubmit={submit} data-testid="answer-form">
      <fieldset>
        <legend>{t('deciding.resolutions.yourAnswer')}</legend>
        {ANSWERS.map((value) => (
          <label key={value} className="interest-form__check">
            <input type="radio" name={`${id}-a`} value={value} checked={choice === value} onChange={() => setChoice(value)} />{' '}
            {t(`deciding.resolutions.answer.${value}`)}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-c`}>{t('deciding.resolutions.comment')}</label>
      <textarea id={`${id}-c`} rows={2} maxLength={2000} value={comment} onChange={(event) => setComment(event.target.value)} />
      <div>
        <button type="submit" className="button button--small" disabled={answer.isPending}>
          {t('deciding.resolutions.send_answer')}
        </button>
      </div>
      {answer.isError && (
        <p className="field__error" role="alert">
          {errorText(t, answer.error, 'deciding.resolutions.failed')}
        </p>
      )}
    </form>
  );
}

/** One resolution: its text, state and tally, the answers given, and the caller's answer form. */
export function ResolutionPage() {
  const { t } = useTranslation();
  const { committeeId = '', resolutionId = '' } = useParams();
  const me = useMe();
  const committee = useCommittee(committeeId);
  const members = useMembers(committeeId);
  const resolution = useResolution(resolutionId);
  const data = resolution.data;
  const back = <Link to={`/c/${committeeId}/resolutions`}>← {t('deciding.resolutions.title')}</Link>;
  if (!data) {
    return (
      <div className="page">
        {back}
        {resolution.isPending ? <p role="status">{t('app.loading')}</p> : <p className="notice">{t('deciding.resolutions.notFound')}</p>}
      </div>
    );
  }
  const names = new Map((members.data ?? []).map((member) => [member.userId, member.name]));
  const mine = data.answers.find((answer) => answer.userId === me.data?.id)?.answer;
  const role = committee.data?.role;
  return (
    <div className="page" data-testid="resolution-page">
      {back}
      <h1>{data.title}</h1>
      <p>
        <ClassificationBadge level={data.classification} /> <ResolutionState resolution={data} />
      </p>
      <p className="resolution-text">{data.text}</p>
      <Tally resolution={data} />
      {mine && <p className="muted">{t('deciding.resolutions.answered', { answer: t(`deciding.resolutions.answer.${mine}`) })}</p>}
      {data.status === 'open' && role && role !== 'observer' && <AnswerForm resolution={data} mine={mine} />}
      {data.status === 'open' && role && role !== 'observer' && <DeclareInterest subject={{ resolutionId: data.id }} />}
      {data.answers.length > 0 && (
        <>
          <h2>{t('deciding.resolutions.answers')}</h2>
          <ul className="resolution-list" data-testid="resolution-answers">
            {data.answers.map((answer) => (
              <li key={answer.userId}>
                {names.get(answer.userId) ?? '—'}: {t(`deciding.resolutions.answer.${answer.answer}`)}
                {answer.comment ? ` — ${answer.comment}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** On the home: open resolutions the caller has not answered yet. */
export function AwaitingResolutions({ committeeId }: { committeeId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const resolutions = useResolutions(committeeId);
  // A list answer only (an older server, or one without the route, answers something else).
  const awaiting = (Array.isArray(resolutions.data) ? resolutions.data : []).filter(
    (resolution) => resolution.status === 'open' && !resolution.answers.some((answer) => answer.userId === me.data?.id),
  );
  if (awaiting.length === 0) return null;
  return (
    <section className="home-section" aria-labelledby="awaiting-resolutions" data-testid="awaiting-resolutions">
      <h2 id="awaiting-resolutions">{t('deciding.resolutions.awaiting')}</h2>
      <ul className="resolution-list">
        {awaiting.map((resolution) => (
          <ResolutionRow key={resolution.id} committeeId={committeeId} resolution={resolution} />
        ))}
      </ul>
    </section>
  );
}

/** "Keputusan secara edaran" on a meeting's page: resolutions closed since the previous meeting, for noting. */
export function MeetingResolutions({ committeeId, meetingId }: { committeeId: string; meetingId: string }) {
  const { t } = useTranslation();
  const resolutions = useMeetingResolutions(meetingId);
  if (!resolutions.data || resolutions.data.length === 0) return null;
  return (
    <section className="meeting-resolutions" aria-labelledby="meeting-resolutions" data-testid="meeting-resolutions">
      <h2 id="meeting-resolutions">{t('deciding.resolutions.forNoting')}</h2>
      <ul className="resolution-list">
        {resolutions.data.map((resolution) => (
          <ResolutionRow key={resolution.id} committeeId={committeeId} resolution={resolution} />
        ))}
      </ul>
    </section>
  );
}
