import type { ActivityEntry } from '@sidang/shared';
import { type DescribedField, describeChange, isEntityType } from '@sidang/shared/constants';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatTimestamp } from '../../../lib/dates.ts';
import { currentLocale } from '../../../lib/i18n/i18n.ts';
import { openPath } from '../../../lib/records/record-types.ts';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { useActivity } from '../hooks/use-activity.ts';
import '../activity.css';

function ChangeLine({ line }: { line: DescribedField }) {
  const { t } = useTranslation();
  if (line.withheld) return <li className="activity__change muted">{line.text}</li>;
  return (
    <li className="activity__change">
      <span className="activity__field">{line.label}:</span> <span className="muted">{line.before}</span> <span aria-hidden="true">→</span>
      <span className="visually-hidden">{t('activity.to')}</span> {line.after}
    </li>
  );
}

/** Where the changed record opens (`openPath`); none for a deleted record. */
function recordLink(committeeId: string, entry: ActivityEntry): string | undefined {
  if (entry.verb === 'deleted' || !isEntityType(entry.entityType)) return undefined;
  return openPath(entry.entityType, committeeId, entry.entityId, entry.ancestorIds);
}

function Entry({ committeeId, entry, compact }: { committeeId: string; entry: ActivityEntry; compact?: boolean }) {
  const { i18n } = useTranslation();
  // The one description every channel uses (shared/src/activity/describe.ts), in the UI language.
  const described = describeChange(entry, currentLocale());
  const link = compact ? undefined : recordLink(committeeId, entry);
  return (
    <li className="activity__entry">
      <div className="activity__line">
        <time className="activity__time muted" dateTime={entry.at}>
          {formatTimestamp(entry.at, i18n.language)}
        </time>
        <span className="activity__sentence">
          <span className="activity__actor">{described.actor}</span> {described.lead}
          {link ? (
            <Link to={link} className="activity__title">
              {described.record}
            </Link>
          ) : (
            <span className="activity__title">{described.record}</span>
          )}
          {described.tail}
        </span>
      </div>
      {described.changes.length > 0 && (
        <ul className="activity__changes">
          {described.changes.map((line) => (
            <ChangeLine key={`${line.field}-${line.label}`} line={line} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** One sentence per change: when, who did what to which record; the fields it moved underneath, before → after. */
export function ActivityList({ committeeId, entityId, compact }: { committeeId: string; entityId?: string; compact?: boolean }) {
  const { t } = useTranslation();
  const activity = useActivity(committeeId, entityId);

  if (activity.isPending) {
    return (
      <p className="muted" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (activity.isError) return <RetryNotice message={t('activity.loadFailed')} onRetry={() => void activity.refetch()} />;
  const entries = activity.data.pages.flatMap((page) => page.items);
  if (entries.length === 0) return <p className="muted">{t('activity.empty')}</p>;

  return (
    <>
      <ol className={compact ? 'activity activity--compact' : 'activity'}>
        {entries.map((entry) => (
          <Entry key={entry.seq} committeeId={committeeId} entry={entry} compact={compact} />
        ))}
      </ol>
      {activity.hasNextPage && (
        <button type="button" className="button" onClick={() => void activity.fetchNextPage()} disabled={activity.isFetchingNextPage}>
          {activity.isFetchingNextPage ? t('app.loading') : t('activity.more')}
        </button>
      )}
    </>
  );
}
