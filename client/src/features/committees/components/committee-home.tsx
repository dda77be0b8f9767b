import type { ActionItem } from '@sidang/shared';
import { CLOSED_STATUSES, isOverdue } from '@sidang/shared/constants';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isDueWithinWeek, todayInCommitteeZone } from '../../../lib/dates.ts';
import { type ViewState, viewStateOf } from '../../../lib/offline/view-state.ts';
import { DueDate, StatusBadge } from '../../../lib/ui/badges.tsx';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { sortActionItems, useActionItems } from '../../action-items/index.ts';
import { useCommittee, useCommitteeName } from '../hooks/use-committees.ts';
import { isNoAccess, NoAccessNotice } from './no-access.tsx';
import '../committees.css';

export interface HomeCounts {
  open: number;
  overdue: ActionItem[];
  dueThisWeek: number;
}

/** Counts for the home page; "today" is the committee's (Kuala Lumpur) date. */
export function countActionItems(items: readonly ActionItem[], today: string): HomeCounts {
  const active = items.filter((item) => !CLOSED_STATUSES.includes(item.status));
  return {
    open: active.length,
    overdue: sortActionItems(
      active.filter((item) => isOverdue(item, today)),
      'due',
    ),
    dueThisWeek: active.filter((item) => isDueWithinWeek(item.dueDate, today)).length,
  };
}

const OPEN_QUERY = '?status=open&status=in_progress&status=blocked';

export interface CommitteeHomeViewProps {
  committeeId: string;
  title: string;
  items: readonly ActionItem[] | undefined;
  state: ViewState;
  onRetry: () => void;
  today: string;
  /** The committee does not exist or the user is not in it: nothing to retry. */
  noAccess?: boolean;
}

export function CommitteeHomeView({ committeeId, title, items, state, onRetry, today, noAccess }: CommitteeHomeViewProps) {
  const { t } = useTranslation();
  if (noAccess) {
    return (
      <div className="home">
        <h1 id="page-title">{t('app.committees')}</h1>
        <NoAccessNotice />
      </div>
    );
  }
  const base = `/c/${committeeId}/actions`;
  const counts = items ? countActionItems(items, today) : undefined;
  const tile = (label: string, value: number | undefined, to: string, tone: string, testId: string) => (
    <li className={`stat stat--${tone}`}>
      <Link to={to} className="stat__link" data-testid={testId}>
        <span className="stat__value">{value ?? '–'}</span>
        <span className="stat__label">{label}</span>
      </Link>
    </li>
  );
  return (
    <div className="home">
      <h1 id="page-title">{title}</h1>
      <p className="muted">{t('home.title')}</p>
      {state === 'error' && <RetryNotice message={t('actions.error')} onRetry={onRetry} />}
      {state === 'offline' && (
        <div className="notice" role="status" data-testid="offline-not-cached">
          <p>{t('offline.notCached')}</p>
        </div>
      )}
      <ul className="stats" aria-busy={state === 'pending'}>
        {tile(t('home.open'), counts?.open, `${base}${OPEN_QUERY}`, 'open', 'count-open')}
        {tile(t('home.overdue'), counts?.overdue.length, `${base}?overdue=true`, 'overdue', 'count-overdue')}
        {tile(t('home.dueThisWeek'), counts?.dueThisWeek, `${base}?due=week`, 'week', 'count-due-week')}
      </ul>
      <section aria-labelledby="overdue-title" className="panel">
        <h2 id="overdue-title">{t('home.overdueList')}</h2>
        {counts && counts.overdue.length === 0 && <p className="muted">{t('home.noOverdue')}</p>}
        {counts && counts.overdue.length > 0 && (
          <ul className="overdue-list">
            {counts.overdue.map((item) => (
              <li key={item.id} className="overdue-list__item" data-testid="overdue-item">
                <Link to={`${base}/${item.id}`}>{item.title}</Link>
                <span className="overdue-list__meta">
                  <DueDate item={item} today={today} /> <StatusBadge status={item.status} />
                  {item.ownerAgencies.length > 0 && <span className="muted"> {item.ownerAgencies.join(', ')}</span>}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to={base}>{t('home.viewAll')}</Link>
        </p>
      </section>
    </div>
  );
}

/** `/c/:committeeId`. */
export function CommitteeHomePage() {
  const { committeeId = '' } = useParams();
  const committee = useCommittee(committeeId);
  const list = useActionItems(committeeId, {});
  const name = useCommitteeName();
  return (
    <CommitteeHomeView
      committeeId={committeeId}
      title={committee.data ? name(committee.data) : ''}
      items={list.data}
      state={viewStateOf(list)}
      onRetry={() => void list.refetch()}
      today={todayInCommitteeZone()}
      noAccess={isNoAccess(committee.error, list.error)}
    />
  );
}
