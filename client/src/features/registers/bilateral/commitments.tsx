import { type BilateralCommitment, COMMITMENT_SIDES } from '@sidang/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatIsoDate, todayInCommitteeZone } from '../../../lib/dates.ts';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { InlineForm, InlineInput, InlineSelect, InlineSubmit } from '../../../lib/ui/form/index.ts';
import { useFormErrors } from '../components/register-form.tsx';
import { StateView } from '../components/register-ui.tsx';
import { useCommitments, useCreateCommitment, useUpdateCommitment } from '../hooks/use-registers.ts';

/** Not done and its due date has passed (in the committee's time zone). */
export function isCommitmentOverdue(commitment: Pick<BilateralCommitment, 'dueDate' | 'status'>, today: string): boolean {
  return commitment.status !== 'done' && commitment.dueDate !== null && commitment.dueDate < today;
}

export function CommitmentRow({ commitment, canEdit }: { commitment: BilateralCommitment; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateCommitment();
  const done = commitment.status === 'done';
  const overdue = isCommitmentOverdue(commitment, todayInCommitteeZone());
  return (
    <li className={done ? 'commitment commitment--done' : 'commitment'} data-testid="commitment-row" data-id={commitment.id}>
      <label className="check">
        <input
          type="checkbox"
          checked={done}
          disabled={!canEdit || update.isPending}
          onChange={(e) =>
            update.mutate({ id: commitment.id, body: { version: commitment.version, status: e.target.checked ? 'done' : 'open' } })
          }
        />
        <span className="commitment__text">{commitment.text}</span>
      </label>
      <span className="commitment__due">
        {commitment.dueDate ? (
          overdue ? (
            <span className="due due--overdue" data-overdue="true">
              <strong>{t('actions.overdueMark')}</strong>{' '}
              <time dateTime={commitment.dueDate}>{formatIsoDate(commitment.dueDate, i18n.language)}</time>
            </span>
          ) : (
            <time dateTime={commitment.dueDate}>{formatIsoDate(commitment.dueDate, i18n.language)}</time>
          )
        ) : (
          <span className="muted">{t('actions.noDueDate')}</span>
        )}
      </span>
      {update.isError && (
        <span className="field__error" role="alert">
          {t('registers.saveFailed')}
        </span>
      )}
    </li>
  );
}

function AddCommitment({ bilateralMeetingId }: { bilateralMeetingId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const create = useCreateCommitment(bilateralMeetingId);
  const errors = useFormErrors(create.error);
  const [text, setText] = useState('');
  const [side, setSide] = useState<(typeof COMMITMENT_SIDES)[number]>('ours');
  const [dueDate, setDueDate] = useState('');
  return (
    <InlineForm
      onSubmit={() => text.trim() && create.mutate({ side, text: text.trim(), dueDate: dueDate || null }, { onSuccess: () => setText('') })}
    >
      <InlineSelect
        id={`${id}-side`}
        label={t('registers.bilateral.side')}
        value={side}
        onChange={setSide}
        options={COMMITMENT_SIDES.map((value) => ({ value, label: t(`registers.bilateral.side_${value}`) }))}
      />
      <InlineInput id={`${id}-text`} label={t('registers.bilateral.commitment')} value={text} onChange={setText} grow />
      <InlineInput id={`${id}-due`} label={t('registers.due')} value={dueDate} onChange={setDueDate} type="date" />
      <InlineSubmit
        label={t('registers.add')}
        disabled={create.isPending || !text.trim()}
        testId="add-commitment"
        error={errors.form && (errors.text ?? errors.form)}
      />
    </InlineForm>
  );
}

/** What each side committed to at one bilateral meeting. */
export function Commitments({ bilateralMeetingId, canEdit }: { bilateralMeetingId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const list = useCommitments(bilateralMeetingId);
  return (
    <section className="register-section" aria-labelledby="commitments-title">
      <h2 id="commitments-title" className="register-section__title">
        {t('registers.bilateral.commitments')}
      </h2>
      <StateView state={viewStateOf(list)} onRetry={() => void list.refetch()} rows={2}>
        <div className="commitments">
          {COMMITMENT_SIDES.map((side) => {
            const items = (list.data ?? []).filter((c) => c.side === side);
            return (
              <div key={side} className="commitments__side" data-side={side}>
                <h3>{t(`registers.bilateral.side_${side}`)}</h3>
                {items.length === 0 ? (
                  <p className="muted">{t('registers.bilateral.noCommitments')}</p>
                ) : (
                  <ul className="commitment-list">
                    {items.map((commitment) => (
                      <CommitmentRow key={commitment.id} commitment={commitment} canEdit={canEdit} />
                    ))}
                  </ul>
                )}
              </div>
            );
          })}
        </div>
      </StateView>
      {canEdit && <AddCommitment bilateralMeetingId={bilateralMeetingId} />}
    </section>
  );
}
