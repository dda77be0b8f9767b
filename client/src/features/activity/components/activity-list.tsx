import type { ActivityEntry, FieldChange } from '@sidang/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatTimestamp } from '../../../lib/dates.ts';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { useActivity } from '../hooks/use-activity.ts';
import '../activity.css';

/** Values that have a label of their own in the UI (status, priority, classification). */
const LABELLED: Record<string, string> = { status: 'status', priority: 'priority', classification: 'classification' };

function valueText(t: TFunction, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const labelled = LABELLED[field];
  if (labelled && typeof value === 'string') return t(`${labelled}.${value}`);
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.join(', ');
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length === 0 ? '—' : entries.map(([key, level]) => `${key}: ${t(`classification.${String(level)}`)}`).join(', ');
  }
  const text = String(value);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

function ChangeLine({ change }: { change: FieldChange }) {
  const { t } = useTranslation();
  const field = t(`activity.fields.${change.field}`, { defaultValue: change.field });
  return (
    <li className="activity__change">
      <span className="activity__field">{field}</span> <span className="muted">{valueText(t, change.field, change.before)}</span>{' '}
      <span aria-hidden="true">→</span>
      <span className="visually-hidden">{t('activity.to')}</span> {valueText(t, change.field, change.after)}
    </li>
  );
}

function recordLink(committeeId: string, entry: ActivityEntry): string | null {
  return entry.entityType === 'action-item' && entry.verb !== 'deleted' ? `/c/${committeeId}/actions/${entry.entityId}` : null;
}

/** One line per change: when, who, what; the fields it moved underneath, before → after. */
export function ActivityList({ committeeId, entityId, compact }: { committeeId: string; entityId?: string; compact?: boolean }) {
  const { t, i18n } = useTranslation();
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
        {entries.map((entry) => {
          const link = compact ? null : recordLink(committeeId, entry);
          const what = t(`activity.verbs.${entry.entityType}.${entry.verb}`, {
            defaultValue: t(`activity.verbs.default.${entry.verb}`),
          });
          return (
            <li key={entry.seq} className="activity__entry">
              <div className="activity__line">
                <time className="activity__time muted" dateTime={entry.at}>
                  {formatTimestamp(entry.at, i18n.language)}
                </time>
                <span className="activity__actor">{entry.actorName || t('activity.someone')}</span>
                <span className="activity__what">{what}</span>
                {entry.title &&
                  (link ? (
                    <Link to={link} className="activity__title">
                      {entry.title}
                    </Link>
                  ) : (
                    <span className="activity__title">{entry.title}</span>
                  ))}
              </div>
              {entry.changes.length > 0 && (
                <ul className="activity__changes">
                  {entry.changes.map((change) => (
                    <ChangeLine key={change.field} change={change} />
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
      {activity.hasNextPage && (
        <button type="button" className="button" onClick={() => void activity.fetchNextPage()} disabled={activity.isFetchingNextPage}>
          {activity.isFetchingNextPage ? t('app.loading') : t('activity.more')}
        </button>
      )}
    </>
  );
}
