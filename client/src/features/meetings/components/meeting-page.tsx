import { type AgendaItem, type Classification, MEETING_TRANSITIONS, type MeetingStatus, meetingHasStarted } from '@sidang/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../lib/api/api-client.ts';
import { useApi } from '../../../lib/api/api-context.tsx';
import { errorText } from '../../../lib/api/api-errors.ts';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import { highestLevel, type Inheritance } from '../../../lib/ui/inherited-level.tsx';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { SmallButton } from '../../../lib/ui/small-button.tsx';
import { ActionItemCreator } from '../../action-items/index.ts';
import { useMe } from '../../auth/index.ts';
import { useCommittee, useMembers } from '../../committees/index.ts';
import { ItemDeciding, MeetingResolutions } from '../../deciding/index.ts';
import { canManageLinks, LinksPanel } from '../../links/index.ts';
import { FollowToggle } from '../../notifications/index.ts';
import type { LiveMeeting } from '../api/meetings-api.ts';
import { meetingTimes } from '../hooks/meeting-time.ts';
import { canManageMeetings } from '../hooks/permissions.ts';
import { currentItemOf, nextItemOf, previousItemOf, useFollowCurrent, useLiveShortcuts, useMeetingRemoved } from '../hooks/use-live.ts';
import {
  useAgenda,
  useCreateAgendaItem,
  useMeeting,
  useMoveAgendaItem,
  useRemoveAgendaItem,
  useSetCurrentItem,
  useUpdateAgendaItem,
  useUpdateMeeting,
} from '../hooks/use-meetings.ts';
import { AgendaItemForm } from './agenda-item-form.tsx';
import { AgendaList } from './agenda-list.tsx';
import { AttendancePanel } from './attendance-panel.tsx';
import { ItemDecisions } from './decisions.tsx';
import { ItemActions } from './item-actions.tsx';
import { ItemTimer, NowOn } from './live.tsx';
import { MattersArising } from './matters-arising.tsx';
import { MeetingUnavailable } from './meeting-unavailable.tsx';
import { PackDownload } from './paper-viewer/pack-download.tsx';
import { PapersPanel, PaperUploadButton } from './papers-panel.tsx';
import { PresenceRow } from './presence-row.tsx';
import '../meetings.css';
import '../load-strings.ts';

