import { ATTENDANCE_STATUSES, type Attendance, type AttendanceStatus, type Attendee } from '@sidang/shared';
import { useTranslation } from 'react-i18next';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { useAttendance, useMarkAttendance } from '../hooks/use-meeting-panels.ts';

/** The house format's order of the attendance list. */
const GROUPS: readonly AttendanceStatus[] = ['present', 'in_attendance', 'apologies', 'absent'];

/** Present, chair first, then the rest by name; the other groups by name. */
export function groupAttendees(attendees: readonly Attendee[]): Array<{ status: AttendanceStatus; people: Attendee[] }> {
  return GROUPS.map((status) => ({
    status,
    people: attendees
      .filter((person) => person.status === status)
      .sort((a, b) => Number(b.role === 'chair') - Number(a.role === 'chair') || a.name.localeCompare(b.name)),
  })).filter((group) => group.people.length > 0);
}

export function QuorumIndicator({ quorum }: { quorum: Attendance['quorum'] }) {
  const { t } = useTranslation();
  return (
    <p className={`quorum quorum--${quorum.met ? 'met' : 'not-met'}`} role="status" data-testid="quorum">
      {t(quorum.met ? 'meetings.attendance.quorumMet' : 'meetings.attendance.quorumNotMet', {
        present: quorum.present,
        required: quorum.required,
      })}
    </p>
  );
}

interface PanelProps {
  meetingId: string;
  /** Chair or secretariat: may mark anyone. */
  canManage: boolean;
  /** The signed-in user, who may mark themself. */
  meId: string | undefined;
}

function StatusSelect({ meetingId, person }: { meetingId: string; person: Attendee }) {
  const { t } = useTranslation();
  const mark = useMarkAttendance(meetingId);
  return (
    <>
      <select
        className="attendance__select"
        aria-label={t('meetings.attendance.statusOf', { name: person.name })}
        value={person.status}
        disabled={mark.isPending}
        onChange={(event) => mark.mutate({ userId: person.userId, status: event.target.value as AttendanceStatus })}
      >
        {ATTENDANCE_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`meetings.attendance.status.${status}`)}
          </option>
        ))}
      </select>
      {mark.isError && (
        <span className="field__error" role="alert">
          {t('meetings.saveFailed')}
        </span>
      )}
    </>
  );
}

function SelfMark({ meetingId, me }: { meetingId: string; me: Attendee }) {
  const { t } = useTranslation();
  const mark = useMarkAttendance(meetingId);
  return (
    <div className="attendance__self" data-testid="attendance-self">
      <button
        type="button"
        className="button button--small button--primary"
        disabled={mark.isPending || me.status === 'present'}
        onClick={() => mark.mutate({ userId: me.userId, status: 'present' })}
      >
        {t('meetings.attendance.imHere')}
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={mark.isPending || me.status === 'apologies'}
        onClick={() => mark.mutate({ userId: me.userId, status: 'apologies' })}
      >
        {t('meetings.attendance.sendApologies')}
      </button>
      {mark.isError && (
        <span className="field__error" role="alert">
          {t('meetings.saveFailed')}
        </span>
      )}
    </div>
  );
}

/** Attendance and quorum, live: grouped as the house format lists them. */
export function AttendancePanel({ meetingId, canManage, meId }: PanelProps) {
  const { t } = useTranslation();
  const attendance = useAttendance(meetingId);
  const data = attendance.data;
  const state = viewStateOf(attendance);
  const me = data?.attendees.find((person) => person.userId === meId);
  return (
    <section className="meeting-panel attendance" aria-labelledby="attendance-heading" data-testid="attendance-panel">
      <h2 id="attendance-heading">{t('meetings.attendance.heading')}</h2>
      {!data && state === 'error' && (
        <RetryNotice message={t('meetings.attendance.loadFailed')} onRetry={() => void attendance.refetch()} />
      )}
      {!data && state === 'offline' && <p className="notice">{t('offline.notCached')}</p>}
      {!data && state === 'pending' && <p role="status">{t('app.loading')}</p>}
      {data && (
        <>
          <QuorumIndicator quorum={data.quorum} />
          {!canManage && me && <SelfMark meetingId={meetingId} me={me} />}
          {data.attendees.length === 0 && <p className="muted">{t('meetings.attendance.empty')}</p>}
          {groupAttendees(data.attendees).map((group) => (
            <div key={group.status} className="attendance__group">
              <h3 className="attendance__group-heading">
                {t(`meetings.attendance.group.${group.status}`)} <span className="muted">({group.people.length})</span>
              </h3>
              <ul className="attendance__list">
                {group.people.map((person) => (
                  <li key={person.userId} className="attendance__row" data-testid="attendee" data-status={person.status}>
                    <span className="attendance__name">
                      {person.name}
                      {person.role === 'chair' && <span className="muted"> · {t('roles.chair')}</span>}
                    </span>
                    <span className="attendance__agency muted">{person.agency}</span>
                    {canManage && <StatusSelect meetingId={meetingId} person={person} />}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </>
      )}
    </section>
  );
}
