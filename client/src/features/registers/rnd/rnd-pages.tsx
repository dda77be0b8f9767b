import { MILESTONE_STATUSES, type MilestoneStatus, type RndMilestone } from '@sidang/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatIsoDate } from '../../../lib/dates.ts';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { registerKeys } from '../../../lib/query-keys.ts';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import { DateField, FormError, SelectField, SubmitBar, TextAreaField, TextField, useFormValues } from '../../../lib/ui/form/index.ts';
import { useFormErrors } from '../components/register-form.tsx';
import { RegisterDetail, RegisterEditPage, RegisterNewPage } from '../components/register-pages.tsx';
import { ClassifiedSection, StateView } from '../components/register-ui.tsx';
import { useCreateMilestone, useMilestones, useUpdateMilestone, useValueChainStages } from '../hooks/use-registers.ts';
import { rnd } from './rnd-register.ts';
import { SlippingFlag, stageName, TrlBar } from './rnd-ui.tsx';

interface MilestoneValues {
  title: string;
  gateCriteria: string;
  plannedOn: string;
  actualOn: string;
  status: MilestoneStatus;
}

function MilestoneForm({
  initial,
  submitting,
  error,
  onSubmit,
  onCancel,
  label,
}: {
  initial: MilestoneValues;
  submitting: boolean;
  error: unknown;
  onSubmit: (values: MilestoneValues) => void;
  onCancel: () => void;
  label: string;
}) {
  const { t } = useTranslation();
  const form = useFormValues<MilestoneValues>(initial);
  const errors = useFormErrors(error);
  return (
    <form
      className="register-form register-form--inline"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        if (form.values.title.trim()) onSubmit(form.values);
        else form.fail({ title: t('registers.required') });
      }}
    >
      <FormError as="p" message={errors.form} />
      <TextField {...form.field('title')} label={t('registers.rnd.milestoneTitle')} required mark="star" />
      <TextAreaField {...form.field('gateCriteria')} label={t('registers.rnd.gateCriteria')} rows={2} />
      <div className="field-row">
        <DateField {...form.field('plannedOn')} label={t('registers.rnd.plannedOn')} />
        <DateField {...form.field('actualOn')} label={t('registers.rnd.actualOn')} />
        <SelectField
          {...form.field('status')}
          label={t('registers.status')}
          options={MILESTONE_STATUSES.map((status) => ({ value: status, label: t(`registers.rnd.milestone_${status}`) }))}
        />
      </div>
      <SubmitBar
        className="form-actions"
        small
        label={t('registers.save')}
        pending={submitting}
        cancelLabel={t('registers.cancel')}
        onCancel={onCancel}
        testId="save-milestone"
      />
    </form>
  );
}

const toWire = (values: MilestoneValues) => ({
  title: values.title.trim(),
  gateCriteria: values.gateCriteria,
  plannedOn: values.plannedOn || null,
  actualOn: values.actualOn || null,
  status: values.status,
});

function MilestoneRow({ milestone, rndProjectId, canEdit }: { milestone: RndMilestone; rndProjectId: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const update = useUpdateMilestone(rndProjectId);
  const date = (iso: string | null) => (iso ? formatIsoDate(iso, i18n.language) : t('registers.noDate'));
  if (editing) {
    return (
      <li className="milestone">
        <MilestoneForm
          label={t('registers.rnd.editMilestone')}
          initial={{
            title: milestone.title,
            gateCriteria: milestone.gateCriteria,
            plannedOn: milestone.plannedOn ?? '',
            actualOn: milestone.actualOn ?? '',
            status: milestone.status,
          }}
          submitting={update.isPending}
          error={update.error}
          onCancel={() => setEditing(false)}
          onSubmit={(values) =>
            update.mutate(
              { id: milestone.id, body: { version: milestone.version, ...toWire(values) } },
              { onSuccess: () => setEditing(false) },
            )
          }
        />
      </li>
    );
  }
  return (
    <li className="milestone" data-testid="milestone-row" data-id={milestone.id}>
      <div className="milestone__head">
        <strong className="milestone__title">{milestone.title}</strong>
        <span className={`badge badge--status badge--ms-${milestone.status}`}>{t(`registers.rnd.milestone_${milestone.status}`)}</span>
        {milestone.overdue && (
          <span className="due due--overdue" data-overdue="true">
            <strong>{t('actions.overdueMark')}</strong>
          </span>
        )}
        {milestone.late && <span className="badge badge--late">{t('registers.rnd.late')}</span>}
        <ClassificationBadge level={milestone.classification} />
        {canEdit && (
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => setEditing(true)}
            aria-label={t('registers.rnd.editMilestoneNamed', { title: milestone.title })}
          >
            {t('registers.edit')}
          </button>
        )}
      </div>
      <p className="milestone__dates">
        {t('registers.rnd.plannedOn')}: {date(milestone.plannedOn)} · {t('registers.rnd.actualOn')}: {date(milestone.actualOn)}
      </p>
      {milestone.gateCriteria && (
        <p className="prewrap milestone__gate">
          <span className="muted">{t('registers.rnd.gateCriteria')}:</span> {milestone.gateCriteria}
        </p>
      )}
    </li>
  );
}

