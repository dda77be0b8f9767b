import type { Interest, Vote } from '@sidang/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api/api-client.ts';
import { errorText } from '../../../lib/api/api-errors.ts';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { SmallButton } from '../../../lib/ui/small-button.tsx';
import {
  ballotReceipt,
  useCastBallot,
  useCloseVote,
  useDeclareInterest,
  useItemQuorum,
  useMeetingInterests,
  useMeetingVotes,
  useOpenVote,
} from '../api.ts';
import '../load-strings.ts';
import '../deciding.css';

type Translate = ReturnType<typeof useTranslation>['t'];

/** The options of a vote when the chair names none (the server's default). */
const DEFAULT_VOTE_OPTIONS: readonly string[] = ['for', 'against', 'abstain'];

/** An option as people read it: the default ones in the reader's language, the chair's own as written. */
export function optionLabel(t: Translate, option: string): string {
  return DEFAULT_VOTE_OPTIONS.includes(option) ? t(`deciding.votes.option.${option}`) : option;
}

/** The count of a vote: by option (named, or closed), else who has voted (a secret ballot still open). */
export function VoteCount({ vote, large = false }: { vote: Vote; large?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={`vote-count${large ? ' vote-count--large' : ''}`} aria-live="polite" data-testid="vote-count">
      {vote.tally ? (
        <ul className="vote-count__options">
          {vote.options.map((option) => (
            <li key={option} className="vote-count__option" data-option={option}>
              <span className="vote-count__label">{optionLabel(t, option)}</span>{' '}
              <strong className="vote-count__n">{vote.tally?.[option] ?? 0}</strong>
            </li>
          ))}
        </ul>
      ) : (
        <p className="vote-count__voted">{t('deciding.votes.voted', { count: vote.ballotsCast })}</p>
      )}
      {!vote.tally && <p className="muted">{t('deciding.votes.tallyLater')}</p>}
    </div>
  );
}

function VoteCard({ vote, meId, canRun, canVote }: { vote: Vote; meId: string | undefined; canRun: boolean; canVote: boolean }) {
  const { t } = useTranslation();
  const cast = useCastBallot(vote.id);
  const close = useCloseVote(vote.id);
  const open = vote.status === 'open';
  const mine = vote.ballots?.find((ballot) => ballot.userId === meId)?.choice;
  const castSecret = vote.ballot === 'secret' && meId !== undefined && vote.voterIds.includes(meId);
  // A secret ballot is changed only from the device that cast it (it holds the receipt).
  const canChange = castSecret && ballotReceipt(vote.id) !== undefined;
  const [secretChoice, setSecretChoice] = useState<string | undefined>(undefined);
  const error = cast.error ?? close.error;
  const castOption = (option: string) =>
    cast.mutate(option, { onSuccess: () => (vote.ballot === 'secret' ? setSecretChoice(option) : undefined) });
  return (
    <article className="vote-card" data-testid="vote-card" data-status={vote.status}>
      <header className="vote-card__header">
        <p className="vote-card__question">{vote.question}</p>
        <span className="vote-card__meta">
          {vote.ballot === 'secret' ? t('deciding.votes.secret') : t('deciding.votes.named')} ·{' '}
          {open ? t('deciding.votes.statusOpen') : t('deciding.votes.statusClosed')}
        </span>
      </header>
      <VoteCount vote={vote} />
      {open && canVote && (!castSecret || canChange) && (
        <fieldset className="vote-card__cast fieldset-row" disabled={cast.isPending}>
          <legend>{castSecret ? t('deciding.votes.changeSecret') : t('deciding.votes.cast')}</legend>
          {vote.options.map((option) => (
            <button
              key={option}
              type="button"
              className={`button button--small${(mine ?? secretChoice) === option ? '' : ' button--ghost'}`}
              aria-pressed={(mine ?? secretChoice) === option}
              data-testid="cast-ballot"
              onClick={() => castOption(option)}
            >
              {optionLabel(t, option)}
            </button>
          ))}
        </fieldset>
      )}
      {mine && <p className="muted">{t('deciding.votes.yourChoice', { choice: optionLabel(t, mine) })}</p>}
      {castSecret && <p className="muted">{t('deciding.votes.castSecret')}</p>}
      {castSecret && open && canVote && !canChange && <p className="muted">{t('deciding.votes.changeElsewhere')}</p>}
      {open && canRun && (
        <SmallButton look="primary" data-testid="close-vote" disabled={close.isPending} onClick={() => close.mutate()}>
          {t('deciding.votes.close')}
        </SmallButton>
      )}
      {error && (
        <p className="field__error" role="alert">
          {isApiError(error) && error.body.code === 'already_voted'
            ? t('errors.already_voted')
            : errorText(t, error, 'deciding.votes.failed')}
        </p>
      )}
    </article>
  );
}

