import type { HomeOverview } from '@sidang/shared';
import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ChartBar } from './overview-chart.tsx';

// recharts is loaded with this tab only: the first screen of the home does not carry it.
const OverviewChart = lazy(() => import('./overview-chart.tsx').then((m) => ({ default: m.OverviewChart })));

/**
 * One figure: a chart (for the eye) and, as its text alternative, a table of the same numbers,
 * each row a link to the filtered list behind it.
 */
function Figure({
  id,
  title,
  empty,
  bars,
  header,
  footer,
}: {
  id: string;
  title: string;
  empty: string;
  bars: ChartBar[];
  header: string;
  footer?: ReactNode;
}) {
  const { t } = useTranslation();
  const summary = t('home.chartSummary', { title, items: bars.map((bar) => `${bar.label} ${bar.value}`).join(', ') });
  return (
    <figure className="home-figure" aria-labelledby={`figure-${id}`} data-testid={`figure-${id}`}>
      <figcaption id={`figure-${id}`} className="home-section__title">
        {title}
      </figcaption>
      {bars.length === 0 ? (
        <p className="home-empty">{empty}</p>
      ) : (
        <>
          <div className="home-figure__chart" role="img" aria-label={summary}>
            <Suspense fallback={<p className="home-empty">{t('home.chartLoading')}</p>}>
              <OverviewChart bars={bars} />
            </Suspense>
          </div>
          <table className="home-figure__table">
            <thead>
              <tr>
                <th scope="col">{header}</th>
                <th scope="col" className="num">
                  {t('home.count')}
                </th>
              </tr>
            </thead>
            <tbody>
              {bars.map((bar) => (
                <tr key={bar.key}>
                  <th scope="row">
                    <Link to={bar.to}>{bar.label}</Link>
                  </th>
                  <td className="num">{bar.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {footer}
    </figure>
  );
}

/** The committee-wide view (chair and secretariat): the figures behind the committee's lists. */
export function CommitteeView({ committeeId, overview }: { committeeId: string; overview: HomeOverview }) {
  const { t } = useTranslation();
  const base = `/c/${committeeId}`;
  const agencies: ChartBar[] = overview.overdueByAgency.map((row) => ({
    key: row.agency,
    label: row.agency,
    value: row.count,
    to: `${base}/actions?overdue=true&agency=${encodeURIComponent(row.agency)}`,
  }));
  const negotiations: ChartBar[] = overview.negotiationsByStatus
    .filter((row) => row.count > 0)
    .map((row) => ({
      key: row.status,
      label: t(`home.negotiationStatus.${row.status}`),
      value: row.count,
      to: `${base}/registers/negotiations?status=${row.status}`,
    }));
  const slipping: ChartBar[] = overview.milestonesSlipping.map((row) => ({
    key: row.projectId,
    label: row.projectTitle,
    value: row.count,
    to: `${base}/registers/rnd/${row.projectId}`,
  }));
  const figures: Array<{ id: string; keys: [title: string, empty: string, header: string]; bars: ChartBar[]; footer?: ReactNode }> = [
    { id: 'overdue', keys: ['home.overdueByAgency', 'home.overdueByAgencyEmpty', 'home.agency'], bars: agencies },
    { id: 'negotiations', keys: ['home.negotiationsByStatus', 'home.negotiationsEmpty', 'home.status'], bars: negotiations },
    {
      id: 'slipping',
      keys: ['home.milestonesSlipping', 'home.milestonesEmpty', 'home.project'],
      bars: slipping,
      footer: slipping.length > 0 && (
        <p>
          <Link to={`${base}/registers/rnd?slipping=true`}>{t('home.allSlipping')}</Link>
        </p>
      ),
    },
  ];
  return (
    <div className="home-grid home-grid--figures">
      {figures.map(({ id, keys: [title, empty, header], bars, footer }) => (
        <Figure key={id} id={id} title={t(title)} empty={t(empty)} header={t(header)} bars={bars} footer={footer} />
      ))}
    </div>
  );
}
