import { MINUTES_TRANSITIONS, type MinutesRecord, type MinutesStatus } from '@sidang/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api/api-client.ts';
import { addDaysIso, endOfCommitteeDay, todayInCommitteeZone } from '../../../lib/dates.ts';
import { CommentDeadline } from '../../../lib/ui/badges.tsx';
import { InlineInput } from '../../../lib/ui/form/inline-field.tsx';
import { SmallButton } from '../../../lib/ui/small-button.tsx';
import { useTransitionMinutes } from '../hooks/use-minutes.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';
import '../load-strings.ts';

export function MinutesStatusBadge({ status }: { status: MinutesStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge minutes-status minutes-status--${status}`} data-testid="minutes-status" data-status={status}>
      {t(`minutes.status.${status}`)}
    </span>
  );
}

/** A 400 naming the comment deadline (a day already past by the time it arrived). */
function refusedDeadline(error: unknown): boolean {
  return isApiError(error, 400) && (error.body.issues ?? []).some((issue) => issue.field === 'commentsDueAt');
}

interface WorkflowBarProps {
  record: MinutesRecord;
  /** The chair and the secretariat move the minutes along; the server decides. */
  canManage: boolean;
  /** Only the chair publishes. */
  canPublish?: boolean;
}

/** The minutes' status and the steps the user may take from it, each asked for once more. */
export function WorkflowBar({ record, canManage, canPublish = false }: WorkflowBarProps) {
  const { t } = useTranslation();
  const transition = useTransitionMinutes(record);
  const [asking, setAsking] = useState<MinutesStatus | null>(null);
  /** Optional on circulation: the last day for comments (a Kuala Lumpur day), '' for none. */
  const [commentsDay, setCommentsDay] = useState('');
  const id = useId();
  const next = canManage ? MINUTES_TRANSITIONS[record.status].filter((status) => status !== 'published' || canPublish) : [];

  const proceed = () => {
    if (!asking) return;
    transition.mutate(
      {
        to: asking,
        version: record.version,
        ...(asking === 'circulated' && commentsDay ? { commentsDueAt: endOfCommitteeDay(commentsDay) } : {}),
      },
      { onSuccess: () => setAsking(null) },
    );
  };

  return (
    <section className="minutes-workflow" aria-label={t('minutes.workflow.label')} data-testid="minutes-workflow">
      <p className="minutes-workflow__status">
        <span className="visually-hidden">{t('minutes.workflow.status')}: </span>
        <MinutesStatusBadge status={record.status} />
        {record.confirmation && record.status !== 'draft' && record.status !== 'circulated' && (
          <span className="muted" data-testid="minutes-confirmation">
            {' '}
            {t('minutes.workflow.confirmedAs', { how: t(`minutes.workflow.${record.confirmation}`) })}
          </span>
        )}
        {record.status === 'circulated' && record.commentsDueAt && (
          <>
            {' '}
            <CommentDeadline at={record.commentsDueAt} />
          </>
        )}
      </p>
      {next.length > 0 && !asking && (
        <div className="minutes-workflow__actions">
          {next.map((status) => (
            <button
              key={status}
              type="button"
              className={`button button--small${status === 'draft' ? '' : ' button--primary'}`}
              data-testid={`minutes-to-${status}`}
              onClick={() => {
                transition.reset();
                setAsking(status);
              }}
            >
              {t(`minutes.workflow.to.${status}`)}
            </button>
          ))}
        </div>
      )}
      {asking === 'confirmed' && <ConfirmDialog record={record} onDone={() => setAsking(null)} onCancel={() => setAsking(null)} />}
      {asking && asking !== 'confirmed' && (
        <fieldset className="minutes-workflow__confirm">
          <legend>{t('minutes.workflow.confirmQuestion', { status: t(`minutes.status.${asking}`) })}</legend>
          {asking === 'circulated' && (
            <div className="minutes-workflow__deadline" data-testid="minutes-comments-due">
              <InlineInput
                id={`${id}-comments-due`}
                label={t('minutes.workflow.commentsBy')}
                value={commentsDay}
                onChange={setCommentsDay}
                type="date"
                min={addDaysIso(todayInCommitteeZone(), 1)}
              />
            </div>
          )}
          <div className="minutes-workflow__actions">
            <SmallButton look="primary" onClick={proceed} disabled={transition.isPending} data-testid="minutes-transition-proceed">
              {t('minutes.workflow.proceed')}
            </SmallButton>
            <SmallButton onClick={() => setAsking(null)}>{t('minutes.workflow.cancel')}</SmallButton>
          </div>
        </fieldset>
      )}
      {transition.isError && (
        <p className="notice notice--error" role="alert">
          {isApiError(transition.error, 409) && transition.error.body.code === 'meeting_in_progress'
            ? t('minutes.workflow.meetingInProgress')
            : isApiError(transition.error, 409)
              ? t('minutes.workflow.conflict')
              : refusedDeadline(transition.error)
                ? t('minutes.workflow.commentsDueInPast')
                : t('minutes.workflow.failed')}
        </p>
      )}
    </section>
  );
}