export function MeetingStatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge meeting-status meeting-status--${status}`} data-testid="meeting-status" data-status={status}>
      {t(`meetings.status.${status}`)}
    </span>
  );
}

/** When and where: Kuala Lumpur time, and the reader's own when it differs. */
export function MeetingWhen({ meeting }: { meeting: Pick<LiveMeeting, 'startsAt' | 'endsAt'> }) {
  const { t, i18n } = useTranslation();
  const times = meetingTimes(meeting, i18n.language);
  return (
    <span className="meeting-when">
      <time dateTime={meeting.startsAt}>{times.kl}</time>
      {times.reader && <span className="muted"> ({t('meetings.yourTime', { time: times.reader })})</span>}
    </span>
  );
}

function StatusControls({ meeting }: { meeting: LiveMeeting }) {
  const { t } = useTranslation();
  const update = useUpdateMeeting(meeting);
  const next = MEETING_TRANSITIONS[meeting.status];
  if (next.length === 0) return null;
  return (
    <fieldset className="meeting-transitions">
      <legend className="visually-hidden">{t('meetings.transitionsLabel')}</legend>
      {next.map((status) => (
        <button
          key={status}
          type="button"
          className={`button button--small${status === 'in_progress' ? ' button--primary' : ''}`}
          data-testid={`transition-${status}`}
          disabled={update.isPending}
          onClick={() => update.mutate({ version: meeting.version, status })}
        >
          {t(`meetings.transition.${status}`)}
        </button>
      ))}
      {update.isError && (
        <p className="notice notice--error" role="alert">
          {isApiError(update.error, 409) ? t('meetings.conflict') : t('meetings.saveFailed')}
        </p>
      )}
    </fieldset>
  );
}

function MeetingHeader({ meeting, canManage }: { meeting: LiveMeeting; canManage: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <header className="meeting-header">
      <p className="meeting-header__number" data-testid="meeting-number">
        {meeting.number ?? t('meetings.notNumbered')}
      </p>
      {meeting.status === 'draft' && (
        <p className="notice" data-testid="draft-notice">
          {t('meetings.draftNotice')}
        </p>
      )}
      <h1>{meeting.title}</h1>
      <dl className="meeting-header__facts">
        <div>
          <dt className="visually-hidden">{t('meetings.form.startsAt')}</dt>
          <dd>
            <MeetingWhen meeting={meeting} />
          </dd>
        </div>
        <div>
          <dt className="visually-hidden">{t('meetings.venue')}</dt>
          <dd>{meeting.venue || <span className="muted">{t('meetings.noVenue')}</span>}</dd>
        </div>
        <div>
          <dt className="visually-hidden">{t('meetings.calendar')}</dt>
          <dd>
            <CalendarDownload meetingId={meeting.id} />
          </dd>
        </div>
        <div>
          <dt className="visually-hidden">{t('pack.download')}</dt>
          <dd>
            <PackDownload
              meetingId={meeting.id}
              committeeId={meeting.committeeId}
              title={meeting.title}
              userId={me.data?.id}
              clearance={me.data?.clearance ?? 'OPEN'}
            />
          </dd>
        </div>
        {meeting.onlineUrl && (
          <div>
            <dt className="visually-hidden">{t('meetings.online')}</dt>
            <dd>
              <a href={meeting.onlineUrl} target="_blank" rel="noreferrer noopener">
                {t('meetings.joinOnline')}
              </a>
            </dd>
          </div>
        )}
        <div className="meeting-header__badges">
          <dt className="visually-hidden">{t('meetings.statusLabel')}</dt>
          <dd>
            <MeetingStatusBadge status={meeting.status} /> <ClassificationBadge level={meeting.classification} />
          </dd>
        </div>
      </dl>
      <FollowToggle entityType="meeting" entityId={meeting.id} />
      {canManage && <StatusControls meeting={meeting} />}
    </header>
  );
}

interface LiveBarProps {
  meeting: LiveMeeting;
  items: readonly AgendaItem[] | undefined;
  canRun: boolean;
  following: boolean;
  onFollowChange: (following: boolean) => void;
  projectorHref: string;
}

function LiveBar({ meeting, items, canRun, following, onFollowChange, projectorHref }: LiveBarProps) {
  const { t } = useTranslation();
  const setCurrent = useSetCurrentItem(meeting.id);
  const live = meeting.status === 'in_progress';
  const current = currentItemOf(meeting, items);
  const next = items ? nextItemOf(items, current?.id) : undefined;
  const previous = items ? previousItemOf(items, current?.id) : undefined;
  const go = (item: AgendaItem | undefined) => {
    if (item && !setCurrent.isPending) setCurrent.mutate(item.id);
  };
  useLiveShortcuts(
    live && canRun,
    () => go(next),
    () => go(previous),
  );
  return (
    <section className={`live${live ? ' live--on' : ''}`} aria-label={t('meetings.live.heading')} data-testid="live-bar">
      <NowOn meeting={meeting} items={items} />
      {live && (
        <>
          <ItemTimer meeting={meeting} items={items} />
          <div className="live__controls">
            {canRun && (
              <button
                type="button"
                className="button button--primary live__next"
                data-testid="next-item"
                disabled={!next || setCurrent.isPending}
                onClick={() => go(next)}
                aria-keyshortcuts="N Alt+ArrowDown"
              >
                {t('meetings.live.next')}
              </button>
            )}
            {canRun && (
              <button
                type="button"
                className="button live__previous"
                data-testid="previous-item"
                disabled={!previous || setCurrent.isPending}
                onClick={() => go(previous)}
                aria-keyshortcuts="P Alt+ArrowUp"
              >
                {t('meetings.live.previous')}
              </button>
            )}
            {following ? (
              <button type="button" className="button" data-testid="stop-following" onClick={() => onFollowChange(false)}>
                {t('meetings.live.stopFollowing')}
              </button>
            ) : (
              <button type="button" className="button button--primary" data-testid="follow" onClick={() => onFollowChange(true)}>
                {t('meetings.live.follow')}
              </button>
            )}
            {canRun && current && !next && <span className="muted live__last">{t('meetings.live.lastItem')}</span>}
            <Link className="button button--ghost" to={projectorHref} data-testid="projector-link">
              {t('meetings.live.projector')}
            </Link>
          </div>
          <p className="muted live__follow-state">{following ? t('meetings.live.following') : t('meetings.live.notFollowing')}</p>
          {canRun && (
            <p className="muted live__keys" data-testid="live-shortcuts">
              {t('meetings.live.shortcutsHint')}
            </p>
          )}
          {setCurrent.isError && (
            <p className="notice notice--error" role="alert">
              {t('meetings.live.setFailed')}
            </p>
          )}
        </>
      )}
    </section>
  );
}

function AgendaItemControls({
  item,
  meeting,
  canManage,
  canRun,
  onEdit,
  onRaise,
}: {
  item: AgendaItem;
  meeting: LiveMeeting;
  canManage: boolean;
  canRun: boolean;
  onEdit: () => void;
  onRaise: () => void;
}) {
  const { t } = useTranslation();
  const setCurrent = useSetCurrentItem(meeting.id);
  const remove = useRemoveAgendaItem(item);
  const isCurrent = meeting.currentAgendaItemId === item.id;
  return (
    <>
      {canRun && meeting.status === 'in_progress' && !isCurrent && (
        <SmallButton
          look="plain"
          data-testid="make-current"
          disabled={setCurrent.isPending}
          aria-label={t('meetings.live.makeCurrentItem', { number: item.number })}
          onClick={() => setCurrent.mutate(item.id)}
        >
          {t('meetings.live.makeCurrent')}
        </SmallButton>
      )}
      {canManage && (
        <>
          <SmallButton data-testid="raise-action" aria-label={t('meetings.actions.raiseFor', { number: item.number })} onClick={onRaise}>
            {t('meetings.actions.raise')}
          </SmallButton>
          <SmallButton aria-label={t('meetings.agenda.editItem', { number: item.number })} onClick={onEdit}>
            {t('meetings.agenda.edit')}
          </SmallButton>
          <SmallButton
            aria-label={t('meetings.agenda.removeItem', { number: item.number })}
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(t('meetings.agenda.confirmRemove', { number: item.number, title: item.title })))
                remove.mutate(item.version);
            }}
          >
            {t('meetings.agenda.remove')}
          </SmallButton>
          {remove.isError && (
            <span className="field__error" role="alert">
              {errorText(t, remove.error, 'meetings.saveFailed')}
            </span>
          )}
        </>
      )}
    </>
  );
}

function EditAgendaItem({ item, items, onDone }: { item: AgendaItem; items: readonly AgendaItem[]; onDone: () => void }) {
  const me = useMe();
  const update = useUpdateAgendaItem(item);
  const move = useMoveAgendaItem();
  // An item with sub-items stays at the top level; any other may go under another top-level item.
  const hasChildren = items.some((candidate) => candidate.parentId === item.id);
  const parents = hasChildren ? [] : items.filter((candidate) => candidate.parentId === null && candidate.id !== item.id);
  return (
    <AgendaItemForm
      mode="edit"
      initial={item}
      parents={parents}
      clearance={me.data?.clearance ?? 'OPEN'}
      submitting={update.isPending || move.isPending}
      error={update.error ?? move.error}
      onCancel={onDone}
      onSubmit={async ({ parentId, ...fields }) => {
        const changed = (Object.keys(fields) as Array<keyof typeof fields>).some((key) => fields[key] !== item[key]);
        try {
          const saved = changed ? await update.mutateAsync({ version: item.version, ...fields }) : item;
          if (parentId !== item.parentId) {
            // To the end of its new place: the server numbers it.
            const position = items.filter((candidate) => candidate.parentId === parentId && candidate.id !== item.id).length;
            await move.mutateAsync({ item: saved, parentId, position });
          }
          onDone();
        } catch {
          // Shown by the form from the mutation's error.
        }
      }}
    />
  );
}

function AddAgendaItem({ meetingId, items, onDone }: { meetingId: string; items: readonly AgendaItem[]; onDone: () => void }) {
  const me = useMe();
  const create = useCreateAgendaItem(meetingId);
  return (
    <AgendaItemForm
      mode="create"
      parents={items.filter((item) => item.parentId === null)}
      clearance={me.data?.clearance ?? 'OPEN'}
      submitting={create.isPending}
      error={create.error}
      onCancel={onDone}
      onSubmit={(fields) => create.mutate(fields, { onSuccess: onDone })}
    />
  );
}

/** What a record raised from an agenda item inherits: the higher of the item's and its meeting's level. */
function useItemInheritance(item: AgendaItem, meetingLevel: Classification): Inheritance {
  const { t } = useTranslation();
  return { level: highestLevel(item.classification, meetingLevel), from: t('derived.fromItem', { number: item.number }) };
}

/** The action item creator, with the meeting and agenda item it was raised from. */
function RaiseAction({ item, meetingLevel, onDone }: { item: AgendaItem; meetingLevel: Classification; onDone: () => void }) {
  const { t } = useTranslation();
  const inherited = useItemInheritance(item, meetingLevel);
  const me = useMe();
  const members = useMembers(item.committeeId);
  return (
    <section className="raise-action" aria-label={t('meetings.actions.raiseFor', { number: item.number })}>
      {members.data ? (
        <ActionItemCreator
          committeeId={item.committeeId}
          members={members.data}
          clearance={me.data?.clearance ?? 'OPEN'}
          origin={{ meetingId: item.meetingId, agendaItemId: item.id }}
          inherited={inherited}
          onCancel={onDone}
          onCreated={onDone}
        />
      ) : members.isError ? (
        <RetryNotice message={t('meetings.saveFailed')} onRetry={() => void members.refetch()} />
      ) : (
        <p role="status">{t('app.loading')}</p>
      )}
    </section>
  );
}

/** `/c/:committeeId/meetings/:meetingId`: the meeting, its agenda, and live meeting mode. */
export function MeetingPage() {
  const { t } = useTranslation();
  const { committeeId = '', meetingId = '' } = useParams();
  const committee = useCommittee(committeeId);
  const meeting = useMeeting(meetingId);
  const agenda = useAgenda(meetingId);
  const removed = useMeetingRemoved(meetingId);
  const move = useMoveAgendaItem();
  const [following, setFollowing] = useState(true);
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [raising, setRaising] = useState<string | null>(null);
  // The one agenda item whose linked records are open (mounted only then: the rows keep their height for dragging).
  const [linksOf, setLinksOf] = useState<string | null>(null);
  const me = useMe();
  const canManage = canManageMeetings(committee.data?.role);
  const data = meeting.data;
  useFollowCurrent(data?.status === 'in_progress' ? data.currentAgendaItemId : null, following);

  const back = (
    <p className="meeting-back">
      <Link to={`/c/${committeeId}/meetings`}>← {t('meetings.backToList')}</Link>
      <Link className="meeting-back__register" to={`/c/${committeeId}/decisions`}>
        {t('meetings.decisions.register')}
      </Link>
      <Link
        className="meeting-back__register"
        to={`/c/${committeeId}/meetings/${meetingId}/minutes`}
        aria-label={t('minutes.openLabel')}
        data-testid="minutes-link"
      >
        {t('minutes.open')}
      </Link>
    </p>
  );
  if (!data) {
    return (
      <div className="page meeting-page">
        {back}
        <MeetingUnavailable meeting={meeting} removed={Boolean(removed)} announceRemoval />
      </div>
    );
  }

  const items = agenda.data;
  const live = data.status === 'in_progress';
  const agendaState = viewStateOf(agenda);
  return (
    <div className={`page meeting-page${live ? ' meeting-page--live' : ''}`} data-testid="meeting-page">
      {back}
      <MeetingHeader meeting={data} canManage={canManage} />
      <LiveBar
        meeting={data}
        items={items}
        canRun={canManage}
        following={following}
        onFollowChange={setFollowing}
        projectorHref={`/c/${committeeId}/meetings/${meetingId}/projector`}
      />
      {/* The agenda comes first: panels that load later go below it, so it never moves under a pointer. */}
      <section className="meeting-agenda" aria-labelledby="agenda-heading">
        <div className="meeting-agenda__header">
          <h2 id="agenda-heading">{t('meetings.agenda.heading')}</h2>
          {canManage && !adding && (
            <SmallButton look="plain" data-testid="add-agenda-item" onClick={() => setAdding(true)}>
              {t('meetings.agenda.add')}
            </SmallButton>
          )}
        </div>
        {canManage && <p className="muted meeting-agenda__hint">{t('meetings.agenda.reorderHint')}</p>}
        {move.isError && (
          <p className="notice" role="status" data-testid="move-failed">
            {t('meetings.agenda.moveFailed')}
          </p>
        )}
        {move.isPending && (
          <p className="muted" role="status">
            {t('meetings.agenda.moving')}
          </p>
        )}
        {adding && items && <AddAgendaItem meetingId={meetingId} items={items} onDone={() => setAdding(false)} />}
        {agendaState === 'error' && <RetryNotice message={t('meetings.agendaLoadFailed')} onRetry={() => void agenda.refetch()} />}
        {agendaState === 'offline' && <p className="notice">{t('offline.notCached')}</p>}
        {agendaState === 'pending' && <p role="status">{t('app.loading')}</p>}
        {items && items.length === 0 && (
          <p className="muted" data-testid="agenda-empty">
            {t('meetings.agenda.empty')}
          </p>
        )}
        {items && items.length > 0 && (
          <AgendaList
            items={items}
            currentId={live ? data.currentAgendaItemId : null}
            canReorder={canManage}
            moving={move.isPending}
            onMove={(target) => {
              move.reset();
              move.mutate(target);
            }}
            renderActions={(item) => (
              <>
                <SmallButton
                  aria-expanded={linksOf === item.id}
                  aria-controls={`agenda-links-${item.id}`}
                  aria-label={t('links.toggleFor', { number: item.number })}
                  data-testid="agenda-links-toggle"
                  onClick={() => setLinksOf(linksOf === item.id ? null : item.id)}
                >
                  {t('links.toggle')}
                </SmallButton>
                {canManage && (
                  <>
                    <PaperUploadButton parentId={item.id} number={item.number} />
                    <AgendaItemControls
                      item={item}
                      meeting={data}
                      canManage={canManage}
                      canRun={canManage}
                      onEdit={() => setEditing(item.id)}
                      onRaise={() => setRaising(raising === item.id ? null : item.id)}
                    />
                  </>
                )}
              </>
            )}
            renderBelow={(item) =>
              editing === item.id ? (
                <EditAgendaItem item={item} items={items} onDone={() => setEditing(null)} />
              ) : (
                <>
                  <ItemDecisions
                    agendaItemId={item.id}
                    number={item.number}
                    // Decisions are taken once the meeting has started (the server refuses them before).
                    canRecord={canManage && meetingHasStarted(data.status)}
                    inheritedLevel={highestLevel(item.classification, data.classification)}
                  />
                  <ItemDeciding
                    meetingId={meetingId}
                    agendaItemId={item.id}
                    number={item.number}
                    live={live}
                    memberRole={committee.data?.role}
                    meId={me.data?.id}
                  />
                  <ItemActions committeeId={item.committeeId} agendaItemId={item.id} number={item.number} />
                  <PapersPanel
                    committeeId={item.committeeId}
                    parentId={item.id}
                    number={item.number}
                    canManage={canManage}
                    meetingId={meetingId}
                    defaultClassification={highestLevel(item.classification, data.classification)}
                  />
                  {raising === item.id && <RaiseAction item={item} meetingLevel={data.classification} onDone={() => setRaising(null)} />}
                  {linksOf === item.id && (
                    <div id={`agenda-links-${item.id}`}>
                      <LinksPanel recordId={item.id} committeeId={item.committeeId} canEdit={canManageLinks(committee.data?.role)} />
                    </div>
                  )}
                </>
              )
            }
          />
        )}
      </section>
      <MeetingResolutions committeeId={committeeId} meetingId={meetingId} />
      <AttendancePanel meetingId={meetingId} canManage={canManage} meId={me.data?.id} />
      <PresenceRow meetingId={meetingId} />
      <MattersArising meetingId={meetingId} committeeId={committeeId} />
    </div>
  );
}

/** The meeting as an `.ics` file: fetched with the user's token, saved through the browser. */
function CalendarDownload({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [failed, setFailed] = useState(false);
  const download = async () => {
    setFailed(false);
    try {
      const text = await api.getText(`/api/meetings/${encodeURIComponent(meetingId)}/ics`);
      const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = 'meeting.ics';
      link.click();
      URL.revokeObjectURL(url);
    } catch {
      setFailed(true);
    }
  };
  return (
    <>
      <button type="button" className="button button--ghost button--small" onClick={() => void download()}>
        {t('meetings.addToCalendar')}
      </button>
      {failed && (
        <span className="field__error" role="alert">
          {t('meetings.calendarFailed')}
        </span>
      )}
    </>
  );
}
