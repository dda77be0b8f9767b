import { ATTENDANCE_STATUSES, type Attendance, type AttendanceStatus, type Attendee, type Guest, type QuorumRule } from '@sidang/shared';
import { personLabel } from '@sidang/shared/constants';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api/api-client.ts';
import { errorText } from '../../../lib/api/api-errors.ts';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { InlineForm, InlineInput, InlineSubmit } from '../../../lib/ui/form/index.ts';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import {
  useAddGuest,
  useAttendance,
  useCommitteeSettings,
  useMarkAttendance,
  useRemoveGuest,
  useSetQuorumRule,
  useSetSecretariatVotes,
} from '../hooks/use-meeting-panels.ts';
import '../meetings.css';
import { RecusedWithoutPapersControl } from './recused-without-papers.tsx';
import { InvitationAnswers, RsvpControl } from './rsvp.tsx';
import '../load-strings.ts';

/** The house format's order of the attendance list. */
const GROUPS: readonly AttendanceStatus[] = ['present', 'in_attendance', 'apologies', 'absent'];

/** Present, chair first, then the rest by name; the other groups by name. */
export function groupAttendees(
  attendees: readonly Attendee[],
  placed?: ReadonlyMap<string, AttendanceStatus>,
): Array<{ status: AttendanceStatus; people: Attendee[] }> {
  const groupOf = (person: Attendee) => placed?.get(person.userId) ?? person.status;
  return GROUPS.map((status) => ({
    status,
    people: attendees
      .filter((person) => groupOf(person) === status)
      .sort((a, b) => Number(b.role === 'chair') - Number(a.role === 'chair') || a.name.localeCompare(b.name)),
  })).filter((group) => group.people.length > 0);
}

/**
 * The meeting's quorum, live. While the meeting is on an item, it is the quorum of that item:
 * without the voting members who stepped out of it (the server counts them out, `currentItemQuorum`),
 * and it says how many did.
 */
export function QuorumIndicator({ attendance }: { attendance: Pick<Attendance, 'quorum' | 'currentItemQuorum'> }) {
  const { t } = useTranslation();
  const current = attendance.currentItemQuorum ?? null;
  const quorum = current?.quorum ?? attendance.quorum;
  const steppedOut = current?.steppedOut.length ?? 0;
  return (
    <p className={`quorum quorum--${quorum.met ? 'met' : 'not-met'}`} role="status" data-testid="quorum">
      {t(quorum.met ? 'meetings.attendance.quorumMet' : 'meetings.attendance.quorumNotMet', {
        present: quorum.present,
        required: quorum.required,
      })}
      {steppedOut > 0 && (
        <span data-testid="quorum-stepped-out">
          {' · '}
          {t('meetings.attendance.steppedOut', { count: steppedOut })}
        </span>
      )}{' '}
      <span className="quorum__counts muted" data-testid="quorum-counts">
        {t(`meetings.attendance.counts.${quorum.counts}`, { count: quorum.voting })}
      </span>
    </p>
  );
}