function OpenVoteForm({ agendaItemId, onDone }: { agendaItemId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const openVote = useOpenVote(agendaItemId);
  const [question, setQuestion] = useState('');
  const [ballot, setBallot] = useState<'named' | 'secret'>('named');
  const [options, setOptions] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const named = options
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    openVote.mutate({ question: question.trim(), ballot, ...(named.length >= 2 ? { options: named } : {}) }, { onSuccess: onDone });
  };
  return (
    <form className="vote-form" onSubmit={submit} data-testid="open-vote-form">
      <label htmlFor={`${id}-q`}>{t('deciding.votes.question')}</label>
      <input id={`${id}-q`} type="text" value={question} maxLength={1000} required onChange={(event) => setQuestion(event.target.value)} />
      <label htmlFor={`${id}-b`}>{t('deciding.votes.ballot')}</label>
      <select id={`${id}-b`} value={ballot} onChange={(event) => setBallot(event.target.value as 'named' | 'secret')}>
        <option value="named">{t('deciding.votes.named')}</option>
        <option value="secret">{t('deciding.votes.secret')}</option>
      </select>
      <label htmlFor={`${id}-o`}>{t('deciding.votes.options')}</label>
      <textarea id={`${id}-o`} rows={3} value={options} onChange={(event) => setOptions(event.target.value)} />
      <div className="vote-form__buttons">
        <button type="submit" className="button button--small" disabled={openVote.isPending || !question.trim()}>
          {t('deciding.votes.start')}
        </button>
        <SmallButton look="plain" onClick={onDone}>
          {t('deciding.votes.cancel')}
        </SmallButton>
      </div>
      {openVote.isError && (
        <p className="field__error" role="alert">
          {errorText(t, openVote.error, 'deciding.votes.failed')}
        </p>
      )}
    </form>
  );
}

