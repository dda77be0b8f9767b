import { BILATERAL_LEVELS, type BilateralLevel, type BilateralMeeting } from '@sidang/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { formatIsoDate } from '../../../lib/dates.ts';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import { useCommittee } from '../../committees/index.ts';
import { CountryTag, canEditRegisters, ExportButtons, RegisterTabs, StateView } from '../components/register-ui.tsx';
import { useBilateralMeetings } from '../hooks/use-registers.ts';

export interface BilateralFilters {
  country?: string;
  level?: BilateralLevel;
}

export function filterBilateral(items: readonly BilateralMeeting[], filters: BilateralFilters): BilateralMeeting[] {
  return items.filter((m) => (!filters.country || m.country === filters.country) && (!filters.level || m.level === filters.level));
}

/** Open commitments of a meeting, when the server counts them on the record. */
function openCommitmentsOf(meeting: BilateralMeeting): number | undefined {
  const count = (meeting as { openCommitments?: unknown }).openCommitments;
  return typeof count === 'number' ? count : undefined;
}

export function LevelBadge({ level }: { level: BilateralLevel }) {
  const { t } = useTranslation();
  return <span className={`badge badge--level badge--level-${level}`}>{t(`registers.bilateral.level_${level}`)}</span>;
}

/** `/c/:committeeId/registers/bilateral`: the register, filters in the URL. */
export function BilateralListPage() {
  const { t, i18n } = useTranslation();
  const { committeeId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const committee = useCommittee(committeeId);
  const list = useBilateralMeetings(committeeId);
  const level = search.get('level');
  const filters: BilateralFilters = {
    country: search.get('country')?.toUpperCase() || undefined,
    level: (BILATERAL_LEVELS as readonly string[]).includes(level ?? '') ? (level as BilateralLevel) : undefined,
  };
  const countries = useMemo(() => [...new Set((list.data ?? []).map((m) => m.country))].sort(), [list.data]);
  const items = list.data ? filterBilateral(list.data, filters) : undefined;
  const setFilter = (name: keyof BilateralFilters, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: true });
  };

  return (
    <div className="register-page">
      <RegisterTabs committeeId={committeeId} current="bilateral" />
      <div className="page-header">
        <h1 id="page-title">{t('registers.bilateral.title')}</h1>
        {canEditRegisters(committee.data?.role) && (
          <Link className="button button--primary" to={`/c/${committeeId}/registers/bilateral/new`} data-testid="new-bilateral">
            <span aria-hidden="true">+</span> {t('registers.bilateral.new')}
          </Link>
        )}
      </div>
      <div className="register-filters">
        <label className="field field--inline">
          <span>{t('registers.bilateral.country')}</span>
          <select name="country" value={filters.country ?? ''} onChange={(e) => setFilter('country', e.target.value)}>
            <option value="">{t('registers.all')}</option>
            {[...countries, ...(filters.country && !countries.includes(filters.country) ? [filters.country] : [])].map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--inline">
          <span>{t('registers.bilateral.level')}</span>
          <select name="level" value={filters.level ?? ''} onChange={(e) => setFilter('level', e.target.value)}>
            <option value="">{t('registers.all')}</option>
            {BILATERAL_LEVELS.map((value) => (
              <option key={value} value={value}>
                {t(`registers.bilateral.level_${value}`)}
              </option>
            ))}
          </select>
        </label>
        <ExportButtons committeeId={committeeId} list="bilateral-meetings" filters={{ country: filters.country, level: filters.level }} />
      </div>
      <StateView state={viewStateOf(list)} empty={items?.length === 0} onRetry={() => void list.refetch()}>
        <p className="list-count" aria-live="polite">
          {t('registers.count', { count: items?.length ?? 0 })}
        </p>
        <ul className="register-rows" aria-labelledby="page-title">
          {items?.map((meeting) => {
            const open = openCommitmentsOf(meeting);
            return (
              <li key={meeting.id} className="register-row" data-testid="bilateral-row" data-id={meeting.id}>
                <time className="register-row__date" dateTime={meeting.date}>
                  {formatIsoDate(meeting.date, i18n.language)}
                </time>
                <CountryTag code={meeting.country} committeeId={committeeId} />
                <Link
                  className="register-row__title"
                  to={`/c/${committeeId}/registers/bilateral/${meeting.id}`}
                  title={meeting.counterpart}
                >
                  {meeting.counterpart}
                </Link>
                <span className="register-row__meta">
                  <LevelBadge level={meeting.level} />
                  <ClassificationBadge level={meeting.classification} />
                  {open !== undefined && open > 0 && (
                    <span className="badge badge--count" data-testid="open-commitments">
                      {t('registers.bilateral.openCommitments', { count: open })}
                    </span>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      </StateView>
    </div>
  );
}
