import type { CommitteeHome, HomeMeeting } from '@sidang/shared';
import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatTimestamp } from '../../../lib/dates.ts';
import { ClassificationBadge, CommentDeadline, DueDate, StatusBadge } from '../../../lib/ui/badges.tsx';

/** Rows a section keeps room for while loading, so that nothing moves when the data arrives. */
const SKELETON_ROWS = 2;

// The sentences of the changes (the shared words of every record type) load after the first screen.
// The answer to the next meeting's invitation loads after the first paint, with the meeting strings.
const RsvpControl = lazy(() => import('../../meetings/index.ts').then((m) => ({ default: m.RsvpControl })));
const SinceChanges = lazy(() => import('./since-changes.tsx').then((m) => ({ default: m.SinceChanges })));

/** Placeholder rows of a row's height: what arrives takes their place without moving the page. */
function SkeletonRows({ count }: { count: number }) {
  return (
    <ul className="home-rows" aria-hidden="true">
      {Array.from({ length: count }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <li key={index} className="home-row home-row--skeleton" />
      ))}
    </ul>
  );
}

/** One section of the home: a heading, its rows (or skeleton rows while loading) and an empty line. */
function Section({
  id,
  title,
  aside,
  loading,
  empty,
  children,
}: {
  id: string;
  title: string;
  aside?: ReactNode;
  loading: boolean;
  empty: string | null;
  children?: ReactNode;
}) {
  return (
    <section className="home-section" aria-labelledby={`home-${id}-title`} aria-busy={loading} data-testid={`home-section-${id}`}>
      <h2 id={`home-${id}-title`} className="home-section__title">
        {title}
        {aside && <span className="home-section__aside">{aside}</span>}
      </h2>
      {loading ? <SkeletonRows count={SKELETON_ROWS} /> : empty !== null ? <p className="home-empty">{empty}</p> : children}
    </section>
  );
}

function MeetingLine({ meeting, committeeId }: { meeting: HomeMeeting; committeeId: string }) {
  const { i18n } = useTranslation();
  return (
    <span className="home-row__main">
      <Link to={`/c/${committeeId}/meetings/${meeting.id}`} className="home-row__title">
        {meeting.number} · {meeting.title}
      </Link>
      <span className="home-row__meta">
        <time dateTime={meeting.startsAt}>{formatTimestamp(meeting.startsAt, i18n.language)}</time>
        {meeting.venue && <span> · {meeting.venue}</span>}
        {meeting.classification !== 'OPEN' && <ClassificationBadge level={meeting.classification} />}
      </span>
    </span>
  );
}

/** "For me": what needs the caller now in this committee, densest first-screen first. */
export function ForMeView({ committeeId, home, children }: { committeeId: string; home: CommitteeHome | undefined; children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const loading = home === undefined;
  const since = home?.sinceLastVisit;
  return (
    <div className="home-grid">
      {home?.inProgress && (
        <section className="home-live" aria-labelledby="home-live-title" data-testid="home-in-progress">
          <h2 id="home-live-title" className="home-section__title">
            <span className="home-live__dot" aria-hidden="true" /> {t('home.inProgress')}
          </h2>
          <div className="home-row">
            <MeetingLine meeting={home.inProgress} committeeId={committeeId} />
            <Link className="button home-live__join" to={`/c/${committeeId}/meetings/${home.inProgress.id}`} data-testid="home-join-live">
              {t('home.joinLive')}
            </Link>
          </div>
        </section>
      )}
      <Section
        id="actions"
        title={t('home.myActions')}
        aside={<Link to={`/c/${committeeId}/actions?owner=me`}>{t('home.allMyActions')}</Link>}
        loading={loading}
        empty={home && home.myActions.length === 0 ? t('home.myActionsEmpty') : null}
      >
        <ul className="home-rows">
          {home?.myActions.map((action) => (
            <li key={action.id} className="home-row" data-testid="home-action" data-overdue={action.overdue}>
              <Link to={`/c/${committeeId}/actions/${action.id}`} className="home-row__title">
                {action.title}
              </Link>
              <span className="home-row__meta">
                <DueDate item={action} today={home.today} /> <StatusBadge status={action.status} />
              </span>
            </li>
          ))}
        </ul>
      </Section>
      <Section
        id="next-meeting"
        title={t('home.nextMeeting')}
        loading={loading}
        empty={home && home.nextMeeting === null ? t('home.noNextMeeting') : null}
      >
        {home?.nextMeeting && (
          <ul className="home-rows">
            <li className="home-row" data-testid="home-next-meeting">
              <MeetingLine meeting={home.nextMeeting} committeeId={committeeId} />
            </li>
            <li className="home-row home-row--sub" data-testid="home-rsvp">
              <Suspense fallback={null}>
                <RsvpControl meetingId={home.nextMeeting.id} current={home.nextMeeting.rsvp} />
              </Suspense>
            </li>
            <li className="home-row home-row--sub">
              <span className="home-row__meta" data-testid="home-papers-summary">
                {home.nextMeeting.papers.length === 0
                  ? t('home.noPapers')
                  : home.nextMeeting.unreadPapers.length === 0
                    ? `${t('home.papers', { count: home.nextMeeting.papers.length })} · ${t('home.allPapersRead')}`
                    : `${t('home.papers', { count: home.nextMeeting.papers.length })} · ${t('home.unreadPapers', { count: home.nextMeeting.unreadPapers.length })}`}
              </span>
            </li>
            {home.nextMeeting.unreadPapers.map((paper) => (
              <li key={paper.id} className="home-row home-row--sub" data-testid="home-paper">
                <Link to={`/c/${committeeId}/meetings/${home.nextMeeting?.id}/papers/${paper.id}`} className="home-row__title">
                  {paper.number ? `${paper.number} · ${paper.title}` : paper.title}
                </Link>
                {paper.classification !== 'OPEN' && <ClassificationBadge level={paper.classification} />}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section
        id="minutes"
        title={t('home.minutesToReview')}
        loading={loading}
        empty={home && home.minutesToReview.length === 0 ? t('home.minutesEmpty') : null}
      >
        <ul className="home-rows">
          {home?.minutesToReview.map((minutes) => (
            <li key={minutes.id} className="home-row" data-testid="home-minutes">
              <Link to={`/c/${committeeId}/meetings/${minutes.meetingId}/minutes`} className="home-row__title">
                {minutes.meetingNumber} · {minutes.meetingTitle}
              </Link>
              {minutes.commentDeadline && (
                <span className="home-row__meta">
                  <CommentDeadline at={minutes.commentDeadline} />
                </span>
              )}
            </li>
          ))}
        </ul>
      </Section>
      <Section
        id="since"
        title={since?.since === null ? t('home.sinceFirstVisit') : t('home.sinceLastVisit')}
        aside={since?.since ? t('home.sinceAt', { date: formatTimestamp(since.since, i18n.language) }) : undefined}
        loading={loading}
        empty={since && since.changes.length === 0 ? t('home.sinceEmpty') : null}
      >
        <Suspense fallback={<SkeletonRows count={since?.changes.length ?? SKELETON_ROWS} />}>
          <SinceChanges changes={since?.changes ?? []} />
        </Suspense>
      </Section>
      {children}
    </div>
  );
}