/** Whether the secretariat votes (and counts for the quorum): the chair and the secretariat switch it. */
function SecretariatVotesControl({ committeeId, canManage }: { committeeId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const settings = useCommitteeSettings(committeeId);
  const save = useSetSecretariatVotes(committeeId);
  if (!settings.data || !canManage) return null;
  const { version, secretariatVotes } = settings.data;
  return (
    <div className="quorum-rule">
      <label>
        <input
          type="checkbox"
          checked={secretariatVotes}
          disabled={save.isPending}
          onChange={(event) => save.mutate({ version, secretariatVotes: event.target.checked })}
          data-testid="secretariat-votes"
        />{' '}
        {t('meetings.quorumRule.secretariatVotes')}
      </label>
      {save.isError && (
        <span className="field__error" role="alert">
          {isApiError(save.error, 409) ? t('meetings.quorumRule.conflict') : t('meetings.quorumRule.saveFailed')}
        </span>
      )}
    </div>
  );
}

/** Guests who are not members (presenters, agencies' officers): listed as "in attendance"; the chair and the secretariat add and remove them. */
export function GuestList({ meetingId, guests, canManage }: { meetingId: string; guests: readonly Guest[]; canManage: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const add = useAddGuest(meetingId);
  const remove = useRemoveGuest(meetingId);
  const [name, setName] = useState('');
  const [agency, setAgency] = useState('');
  const [role, setRole] = useState('');
  const submit = () => {
    if (!name.trim()) return;
    add.mutate(
      { name: name.trim(), agency: agency.trim(), role: role.trim() },
      {
        onSuccess: () => {
          setName('');
          setAgency('');
          setRole('');
        },
      },
    );
  };
  if (guests.length === 0 && !canManage) return null;
  return (
    <div className="attendance__group attendance__guests" data-testid="guests">
      <h3 className="attendance__group-heading">
        {t('meetings.guests.heading')} <span className="muted">({guests.length})</span>
      </h3>
      {guests.length === 0 && <p className="muted">{t('meetings.guests.none')}</p>}
      {guests.length > 0 && (
        <ul className="attendance__list">
          {guests.map((guest) => (
            <li key={guest.id} className="attendance__row" data-testid="guest">
              <span className="attendance__name">
                {personLabel(guest)}
                {guest.role && <span className="muted"> · {guest.role}</span>}
              </span>
              {canManage && (
                <button
                  type="button"
                  className="button button--small button--ghost"
                  disabled={remove.isPending}
                  onClick={() => remove.mutate(guest.id)}
                  aria-label={t('meetings.guests.removeNamed', { name: guest.name })}
                >
                  {t('meetings.guests.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {remove.isError && (
        <p className="field__error" role="alert">
          {errorText(t, remove.error, 'meetings.saveFailed')}
        </p>
      )}
      {canManage && (
        <InlineForm onSubmit={submit}>
          <InlineInput id={`${id}-name`} label={t('meetings.guests.name')} value={name} onChange={setName} grow />
          <InlineInput id={`${id}-agency`} label={t('meetings.guests.agency')} value={agency} onChange={setAgency} />
          <InlineInput id={`${id}-role`} label={t('meetings.guests.role')} value={role} onChange={setRole} />
          <InlineSubmit
            label={t('meetings.guests.add')}
            disabled={add.isPending || !name.trim()}
            testId="add-guest"
            error={add.isError ? errorText(t, add.error, 'meetings.saveFailed') : undefined}
          />
        </InlineForm>
      )}
    </div>
  );
}

/**
 * The committee's quorum rule under the indicator; the chair and the secretariat change it in
 * place (every meeting's quorum follows, live).
 */
export function QuorumRuleControl({ committeeId, canManage }: { committeeId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const settings = useCommitteeSettings(committeeId);
  const save = useSetQuorumRule(committeeId);
  const [editing, setEditing] = useState(false);
  const [kind, setKind] = useState<QuorumRule['kind']>('majority');
  const [count, setCount] = useState('');
  const rule = settings.data?.quorumRule;
  if (!rule) return null;
  const describe = (value: QuorumRule) =>
    value.kind === 'count' ? t('meetings.quorumRule.currentCount', { count: value.count }) : t('meetings.quorumRule.majority');
  const start = () => {
    setKind(rule.kind);
    setCount(rule.kind === 'count' ? String(rule.count) : '');
    save.reset();
    setEditing(true);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const number = Number(count);
    const quorumRule: QuorumRule = kind === 'count' ? { kind, count: number } : { kind };
    if (kind === 'count' && (!Number.isInteger(number) || number < 1)) {
      document.getElementById(`${id}-count`)?.focus();
      return;
    }
    save.mutate({ version: settings.data?.version ?? 1, quorumRule }, { onSuccess: () => setEditing(false) });
  };
  if (!editing) {
    return (
      <div className="quorum-rule" data-testid="quorum-rule">
        <span className="muted">{t('meetings.quorumRule.current', { rule: describe(rule) })}</span>
        {canManage && (
          <button type="button" className="button button--small button--ghost" onClick={start} data-testid="quorum-rule-edit">
            {t('meetings.quorumRule.edit')}
          </button>
        )}
      </div>
    );
  }
  return (
    <form className="quorum-rule" onSubmit={submit} data-testid="quorum-rule-form">
      <fieldset className="fieldset-row">
        <legend className="visually-hidden">{t('meetings.quorumRule.heading')}</legend>
        <label>
          <input type="radio" name={`${id}-kind`} value="majority" checked={kind === 'majority'} onChange={() => setKind('majority')} />{' '}
          {t('meetings.quorumRule.majority')}
        </label>
        <label>
          <input type="radio" name={`${id}-kind`} value="count" checked={kind === 'count'} onChange={() => setKind('count')} />{' '}
          {t('meetings.quorumRule.count')}
        </label>
        {kind === 'count' && (
          <label>
            <span className="visually-hidden">{t('meetings.quorumRule.countLabel')}</span>
            <input
              id={`${id}-count`}
              type="number"
              min={1}
              max={500}
              required
              value={count}
              aria-label={t('meetings.quorumRule.countLabel')}
              onChange={(event) => setCount(event.target.value)}
            />
          </label>
        )}
      </fieldset>
      <button type="submit" className="button button--small button--primary" disabled={save.isPending}>
        {t('meetings.quorumRule.save')}
      </button>
      <button type="button" className="button button--small button--ghost" onClick={() => setEditing(false)}>
        {t('meetings.quorumRule.cancel')}
      </button>
      {save.isError && (
        <span className="field__error" role="alert">
          {isApiError(save.error, 409) ? t('meetings.quorumRule.conflict') : t('meetings.quorumRule.saveFailed')}
        </span>
      )}
    </form>
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
  // While the secretariat marks people, each row stays in the group it was in when the page
  // opened (its status changes in place): rows do not jump under the hand until the page is left.
  const placed = useRef(new Map<string, AttendanceStatus>());
  const marking = canManage && data !== undefined && !data.frozen;
  if (marking)
    for (const person of data.attendees) if (!placed.current.has(person.userId)) placed.current.set(person.userId, person.status);
  const meInvited = data?.invitations?.find((invitation) => invitation.userId === meId);
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
          <QuorumIndicator attendance={data} />
          <QuorumRuleControl committeeId={data.committeeId} canManage={canManage && !data.frozen} />
          <SecretariatVotesControl committeeId={data.committeeId} canManage={canManage && !data.frozen} />
          <RecusedWithoutPapersControl committeeId={data.committeeId} canManage={canManage && !data.frozen} />
          {data.frozen && (
            <p className="notice" data-testid="attendance-frozen">
              {t('meetings.attendance.frozen')}
            </p>
          )}
          {!canManage && !data.frozen && me && <SelfMark meetingId={meetingId} me={me} />}
          {!data.frozen && meInvited && <RsvpControl meetingId={meetingId} current={meInvited.response} />}
          {canManage && <InvitationAnswers attendance={data} />}
          {data.attendees.length === 0 && <p className="muted">{t('meetings.attendance.empty')}</p>}
          {groupAttendees(data.attendees, marking ? placed.current : undefined).map((group) => (
            <div key={group.status} className="attendance__group">
              <h3 className="attendance__group-heading">
                {t(`meetings.attendance.group.${group.status}`)} <span className="muted">({group.people.length})</span>
              </h3>
              <ul className="attendance__list">
                {group.people.map((person) => (
                  <li key={person.userId} className="attendance__row" data-testid="attendee" data-status={person.status}>
                    <span className="attendance__name">
                      {personLabel(person)}
                      {person.role === 'chair' && <span className="muted"> · {t('roles.chair')}</span>}
                    </span>
                    {canManage && !data.frozen && <StatusSelect meetingId={meetingId} person={person} />}
                  </li>
                ))}
              </ul>
            </div>
          ))}
          <GuestList meetingId={meetingId} guests={data.guests ?? []} canManage={canManage && !data.frozen} />
        </>
      )}
    </section>
  );
}
