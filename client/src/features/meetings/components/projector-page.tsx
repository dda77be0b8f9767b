import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../lib/api/api-client.ts';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { useFollowCurrent, useMeetingRemoved } from '../hooks/use-live.ts';
import { useAgenda, useMeeting } from '../hooks/use-meetings.ts';
import { AgendaList } from './agenda-list.tsx';
import { ItemTimer, NowOn } from './live.tsx';
import { MeetingStatusBadge, MeetingWhen } from './meeting-page.tsx';

/**
 * `/c/:committeeId/meetings/:meetingId/projector`: the room's screen. Large type, no app
 * chrome; it always follows the current item.
 */
export function ProjectorPage() {
  const { t } = useTranslation();
  const { committeeId = '', meetingId = '' } = useParams();
  const meeting = useMeeting(meetingId);
  const agenda = useAgenda(meetingId);
  const removed = useMeetingRemoved(meetingId);
  const data = meeting.data;
  useFollowCurrent(data?.status === 'in_progress' ? data.currentAgendaItemId : null, true);
  const exit = (
    <Link className="projector__exit" to={`/c/${committeeId}/meetings/${meetingId}`}>
      {t('meetings.live.exitProjector')}
    </Link>
  );

  if (!data) {
    const state = viewStateOf(meeting);
    return (
      <main className="projector" id="main">
        {removed ? (
          <p className="notice">{t('meetings.removed')}</p>
        ) : state === 'error' && isApiError(meeting.error, 404) ? (
          <p className="notice">{t('meetings.notFound')}</p>
        ) : state === 'error' ? (
          <RetryNotice message={t('meetings.meetingLoadFailed')} onRetry={() => void meeting.refetch()} />
        ) : state === 'offline' ? (
          <p className="notice">{t('offline.notCached')}</p>
        ) : (
          <p role="status">{t('app.loading')}</p>
        )}
        {exit}
      </main>
    );
  }

  const live = data.status === 'in_progress';
  return (
    <main className="projector" id="main" data-testid="projector">
      <header className="projector__header">
        <p className="projector__number">
          {data.number} <MeetingStatusBadge status={data.status} />
        </p>
        <h1 className="projector__title">{data.title}</h1>
        <p className="projector__when">
          <MeetingWhen meeting={data} />
        </p>
      </header>
      <section className="projector__live" aria-label={t('meetings.live.heading')}>
        <NowOn meeting={data} items={agenda.data} className="projector__now" />
        {live && <ItemTimer meeting={data} items={agenda.data} className="projector__timer" />}
      </section>
      {agenda.data ? (
        <AgendaList items={agenda.data} currentId={live ? data.currentAgendaItemId : null} variant="projector" />
      ) : agenda.isError ? (
        <RetryNotice message={t('meetings.agendaLoadFailed')} onRetry={() => void agenda.refetch()} />
      ) : (
        <p role="status">{t('app.loading')}</p>
      )}
      {exit}
    </main>
  );
}
