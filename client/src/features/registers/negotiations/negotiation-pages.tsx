import { NEGOTIATION_LEVELLED_FIELDS } from '@sidang/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatIsoDate } from '../../../lib/dates.ts';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import { DateField, FormError, SubmitBar, TextAreaField, TextField, useFormValues } from '../../../lib/ui/form/index.ts';
import { useFormErrors } from '../components/register-form.tsx';
import { RegisterDetail, RegisterEditPage, RegisterNewPage } from '../components/register-pages.tsx';
import { ClassifiedSection, StateView } from '../components/register-ui.tsx';
import { useCreateRound, useRounds } from '../hooks/use-registers.ts';
import { NegotiationStatusBadge } from './negotiation-list.tsx';
import { negotiations } from './negotiation-register.ts';

function AddRound({ negotiationId, next, onDone }: { negotiationId: string; next: number; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateRound(negotiationId);
  const form = useFormValues({ startsOn: '', endsOn: '', venue: '', outcome: '', nextSteps: '' });
  const { startsOn, endsOn, venue, outcome, nextSteps } = form.values;
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
      <FormError as="p" message={errors.form} />
      <div className="field-row">
        <DateField {...form.field('startsOn')} label={t('registers.negotiations.startsOn')} />
        <DateField {...form.field('endsOn')} label={t('registers.negotiations.endsOn')} min={startsOn || undefined} />
      </div>
      <TextField {...form.field('venue')} label={t('registers.negotiations.venue')} />
      <TextAreaField {...form.field('outcome')} label={t('registers.negotiations.outcome')} rows={2} />
      <TextAreaField {...form.field('nextSteps')} label={t('registers.negotiations.nextSteps')} rows={2} />
      <SubmitBar
        className="form-actions"
        small
        label={t('registers.add')}
        pending={create.isPending}
        cancelLabel={t('registers.cancel')}
        onCancel={onDone}
        testId="save-round"
      />
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
  const { record, blocker, committee, canEdit } = negotiations.useRecordPage();
  if (blocker || !record) return blocker;
  const redacted: readonly string[] = record.redactedFields ?? [];
  return (
    <RegisterDetail
      register={negotiations}
      record={record}
      role={committee?.role}
      title={record.title}
      badges={
        <>
          <NegotiationStatusBadge status={record.status} />
          <span className="badge">{t(`registers.negotiations.kind_${record.kind}`)}</span>
          <ClassificationBadge level={record.classification} />
        </>
      }
    >
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
    </RegisterDetail>
  );
}

export const NegotiationEditPage = () => <RegisterEditPage register={negotiations} />;
export const NegotiationNewPage = () => <RegisterNewPage register={negotiations} />;
