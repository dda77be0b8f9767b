import { NEGOTIATION_LEVELLED_FIELDS } from '@sidang/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { formatIsoDate } from '../../../lib/dates.ts';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import { useMe } from '../../auth/index.ts';
import { useCommittee } from '../../committees/index.ts';
import { canManageLinks, LinksPanel } from '../../links/index.ts';
import { useRecordBlocker } from '../components/record-page.tsx';
import { useFormErrors } from '../components/register-form.tsx';
import { ClassifiedSection, canEditRegisters, StateView } from '../components/register-ui.tsx';
import { useCreateRound, useDeleteNegotiation, useNegotiation, useRemoved, useRounds } from '../hooks/use-registers.ts';
import { NegotiationCreator, NegotiationEditor } from './negotiation-form.tsx';
import { NegotiationStatusBadge } from './negotiation-list.tsx';

function useNegotiationPage() {
  const { committeeId = '', id = '' } = useParams();
  const removed = useRemoved('negotiation', id);
  const record = useNegotiation(id, !removed);
  const back = `/c/${committeeId}/registers/negotiations`;
  return { committeeId, back, record: record.data, ...useRecordBlocker(record, removed, committeeId, back) };
}

function AddRound({ negotiationId, next, onDone }: { negotiationId: string; next: number; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const create = useCreateRound(negotiationId);
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [venue, setVenue] = useState('');
  const [outcome, setOutcome] = useState('');
  const [nextSteps, setNextSteps] = useState('');
  const errors = useFormErrors(create.error);
  return (
    <form
      className="register-form register-form--inline"
      aria-label={t('registers.negotiations.addRound')}
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ startsOn: startsOn || null, endsOn: endsOn || null, venue, outcome, nextSteps }, { onSuccess: onDone });
      }}
    >
      <h3>{t('registers.negotiations.roundNumber', { number: next })}</h3>
      {errors.form && (
        <p className="notice notice--error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="field-row">
        <label className="field" htmlFor={`${id}-starts`}>
          <span>{t('registers.negotiations.startsOn')}</span>
          <input id={`${id}-starts`} type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />
        </label>
        <label className="field" htmlFor={`${id}-ends`}>
          <span>{t('registers.negotiations.endsOn')}</span>
          <input id={`${id}-ends`} type="date" value={endsOn} min={startsOn || undefined} onChange={(e) => setEndsOn(e.target.value)} />
        </label>
      </div>
      <label className="field" htmlFor={`${id}-venue`}>
        <span>{t('registers.negotiations.venue')}</span>
        <input id={`${id}-venue`} value={venue} onChange={(e) => setVenue(e.target.value)} />
      </label>
      <label className="field" htmlFor={`${id}-outcome`}>
        <span>{t('registers.negotiations.outcome')}</span>
        <textarea id={`${id}-outcome`} rows={2} value={outcome} onChange={(e) => setOutcome(e.target.value)} />
      </label>
      <label className="field" htmlFor={`${id}-next`}>
        <span>{t('registers.negotiations.nextSteps')}</span>
        <textarea id={`${id}-next`} rows={2} value={nextSteps} onChange={(e) => setNextSteps(e.target.value)} />
      </label>
      <div className="form-actions">
        <button type="submit" className="button button--primary button--small" disabled={create.isPending} data-testid="save-round">
          {t('registers.add')}
        </button>
        <button type="button" className="button button--small" onClick={onDone}>
          {t('registers.cancel')}
        </button>
      </div>
    </form>
  );
}

