import { isOverdue } from '@sidang/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatIsoDate, formatTimestamp, todayInCommitteeZone } from '../../../lib/dates.ts';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { StatusBadge } from '../../../lib/ui/badges.tsx';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { useMembers } from '../../committees/index.ts';
import { useMattersArising } from '../hooks/use-meeting-panels.ts';
import '../meetings.css';
import '../load-strings.ts';

/** Open actions from earlier meetings, each with its status, owners, due date and latest update. */
export function MattersArising({ meetingId, committeeId }: { meetingId: string; committeeId: string }) {
  const { t, i18n } = useTranslation();
  const matters = useMattersArising(meetingId);
  const members = useMembers(committeeId);
  const state = viewStateOf(matters);
  const today = todayInCommitteeZone();
  const nameOf = (userId: string) => members.data?.find((member) => member.userId === userId)?.name;
  return (
    <section className="meeting-panel matters-arising" aria-labelledby="matters-heading" data-testid="matters-arising">
      <h2 id="matters-heading">{t('meetings.matters.heading')}</h2>
      {state === 'error' && <RetryNotice message={t('meetings.matters.loadFailed')} onRetry={() => void matters.refetch()} />}
      {state === 'offline' && <p className="notice">{t('offline.notCached')}</p>}
      {state === 'pending' && <p role="status">{t('app.loading')}</p>}
      {matters.data && matters.data.length === 0 && <p className="muted">{t('meetings.matters.empty')}</p>}
      {matters.data && matters.data.length > 0 && (
        <ul className="matters-arising__list">
          {matters.data.map(({ item, latestUpdate }) => {
            const overdue = isOverdue(item, today);
            const owners = [...item.ownerIds.map((id) => nameOf(id)).filter(Boolean), ...item.ownerAgencies].join(', ');
            return (
              <li key={item.id} className={`matters-arising__row${overdue ? ' matters-arising__row--overdue' : ''}`} data-testid="matter">
                <p className="matters-arising__title">
                  <Link to={`/c/${committeeId}/actions/${item.id}`}>{item.title}</Link> <StatusBadge status={item.status} />
                </p>
                <p className="muted matters-arising__meta">
                  {owners ? t('meetings.matters.owners', { owners }) : t('meetings.matters.noOwner')}
                  {' · '}
                  {item.dueDate ? (
                    <span className={overdue ? 'matters-arising__due--overdue' : undefined} data-testid={overdue ? 'overdue' : undefined}>
                      {t(overdue ? 'meetings.matters.overdue' : 'meetings.matters.due', {
                        date: formatIsoDate(item.dueDate, i18n.language),
                      })}
                    </span>
                  ) : (
                    t('meetings.matters.noDue')
                  )}
                </p>
                {latestUpdate ? (
                  <p className="matters-arising__update">
                    <span className="muted">
                      {t('meetings.matters.latest', {
                        name: latestUpdate.authorName,
                        when: formatTimestamp(latestUpdate.createdAt, i18n.language),
                      })}
                    </span>{' '}
                    {latestUpdate.body}
                  </p>
                ) : (
                  <p className="muted matters-arising__update">{t('meetings.matters.noUpdate')}</p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
