import type { AgendaItem } from '@sidang/shared';
import { useTranslation } from 'react-i18next';
import type { LiveMeeting } from '../api/meetings-api.ts';
import { formatElapsed } from '../hooks/meeting-time.ts';
import { currentItemOf, nowOnText, useNow } from '../hooks/use-live.ts';
import '../meetings.css';
import '../load-strings.ts';

/** What a line of the live bar reads: the meeting, its agenda, and its class where it is shown. */
interface LiveLineProps {
  meeting: LiveMeeting;
  items: readonly AgendaItem[] | undefined;
  className?: string;
}

/**
 * "Now on item 3.2: Papers", said to screen readers as it changes (polite live region). The
 * region is always there, so the first current item of a meeting is announced too.
 */
export function NowOn({ meeting, items, className }: LiveLineProps) {
  const { t } = useTranslation();
  const current = currentItemOf(meeting, items);
  return (
    <p className={className ?? 'live__now'} aria-live="polite" aria-atomic="true" data-testid="live-now">
      {current
        ? nowOnText(t, current)
        : meeting.status !== 'in_progress'
          ? ''
          : // The server withheld the pointer: an item above this reader is current.
            meeting.currentItemRestricted
            ? t('meetings.live.restrictedCurrent')
            : t('meetings.live.noCurrent')}
    </p>
  );
}

/** Time on the current item, against its allocation: "04:05 of 10 min", marked when over. */
export function ItemTimer({ meeting, items, className }: LiveLineProps) {
  const { t } = useTranslation();
  const current = currentItemOf(meeting, items);
  const startedAt = current ? meeting.currentItemStartedAt : null;
  const now = useNow(Boolean(startedAt));
  if (!current || !startedAt) return null;
  const elapsedMs = now - Date.parse(startedAt);
  const allocated = current.item?.durationMinutes ?? null;
  const over = allocated !== null && elapsedMs > allocated * 60_000;
  const elapsed = formatElapsed(elapsedMs);
  return (
    <p
      className={`${className ?? 'live__timer'}${over ? ' live__timer--over' : ''}`}
      data-testid="item-timer"
      data-over={over ? 'true' : undefined}
    >
      <span className="visually-hidden">{t('meetings.live.timerLabel')}: </span>
      <span role="timer" aria-live="off">
        {allocated !== null
          ? t('meetings.live.elapsed', { elapsed, allocated: t('meetings.agenda.minutes', { count: allocated }) })
          : t('meetings.live.elapsedOnly', { elapsed })}
      </span>
      {over && <strong className="live__over"> {t('meetings.live.over')}</strong>}
    </p>
  );
}
