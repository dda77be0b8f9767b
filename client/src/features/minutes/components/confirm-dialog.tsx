import type { ApiIssue, Confirmation, MinutesRecord } from '@sidang/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api/api-client.ts';
import { SmallButton } from '../../../lib/ui/small-button.tsx';
import { useMembers } from '../../committees/index.ts';
import { useMeeting, useMeetings } from '../../meetings/index.ts';
import { useComments, useTransitionMinutes } from '../hooks/use-minutes.ts';
import '../load-strings.ts';

/** The fields a confirmation names, in the order the form shows them. */
const FIELDS = ['confirmedAtMeetingId', 'proposedBy', 'secondedBy', 'amendments'] as const;
type ConfirmField = (typeof FIELDS)[number];

/** The issues of a refused confirmation, by field (the server names each one). */
function issuesByField(error: unknown): Partial<Record<ConfirmField, ApiIssue>> {
  if (!isApiError(error, 400)) return {};
  const out: Partial<Record<ConfirmField, ApiIssue>> = {};
  for (const issue of error.body.issues ?? []) {
    if ((FIELDS as readonly string[]).includes(issue.field)) out[issue.field as ConfirmField] ??= issue;
  }
  return out;
}

/**
 * Confirming the minutes: the meeting that confirmed them (a later meeting of the committee),
 * who proposed and who seconded (two different members), with or without amendments; the
 * comment threads still open are listed first.
 */
