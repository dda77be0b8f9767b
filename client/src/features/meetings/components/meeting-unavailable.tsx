import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api/api-client.ts';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import type { useMeeting } from '../hooks/use-meetings.ts';
import '../load-strings.ts';

/**
 * What a meeting's screen shows while it has no meeting to draw: removed, not found, failed to
 * load (with Retry), not kept on this device, or still loading. `announceRemoval` says the
 * removal to screen readers as it happens (the meeting page; the projector has no reader).
 */
export function MeetingUnavailable({
  meeting,
  removed,
  announceRemoval = false,
}: {
  meeting: ReturnType<typeof useMeeting>;
  removed: boolean;
  announceRemoval?: boolean;
}) {
  const { t } = useTranslation();
  const state = viewStateOf(meeting);
  if (removed) {
    return (
      <p className="notice" role={announceRemoval ? 'status' : undefined}>
        {t('meetings.removed')}
      </p>
    );
  }
  if (state === 'error' && isApiError(meeting.error, 404)) return <p className="notice">{t('meetings.notFound')}</p>;
  if (state === 'error') return <RetryNotice message={t('meetings.meetingLoadFailed')} onRetry={() => void meeting.refetch()} />;
  if (state === 'offline') return <p className="notice">{t('offline.notCached')}</p>;
  return <p role="status">{t('app.loading')}</p>;
}