function Rounds({ negotiationId, canEdit }: { negotiationId: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const rounds = useRounds(negotiationId);
  const [adding, setAdding] = useState(false);
  const list = rounds.data ?? [];
  const next = list.reduce((max, round) => Math.max(max, round.number), 0) + 1;
  const date = (iso: string | null) => (iso ? formatIsoDate(iso, i18n.language) : '');
  return (
    <section className="register-section" aria-labelledby="rounds-title">
      <div className="register-section__header">
        <h2 id="rounds-title" className="register-section__title">
          {t('registers.negotiations.rounds')}
        </h2>
        {canEdit && !adding && (
          <button type="button" className="button button--small" onClick={() => setAdding(true)} data-testid="add-round">
            {t('registers.negotiations.addRound')}
          </button>
        )}
      </div>
      {adding && <AddRound negotiationId={negotiationId} next={next} onDone={() => setAdding(false)} />}
      <StateView state={viewStateOf(rounds)} onRetry={() => void rounds.refetch()} rows={2}>
        {list.length === 0 ? (
          <p className="muted">{t('registers.negotiations.noRounds')}</p>
        ) : (
          <ol className="timeline" data-testid="rounds-timeline">
            {list.map((round) => (
              <li key={round.id} className="timeline__item timeline__item--block" data-testid="round-row">
                <h3 className="timeline__title">
                  {t('registers.negotiations.roundNumber', { number: round.number })}
                  {round.startsOn && (
                    <span className="muted">
                      {' · '}
                      {date(round.startsOn)}
                      {round.endsOn && round.endsOn !== round.startsOn ? ` – ${date(round.endsOn)}` : ''}
                    </span>
                  )}
                  {round.venue && <span className="muted"> · {round.venue}</span>}
                </h3>
                {round.outcome && (
                  <p className="prewrap">
                    <strong>{t('registers.negotiations.outcome')}:</strong> {round.outcome}
                  </p>
                )}
                {round.nextSteps && (
                  <p className="prewrap">
                    <strong>{t('registers.negotiations.nextSteps')}:</strong> {round.nextSteps}
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
      </StateView>
    </section>
  );
}

export function NegotiationDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { committeeId, back, record, blocker, committee } = useNegotiationPage();
  const remove = useDeleteNegotiation({ id: record?.id ?? '', committeeId });
  if (blocker || !record) return blocker;
  const canEdit = canEditRegisters(committee?.role);
  const redacted: readonly string[] = record.redactedFields ?? [];
  return (
    <article className="detail register-detail" aria-labelledby="detail-title">
      <p>
        <Link to={back} className="back-link">
          <span aria-hidden="true">←</span> {t('registers.backToList')}
        </Link>
      </p>
      <header className="detail__header">
        <h1 id="detail-title">{record.title}</h1>
        <div className="detail__badges">
          <NegotiationStatusBadge status={record.status} />
          <span className="badge">{t(`registers.negotiations.kind_${record.kind}`)}</span>
          <ClassificationBadge level={record.classification} />
        </div>
        {canEdit && (
          <div className="detail__actions">
            <Link className="button" to={`${back}/${record.id}/edit`}>
              {t('registers.edit')}
            </Link>
            <button
              type="button"
              className="button button--danger"
              disabled={remove.isPending}
              onClick={() =>
                window.confirm(t('registers.confirmDelete')) && remove.mutate(record.version, { onSuccess: () => navigate(back) })
              }
            >
              {t('registers.delete')}
            </button>
          </div>
        )}
      </header>
      <dl className="facts">
        <div className="facts__row">
          <dt>{t('registers.negotiations.counterpart')}</dt>
          <dd>{record.counterpart || t('registers.notRecorded')}</dd>
        </div>
      </dl>
      {NEGOTIATION_LEVELLED_FIELDS.map((field) => (
        <ClassifiedSection
          key={field}
          name={field}
          title={t(`registers.negotiations.${field}`)}
          value={record[field]}
          // Each section shows the level that governs it: its own, or the record's.
          level={record.fieldClassifications[field] ?? record.classification}
          withheld={redacted.includes(field)}
        />
      ))}
      <Rounds negotiationId={record.id} canEdit={canEdit} />
      <LinksPanel recordId={record.id} committeeId={committeeId} canEdit={canManageLinks(committee?.role)} canRaiseAction={canEdit} />
    </article>
  );
}

export function NegotiationEditPage() {
  const { t } = useTranslation();
  const { record, blocker, committee, clearance } = useNegotiationPage();
  if (blocker || !record) return blocker;
  if (!canEditRegisters(committee?.role) || !clearance) return <p className="notice">{t('form.notAllowed')}</p>;
  return <NegotiationEditor key={record.id} record={record} clearance={clearance} />;
}

export function NegotiationNewPage() {
  const { t } = useTranslation();
  const { committeeId = '' } = useParams();
  const committee = useCommittee(committeeId);
  const me = useMe();
  if (committee.isPending || me.isPending)
    return (
      <StateView state="pending" onRetry={() => undefined} rows={5}>
        {null}
      </StateView>
    );
  if (!canEditRegisters(committee.data?.role) || !me.data) return <p className="notice">{t('form.notAllowed')}</p>;
  return <NegotiationCreator committeeId={committeeId} clearance={me.data.clearance} />;
}
