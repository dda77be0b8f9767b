import { BILATERAL_LEVELS, type BilateralLevel, type BilateralMeeting } from '@sidang/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatIsoDate } from '../../../lib/dates.ts';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import { FilterSelect, pick, RegisterListPage, RowLink, useUrlFilters } from '../components/register-list.tsx';
import { CountryTag } from '../components/register-ui.tsx';
import { bilateral } from './bilateral-register.ts';

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
  const { search, setFilter } = useUrlFilters();
  const list = bilateral.useList(committeeId);
  const filters: BilateralFilters = {
    country: search.get('country')?.toUpperCase() || undefined,
    level: pick(BILATERAL_LEVELS, search.get('level')),
  };
  const countries = useMemo(() => [...new Set((list.data ?? []).map((m) => m.country))].sort(), [list.data]);
  const shown = [...countries, ...(filters.country && !countries.includes(filters.country) ? [filters.country] : [])];

  return (
    <RegisterListPage
      register={bilateral}
      committeeId={committeeId}
      list={list}
      items={list.data ? filterBilateral(list.data, filters) : undefined}
      exportFilters={{ country: filters.country, level: filters.level }}
      filters={
        <>
          <FilterSelect
            name="country"
            label={t('registers.bilateral.country')}
            value={filters.country}
            onChange={(value) => setFilter('country', value)}
            options={shown.map((code) => ({ value: code, label: code }))}
          />
          <FilterSelect
            name="level"
            label={t('registers.bilateral.level')}
            value={filters.level}
            onChange={(value) => setFilter('level', value)}
            options={BILATERAL_LEVELS.map((value) => ({ value, label: t(`registers.bilateral.level_${value}`) }))}
          />
        </>
      }
      row={(meeting) => {
        const open = openCommitmentsOf(meeting);
        return (
          <>
            <time className="register-row__date" dateTime={meeting.date}>
              {formatIsoDate(meeting.date, i18n.language)}
            </time>
            <CountryTag code={meeting.country} committeeId={committeeId} />
            <RowLink register={bilateral} record={meeting} text={meeting.counterpart} />
            <ClassificationBadge level={meeting.classification} />
            <span className="register-row__meta">
              <LevelBadge level={meeting.level} />
              {open !== undefined && open > 0 && (
                <span className="badge badge--count" data-testid="open-commitments">
                  {t('registers.bilateral.openCommitments', { count: open })}
                </span>
              )}
            </span>
          </>
        );
      }}
    />
  );
}