/**
 * A project's slippage is computed by the server from its milestones, and a milestone's change
 * is the only event sent: when the milestones change after they were first shown (live, or by
 * this user), the project is read again so that its flag and counts follow.
 */
function useSlippageFollowsMilestones(rndProjectId: string, committeeId: string, milestonesUpdatedAt: number): void {
  const queryClient = useQueryClient();
  const first = useRef<number | null>(null);
  useEffect(() => {
    if (milestonesUpdatedAt === 0) return;
    if (first.current === null) {
      first.current = milestonesUpdatedAt;
      return;
    }
    void queryClient.invalidateQueries({ queryKey: registerKeys.rnd(rndProjectId) });
    void queryClient.invalidateQueries({ queryKey: registerKeys.rndLists(committeeId) });
  }, [queryClient, rndProjectId, committeeId, milestonesUpdatedAt]);
}

function Milestones({ rndProjectId, committeeId, canEdit }: { rndProjectId: string; committeeId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const list = useMilestones(rndProjectId);
  useSlippageFollowsMilestones(rndProjectId, committeeId, list.dataUpdatedAt);
  const create = useCreateMilestone(rndProjectId);
  const [adding, setAdding] = useState(false);
  return (
    <section className="register-section" aria-labelledby="milestones-title">
      <div className="register-section__header">
        <h2 id="milestones-title" className="register-section__title">
          {t('registers.rnd.milestones')}
        </h2>
        {canEdit && !adding && (
          <button type="button" className="button button--small" onClick={() => setAdding(true)} data-testid="add-milestone">
            {t('registers.rnd.addMilestone')}
          </button>
        )}
      </div>
      {adding && (
        <MilestoneForm
          label={t('registers.rnd.addMilestone')}
          initial={{ title: '', gateCriteria: '', plannedOn: '', actualOn: '', status: 'planned' }}
          submitting={create.isPending}
          error={create.error}
          onCancel={() => setAdding(false)}
          onSubmit={(values) => create.mutate(toWire(values), { onSuccess: () => setAdding(false) })}
        />
      )}
      <StateView state={viewStateOf(list)} onRetry={() => void list.refetch()} rows={2}>
        {(list.data ?? []).length === 0 ? (
          <p className="muted">{t('registers.rnd.noMilestones')}</p>
        ) : (
          <ol className="milestone-list">
            {list.data?.map((milestone) => (
              <MilestoneRow key={milestone.id} milestone={milestone} rndProjectId={rndProjectId} canEdit={canEdit} />
            ))}
          </ol>
        )}
      </StateView>
    </section>
  );
}

export function RndDetailPage() {
  const { t, i18n } = useTranslation();
  const { committeeId, record, blocker, committee, canEdit } = rnd.useRecordPage();
  const stages = useValueChainStages();
  if (blocker || !record) return blocker;
  const redacted: readonly string[] = record.redactedFields ?? [];
  const withheldText = t('registers.withheld');
  return (
    <RegisterDetail
      register={rnd}
      record={record}
      role={committee?.role}
      title={record.title}
      badges={
        <>
          <TrlBar now={record.trlNow} target={record.trlTarget} />
          {record.slipping && <SlippingFlag />}
          <ClassificationBadge level={record.classification} />
        </>
      }
    >
      {record.slipping && (
        <p className="notice notice--warning" role="status">
          {t('registers.rnd.slippingDetail', { late: record.lateMilestones, overdue: record.overdueMilestones })}
        </p>
      )}
      <dl className="facts">
        <div className="facts__row">
          <dt>{t('registers.rnd.leadInstitution')}</dt>
          <dd>{record.leadInstitution || t('registers.notRecorded')}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('registers.rnd.partners')}</dt>
          <dd data-withheld={redacted.includes('partners') || undefined}>
            {redacted.includes('partners') ? (
              <span className="withheld">{withheldText}</span>
            ) : record.partners && record.partners.length > 0 ? (
              record.partners.join(', ')
            ) : (
              t('registers.notRecorded')
            )}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('registers.rnd.fundingRm')}</dt>
          <dd data-withheld={redacted.includes('fundingRm') || undefined}>
            {redacted.includes('fundingRm') ? (
              <span className="withheld">{withheldText}</span>
            ) : record.fundingRm != null ? (
              new Intl.NumberFormat(i18n.language === 'ms' ? 'ms-MY' : 'en-MY', {
                style: 'currency',
                currency: 'MYR',
                maximumFractionDigits: 0,
              }).format(record.fundingRm)
            ) : (
              t('registers.notRecorded')
            )}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('registers.rnd.stage')}</dt>
          <dd>{stageName(stages.data, record.valueChainStage, i18n.language) ?? t('registers.rnd.noStage')}</dd>
        </div>
      </dl>
      <ClassifiedSection
        name="notes"
        title={t('registers.rnd.notes')}
        value={record.notes}
        level={record.fieldClassifications.notes}
        withheld={redacted.includes('notes')}
      />
      <Milestones rndProjectId={record.id} committeeId={committeeId} canEdit={canEdit} />
    </RegisterDetail>
  );
}

export const RndEditPage = () => <RegisterEditPage register={rnd} />;
export const RndNewPage = () => <RegisterNewPage register={rnd} />;