export function ConfirmDialog({ record, onDone, onCancel }: { record: MinutesRecord; onDone: () => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const transition = useTransitionMinutes(record);
  const own = useMeeting(record.meetingId);
  const upcoming = useMeetings(record.committeeId, 'upcoming');
  const past = useMeetings(record.committeeId, 'past');
  const members = useMembers(record.committeeId);
  const comments = useComments(record.id);
  const [confirmation, setConfirmation] = useState<Confirmation>('without_amendment');
  const [amendments, setAmendments] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const [proposedBy, setProposedBy] = useState('');
  const [secondedBy, setSecondedBy] = useState('');

  const after = own.data ? Date.parse(own.data.startsAt) : Number.POSITIVE_INFINITY;
  const laterMeetings = [...(upcoming.data ?? []), ...(past.data ?? [])]
    .filter((meeting, at, all) => all.findIndex((other) => other.id === meeting.id) === at)
    .filter((meeting) => Date.parse(meeting.startsAt) > after)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  // The first meeting after the minutes' own is the one that usually confirms them.
  const meetingId = picked ?? laterMeetings[0]?.id ?? '';
  const voters = (members.data ?? []).filter((member) => member.role !== 'observer' && member.active);
  const open = (comments.data ?? []).filter((comment) => comment.parentId === null && !comment.resolved);
  const issues = issuesByField(transition.error);
  const date = new Intl.DateTimeFormat(i18n.language === 'ms' ? 'ms-MY' : 'en-MY', { dateStyle: 'medium', timeZone: 'Asia/Kuala_Lumpur' });

  const proceed = () => {
    transition.mutate(
      {
        to: 'confirmed',
        version: record.version,
        confirmation,
        ...(meetingId ? { confirmedAtMeetingId: meetingId } : {}),
        ...(proposedBy ? { proposedBy } : {}),
        ...(secondedBy ? { secondedBy } : {}),
        ...(confirmation === 'with_amendments' ? { amendments } : {}),
      },
      { onSuccess: onDone },
    );
  };
  const error = (field: ConfirmField) =>
    issues[field] ? (
      <span className="field__error" id={`${id}-${field}-error`} role="alert">
        {t(`minutes.confirm.invalid.${field}`)}
      </span>
    ) : null;
  const described = (field: ConfirmField) => (issues[field] ? { 'aria-invalid': true, 'aria-describedby': `${id}-${field}-error` } : {});

  return (
    <fieldset className="minutes-workflow__confirm minutes-confirm" data-testid="minutes-confirm-dialog">
      <legend>{t('minutes.workflow.confirmQuestion', { status: t('minutes.status.confirmed') })}</legend>
      <section className="minutes-confirm__open" aria-label={t('minutes.confirm.openComments')} data-testid="confirm-open-comments">
        {comments.isPending ? (
          <p className="muted">{t('app.loading')}</p>
        ) : open.length === 0 ? (
          <p className="muted">{t('minutes.confirm.noOpenComments')}</p>
        ) : (
          <>
            <p className="notice">{t('minutes.confirm.openCount', { count: open.length })}</p>
            <ul className="minutes-confirm__threads">
              {open.map((comment) => (
                <li key={comment.id} data-testid="confirm-open-comment">
                  <strong>{comment.authorName}</strong>: {comment.body}
                  {comment.quote && <q className="muted"> {comment.quote}</q>}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-meeting`}>
          {t('minutes.confirm.meeting')}
        </label>
        <select
          id={`${id}-meeting`}
          value={meetingId}
          onChange={(event) => setPicked(event.target.value)}
          data-testid="confirm-meeting"
          {...described('confirmedAtMeetingId')}
        >
          {laterMeetings.length === 0 && <option value="">{t('minutes.confirm.noLaterMeeting')}</option>}
          {laterMeetings.map((meeting) => (
            <option key={meeting.id} value={meeting.id}>
              {meeting.number} · {date.format(new Date(meeting.startsAt))}
            </option>
          ))}
        </select>
        {error('confirmedAtMeetingId')}
      </div>
      {(['proposedBy', 'secondedBy'] as const).map((field) => {
        const value = field === 'proposedBy' ? proposedBy : secondedBy;
        const set = field === 'proposedBy' ? setProposedBy : setSecondedBy;
        return (
          <div key={field} className="field">
            <label className="field__label" htmlFor={`${id}-${field}`}>
              {t(`minutes.confirm.${field}`)}
            </label>
            <select
              id={`${id}-${field}`}
              value={value}
              onChange={(event) => set(event.target.value)}
              data-testid={field === 'proposedBy' ? 'confirm-proposer' : 'confirm-seconder'}
              {...described(field)}
            >
              <option value="">{t('minutes.confirm.choose')}</option>
              {voters.map((member) => (
                <option key={member.userId} value={member.userId}>
                  {member.name}
                  {member.agency ? ` (${member.agency})` : ''}
                </option>
              ))}
            </select>
            {error(field)}
          </div>
        );
      })}
      <fieldset className="minutes-workflow__confirmation">
        <legend>{t('minutes.workflow.confirmationLegend')}</legend>
        {(['without_amendment', 'with_amendments'] as const).map((how) => (
          <label key={how}>
            <input
              type="radio"
              name={`${id}-confirmation`}
              value={how}
              checked={confirmation === how}
              onChange={() => setConfirmation(how)}
              data-testid={`confirmation-${how}`}
            />{' '}
            {t(`minutes.workflow.${how}`)}
          </label>
        ))}
      </fieldset>
      {confirmation === 'with_amendments' && (
        <div className="field">
          <label className="field__label" htmlFor={`${id}-amendments`}>
            {t('minutes.confirm.amendments')}
          </label>
          <textarea
            id={`${id}-amendments`}
            rows={3}
            maxLength={10_000}
            value={amendments}
            onChange={(event) => setAmendments(event.target.value)}
            data-testid="confirm-amendments"
            {...described('amendments')}
          />
          {error('amendments')}
        </div>
      )}
      <div className="minutes-workflow__actions">
        <SmallButton look="primary" onClick={proceed} disabled={transition.isPending} data-testid="minutes-transition-proceed">
          {t('minutes.workflow.proceed')}
        </SmallButton>
        <SmallButton onClick={onCancel}>{t('minutes.workflow.cancel')}</SmallButton>
      </div>
      {transition.isError && (
        <p className="notice notice--error" role="alert">
          {isApiError(transition.error, 400)
            ? t('minutes.confirm.fixFields')
            : isApiError(transition.error, 409)
              ? t('minutes.workflow.conflict')
              : t('minutes.workflow.failed')}
        </p>
      )}
    </fieldset>
  );
}