/** The caller declares their own interest in a subject (an agenda item, a resolution). */
export function DeclareInterest({ subject, label }: { subject: { agendaItemId: string } | { resolutionId: string }; label?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const declare = useDeclareInterest(subject);
  const [open, setOpen] = useState(false);
  const [nature, setNature] = useState('');
  const [stepsOut, setStepsOut] = useState(false);
  if (!open) {
    return (
      <SmallButton look="plain" data-testid="declare-interest" aria-label={label} onClick={() => setOpen(true)}>
        {t('deciding.interests.declare')}
      </SmallButton>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    declare.mutate({ nature: nature.trim(), stepsOut }, { onSuccess: () => setOpen(false) });
  };
  return (
    <form className="interest-form" onSubmit={submit} data-testid="interest-form">
      <label htmlFor={`${id}-n`}>{t('deciding.interests.nature')}</label>
      <input id={`${id}-n`} type="text" value={nature} maxLength={2000} required onChange={(event) => setNature(event.target.value)} />
      <label className="interest-form__check">
        <input type="checkbox" checked={stepsOut} onChange={(event) => setStepsOut(event.target.checked)} />{' '}
        {t('deciding.interests.stepsOut')}
      </label>
      <div className="vote-form__buttons">
        <button type="submit" className="button button--small" disabled={declare.isPending || !nature.trim()}>
          {t('deciding.interests.save')}
        </button>
        <SmallButton look="plain" onClick={() => setOpen(false)}>
          {t('deciding.votes.cancel')}
        </SmallButton>
      </div>
      {declare.isError && (
        <p className="field__error" role="alert">
          {errorText(t, declare.error, 'deciding.interests.failed')}
        </p>
      )}
    </form>
  );
}

/** Declarations on one subject: who, what, and whether they stepped out. */
export function InterestList({ interests }: { interests: Interest[] }) {
  const { t } = useTranslation();
  if (interests.length === 0) return null;
  return (
    <div className="interest-list" data-testid="interests">
      <p className="interest-list__heading">{t('deciding.interests.heading')}</p>
      <ul>
        {interests.map((interest) => (
          <li key={interest.id}>
            {interest.userName} — {interest.nature} (
            {interest.stepsOut ? t('deciding.interests.steppedOut') : t('deciding.interests.stays')})
          </li>
        ))}
      </ul>
    </div>
  );
}

function ItemQuorumLine({ agendaItemId }: { agendaItemId: string }) {
  const { t } = useTranslation();
  const quorum = useItemQuorum(agendaItemId, true);
  if (!quorum.data) return null;
  const { steppedOut, quorum: q } = quorum.data;
  return (
    <p className={`notice${q.met ? '' : ' notice--error'}`} data-testid="item-quorum">
      {t('deciding.interests.quorumWithout', { count: steppedOut.length, present: q.present, required: q.required })}
    </p>
  );
}

/**
 * Under an agenda item: its votes with their live count (cast from a phone, closed by the chair),
 * the chair's control to open one while the meeting is in progress, and declarations of interest.
 */
export function ItemDeciding({
  meetingId,
  agendaItemId,
  number,
  live,
  memberRole: role,
  meId,
}: {
  meetingId: string;
  agendaItemId: string;
  number: string;
  live: boolean;
  /** The reader's role in the committee. */
  memberRole: string | undefined;
  meId: string | undefined;
}) {
  const { t } = useTranslation();
  const votes = useMeetingVotes(meetingId);
  const interests = useMeetingInterests(meetingId);
  const [opening, setOpening] = useState(false);
  const mine = (votes.data ?? []).filter((vote) => vote.agendaItemId === agendaItemId);
  const declared = (interests.data ?? []).filter((interest) => interest.subjectId === agendaItemId);
  const canRun = role === 'chair';
  const canVote = role !== undefined && role !== 'observer';
  return (
    <section className="item-deciding" aria-label={t('deciding.votes.heading', { number })}>
      {votes.isError && <RetryNotice message={t('deciding.votes.loadFailed')} onRetry={() => void votes.refetch()} />}
      {mine.map((vote) => (
        <VoteCard key={vote.id} vote={vote} meId={meId} canRun={canRun} canVote={canVote} />
      ))}
      <InterestList interests={declared} />
      {live && declared.some((interest) => interest.stepsOut) && <ItemQuorumLine agendaItemId={agendaItemId} />}
      <div className="item-deciding__controls">
        {canRun && live && !opening && (
          <SmallButton look="plain" data-testid="open-vote" onClick={() => setOpening(true)}>
            {t('deciding.votes.open')}
          </SmallButton>
        )}
        {role && role !== 'observer' && (
          <DeclareInterest subject={{ agendaItemId }} label={t('deciding.interests.declareFor', { number })} />
        )}
      </div>
      {opening && <OpenVoteForm agendaItemId={agendaItemId} onDone={() => setOpening(false)} />}
    </section>
  );
}

/** The projector's view of the current item's votes: the question and the live count, large. */
export function ProjectorVotes({ meetingId, agendaItemId }: { meetingId: string; agendaItemId: string | null }) {
  const { t } = useTranslation();
  const votes = useMeetingVotes(meetingId);
  const shown = (votes.data ?? []).filter((vote) => vote.agendaItemId === agendaItemId).slice(-1);
  if (shown.length === 0) return null;
  return (
    <section className="projector-votes" aria-label={t('deciding.votes.result')} data-testid="projector-votes">
      {shown.map((vote) => (
        <div key={vote.id}>
          <p className="projector-votes__question">{vote.question}</p>
          <VoteCount vote={vote} large />
        </div>
      ))}
    </section>
  );
}
