import { CLASSIFICATIONS, type Classification, classificationLevel, VIEW_LEVEL_HEADER } from '@sidang/shared';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../lib/api/api-client.ts';
import { ApiProvider, useApi } from '../../../lib/api/api-context.tsx';
import { useAuthToken } from '../../../lib/auth/auth-store.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { installCacheGuards } from '../../../lib/realtime/cache-guards.ts';
import type { RealtimeSocket } from '../../../lib/realtime/realtime-client.ts';
import { RealtimeProvider } from '../../../lib/realtime/realtime-provider.tsx';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { useMe } from '../../auth/index.ts';
import { meetingsApi } from '../api/meetings-api.ts';
import { useFollowCurrent, useMeetingRemoved } from '../hooks/use-live.ts';
import { useAgenda, useMeeting } from '../hooks/use-meetings.ts';
import { AgendaList } from './agenda-list.tsx';
import { ItemTimer, NowOn } from './live.tsx';
import { MeetingStatusBadge, MeetingWhen } from './meeting-page.tsx';
import { MeetingUnavailable } from './meeting-unavailable.tsx';
import '../meetings.css';
import { ProjectorVotes } from '../../deciding/index.ts';
import '../load-strings.ts';

interface ProjectorPageProps {
  /** The socket to use instead of the default one (tests). */
  createSocket?: (token: string) => RealtimeSocket;
}

/**
 * `/c/:committeeId/meetings/:meetingId/projector`: the room's screen. Large type, no app
 * chrome; it always follows the current item. Everyone in the room reads it, so it is served
 * at a level the opener chooses — by default the lowest clearance of those in the room, which
 * the server works out — and never simply at the opener's own clearance.
 */
export function ProjectorPage({ createSocket }: ProjectorPageProps) {
  const { t } = useTranslation();
  const { committeeId = '', meetingId = '' } = useParams();
  const api = useApi();
  const me = useMe();
  const view = useQuery({
    queryKey: queryKeys.projectorView(meetingId),
    queryFn: () => meetingsApi.projectorView(api, meetingId),
    enabled: Boolean(meetingId),
    // Who is in the room changes: asked afresh each time the projector opens.
    staleTime: 0,
  });
  const [chosen, setChosen] = useState<Classification | null>(null);
  const level = chosen ?? view.data?.defaultViewLevel ?? null;
  const exit = <ExitLink committeeId={committeeId} meetingId={meetingId} />;

  if (!level) {
    return (
      <main className="projector" id="main">
        {isApiError(view.error, 404) ? (
          <p className="notice">{t('meetings.notFound')}</p>
        ) : view.isError ? (
          <RetryNotice message={t('meetings.meetingLoadFailed')} onRetry={() => void view.refetch()} />
        ) : (
          <p role="status">{t('app.loading')}</p>
        )}
        {exit}
      </main>
    );
  }

  const own = me.data?.clearance ?? level;
  const chooser = <ViewLevelChooser level={level} highest={own} defaultLevel={view.data?.defaultViewLevel ?? level} onChange={setChosen} />;
  // A new level is a new scope: its own API client, cache and socket, nothing carried over.
  return (
    <ViewLevelScope key={level} committeeId={committeeId} level={level} createSocket={createSocket}>
      <ProjectorScreen committeeId={committeeId} meetingId={meetingId} chooser={chooser} />
    </ViewLevelScope>
  );
}

/**
 * Everything under it is served at `level`: REST with the view-level header, its own query
 * cache (never the opener's, which holds what they alone may see) and its own socket, whose
 * rooms the server lowers to that level.
 */
function ViewLevelScope({
  committeeId,
  level,
  createSocket,
  children,
}: {
  committeeId: string;
  level: Classification;
  createSocket?: (token: string) => RealtimeSocket;
  children: ReactNode;
}) {
  const api = useApi();
  const token = useAuthToken();
  const [scope] = useState(() => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: false }, mutations: { retry: false } } });
    installCacheGuards(queryClient);
    return { queryClient, api: api.withHeaders({ [VIEW_LEVEL_HEADER]: level }) };
  });
  useEffect(() => () => scope.queryClient.clear(), [scope]);
  return (
    <ApiProvider client={scope.api}>
      <QueryClientProvider client={scope.queryClient}>
        {token && committeeId ? (
          <RealtimeProvider token={token} committeeIds={[committeeId]} viewLevel={level} createSocket={createSocket}>
            {children}
          </RealtimeProvider>
        ) : (
          children
        )}
      </QueryClientProvider>
    </ApiProvider>
  );
}

/** "Shown at: Open (lowest in the room)": any level from Open up to the opener's own clearance. */
function ViewLevelChooser({
  level,
  highest,
  defaultLevel,
  onChange,
}: {
  level: Classification;
  highest: Classification;
  defaultLevel: Classification;
  onChange: (level: Classification) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const levels = CLASSIFICATIONS.filter((candidate) => classificationLevel(candidate) <= classificationLevel(highest));
  return (
    <p className="projector__level">
      <label htmlFor={id}>{t('meetings.live.viewLevel')}</label>{' '}
      <select
        id={id}
        data-testid="projector-level"
        value={level}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.value as Classification)}
      >
        {levels.map((candidate) => (
          <option key={candidate} value={candidate}>
            {candidate === defaultLevel
              ? t('meetings.live.viewLevelDefault', { level: t(`classification.${candidate}`) })
              : t(`classification.${candidate}`)}
          </option>
        ))}
      </select>
      <span className="visually-hidden" id={`${id}-hint`}>
        {t('meetings.live.viewLevelHint')}
      </span>
    </p>
  );
}

function ExitLink({ committeeId, meetingId }: { committeeId: string; meetingId: string }) {
  const { t } = useTranslation();
  return (
    <Link className="projector__exit" to={`/c/${committeeId}/meetings/${meetingId}`}>
      {t('meetings.live.exitProjector')}
    </Link>
  );
}

function ProjectorScreen({ committeeId, meetingId, chooser }: { committeeId: string; meetingId: string; chooser: ReactNode }) {
  const { t } = useTranslation();
  const meeting = useMeeting(meetingId);
  const agenda = useAgenda(meetingId);
  const removed = useMeetingRemoved(meetingId);
  const data = meeting.data;
  useFollowCurrent(data?.status === 'in_progress' ? data.currentAgendaItemId : null, true);
  const exit = <ExitLink committeeId={committeeId} meetingId={meetingId} />;

  if (!data) {
    return (
      <main className="projector" id="main">
        <MeetingUnavailable meeting={meeting} removed={Boolean(removed)} />
        {chooser}
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
        {chooser}
      </header>
      <section className="projector__live" aria-label={t('meetings.live.heading')}>
        <NowOn meeting={data} items={agenda.data} className="projector__now" />
        {live && <ItemTimer meeting={data} items={agenda.data} className="projector__timer" />}
        {live && <ProjectorVotes meetingId={meetingId} agendaItemId={data.currentAgendaItemId} />}
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
