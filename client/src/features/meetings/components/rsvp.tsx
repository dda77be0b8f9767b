import type { Attendance, Invitation, RsvpResponse } from '@sidang/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../lib/api/api-context.tsx';
import { errorText } from '../../../lib/api/api-errors.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { meetingsApi } from '../api/meetings-api.ts';
import '../meetings.css';
import '../load-strings.ts';

/** The answers offered, in the order shown (a type-only import keeps the wire schemas off the home's first screen). */
const RSVP_RESPONSES: readonly RsvpResponse[] = ['accepted', 'tentative', 'declined'];

const invitationsKey = (meetingId: string) => ['meetings', meetingId, 'invitations'] as const;

function useRsvp(meetingId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { response: RsvpResponse; note: string }) => meetingsApi.rsvp(api, meetingId, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.attendance(meetingId), exact: true });
      void queryClient.invalidateQueries({ queryKey: invitationsKey(meetingId), exact: true });
      void queryClient.invalidateQueries({ queryKey: ['home'] });
    },
  });
}

/**
 * The caller's answer to a meeting's invitation: accept, tentative or decline, with an optional
 * note for the chair and the secretariat. On the meeting page and the home's next meeting.
 */
export function RsvpControl({ meetingId, current }: { meetingId: string; current: RsvpResponse | null }) {
  const { t } = useTranslation();
  const id = useId();
  const rsvp = useRsvp(meetingId);
  const [note, setNote] = useState('');
  const [chosen, setChosen] = useState<RsvpResponse | null>(null);
  const shown = chosen ?? current;
  return (
    <div className="rsvp" data-testid="rsvp">
      <fieldset className="rsvp__choices">
        <legend>
          {shown ? t('meetings.rsvp.answered', { answer: t(`meetings.rsvp.response.${shown}`) }) : t('meetings.rsvp.question')}
        </legend>
        {RSVP_RESPONSES.map((response) => (
          <button
            key={response}
            type="button"
            className={`button button--small${shown === response ? ' button--primary' : ''}`}
            aria-pressed={shown === response}
            disabled={rsvp.isPending}
            data-testid={`rsvp-${response}`}
            onClick={() => rsvp.mutate({ response, note: note.trim() }, { onSuccess: () => setChosen(response) })}
          >
            {t(`meetings.rsvp.choose.${response}`)}
          </button>
        ))}
      </fieldset>
      <label className="rsvp__note" htmlFor={`${id}-note`}>
        <span>{t('meetings.rsvp.note')}</span>
        <input id={`${id}-note`} type="text" maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
      {rsvp.isError && (
        <p className="field__error" role="alert">
          {errorText(t, rsvp.error, 'meetings.saveFailed')}
        </p>
      )}
    </div>
  );
}

/** The answers to the invitation, for the chair and the secretariat, with a reminder to those who have not answered. */
export function InvitationAnswers({ attendance }: { attendance: Attendance }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const meetingId = attendance.meetingId;
  const answers = useQuery({
    queryKey: [...invitationsKey(meetingId), attendance.version],
    queryFn: () => meetingsApi.invitations(api, meetingId),
  });
  const remind = useMutation({
    mutationFn: () => meetingsApi.remind(api, meetingId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.attendance(meetingId), exact: true }),
  });
  const list: readonly Invitation[] = answers.data ?? attendance.invitations;
  if (list.length === 0) return null;
  const unanswered = list.filter((invitation) => invitation.response === null).length;
  return (
    <div className="attendance__group invitations" data-testid="invitations">
      <h3 className="attendance__group-heading">
        {t('meetings.rsvp.heading')} <span className="muted">({t('meetings.rsvp.unanswered', { count: unanswered })})</span>
      </h3>
      <ul className="attendance__list">
        {list.map((invitation) => (
          <li key={invitation.userId} className="attendance__row" data-testid="invitation" data-response={invitation.response ?? 'none'}>
            <span className="attendance__name">
              {invitation.name}
              {invitation.note && <span className="muted"> · {invitation.note}</span>}
            </span>
            <span className="attendance__agency muted">
              {invitation.response ? t(`meetings.rsvp.response.${invitation.response}`) : t('meetings.rsvp.response.none')}
            </span>
          </li>
        ))}
      </ul>
      {!attendance.frozen && unanswered > 0 && (
        <button
          type="button"
          className="button button--small"
          disabled={remind.isPending}
          onClick={() => remind.mutate()}
          data-testid="send-reminder"
        >
          {t('meetings.rsvp.remind')}
        </button>
      )}
      {attendance.remindedAt && (
        <p className="muted" data-testid="reminded-at">
          {t('meetings.rsvp.remindedAt', {
            at: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Kuala_Lumpur' }).format(
              new Date(attendance.remindedAt),
            ),
          })}
        </p>
      )}
      {remind.isError && (
        <p className="field__error" role="alert">
          {errorText(t, remind.error, 'meetings.saveFailed')}
        </p>
      )}
    </div>
  );
}
