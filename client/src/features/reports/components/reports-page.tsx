import type { ActionsByAgencyReport, AttendanceReport } from '@sidang/shared';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ApiClient } from '../../../lib/api/api-client.ts';
import { useApi } from '../../../lib/api/api-context.tsx';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import '../reports.css';

type ReportName = 'attendance' | 'actions-by-agency';

const path = (committeeId: string, report: ReportName) => `/api/committees/${encodeURIComponent(committeeId)}/reports/${report}`;

/** Saves a downloaded file under its name (a link click; the URL is released after). */
function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** The CSV and Excel files of one report, marked by the server like the table. */
function Downloads({
  api,
  committeeId,
  report,
  title,
  query,
}: {
  api: ApiClient;
  committeeId: string;
  report: ReportName;
  title: string;
  query: Record<string, string>;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(true);
    setFailed(false);
    try {
      const { blob, filename } = await api.getBlob(path(committeeId, report), { ...query, format });
      saveFile(blob, filename ?? `${report}.${format}`);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="report__downloads">
      {(['csv', 'xlsx'] as const).map((format) => (
        <button
          key={format}
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={() => void run(format)}
          aria-label={t('reports.download', { report: title, format: format === 'csv' ? 'CSV' : 'Excel' })}
          data-testid={`${report}-${format}`}
        >
          {t(format === 'csv' ? 'reports.downloadCsv' : 'reports.downloadXlsx')}
        </button>
      ))}
      {failed && (
        <span className="field__error" role="alert">
          {t('reports.downloadFailed')}
        </span>
      )}
    </div>
  );
}

function AttendanceTable({ report }: { report: AttendanceReport }) {
  const { t } = useTranslation();
  if (report.meetings === 0) return <p className="muted">{t('reports.noMeetings', { year: report.year })}</p>;
  return (
    <div className="report__scroll">
      <table className="report__table" data-testid="attendance-report" aria-label={t('reports.attendance')}>
        <thead>
          <tr>
            <th scope="col">{t('reports.name')}</th>
            <th scope="col">{t('reports.agency')}</th>
            <th scope="col" className="report__num">
              {t('reports.invited')}
            </th>
            <th scope="col" className="report__num">
              {t('reports.present')}
            </th>
            <th scope="col" className="report__num">
              {t('reports.apologies')}
            </th>
            <th scope="col" className="report__num">
              {t('reports.absent')}
            </th>
            <th scope="col" className="report__num">
              <abbr title={t('reports.rateLabel')}>{t('reports.rate')}</abbr>
            </th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row) => (
            <tr key={row.userId} data-testid="attendance-row">
              <th scope="row" className="report__name">
                {row.name}
              </th>
              <td>{row.agency}</td>
              <td className="report__num">{row.invited}</td>
              <td className="report__num">{row.present}</td>
              <td className="report__num">{row.apologies}</td>
              <td className="report__num">{row.absent}</td>
              <td className="report__num">{row.rate === null ? '—' : `${row.rate}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ActionsTable({ report }: { report: ActionsByAgencyReport }) {
  const { t } = useTranslation();
  if (report.rows.length === 0) return <p className="muted">{t('reports.noActions')}</p>;
  return (
    <div className="report__scroll">
      <table className="report__table" data-testid="actions-report" aria-label={t('reports.actions')}>
        <thead>
          <tr>
            <th scope="col">{t('reports.agency')}</th>
            <th scope="col" className="report__num">
              {t('reports.open')}
            </th>
            <th scope="col" className="report__num">
              {t('reports.overdue')}
            </th>
            <th scope="col" className="report__num">
              {t('reports.done')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row) => (
            <tr key={row.agency} data-testid="actions-row">
              <th scope="row">{row.agency || t('reports.noAgency')}</th>
              <td className="report__num">{row.open}</td>
              <td className={row.overdue > 0 ? 'report__num report__overdue' : 'report__num'}>{row.overdue}</td>
              <td className="report__num">{row.done}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * `/c/:committeeId/reports`: attendance per member over a year and action items per agency, as
 * the reader may see them, each marked with the highest level it counted, and downloadable.
 */
export function ReportsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const { committeeId = '' } = useParams();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const attendance = useQuery({
    queryKey: ['reports', 'attendance', committeeId, year],
    queryFn: () => api.get<AttendanceReport>(path(committeeId, 'attendance'), { year: String(year) }),
    enabled: Boolean(committeeId),
  });
  const actions = useQuery({
    queryKey: ['reports', 'actions-by-agency', committeeId],
    queryFn: () => api.get<ActionsByAgencyReport>(path(committeeId, 'actions-by-agency')),
    enabled: Boolean(committeeId),
  });
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 6 }, (_, n) => thisYear + 1 - n);
  return (
    <div className="page reports-page">
      <h1>{t('reports.title')}</h1>
      <section className="report" aria-labelledby={`${id}-attendance`}>
        <div className="report__head">
          <h2 id={`${id}-attendance`}>{t('reports.attendance')}</h2>
          {attendance.data && <ClassificationBadge level={attendance.data.classification} />}
          <Downloads
            api={api}
            committeeId={committeeId}
            report="attendance"
            title={t('reports.attendance')}
            query={{ year: String(year) }}
          />
        </div>
        <div className="reports-page__year">
          <label className="field" htmlFor={`${id}-year`}>
            <span className="field__label">{t('reports.year')}</span>
            <select id={`${id}-year`} value={year} onChange={(event) => setYear(Number(event.target.value))} data-testid="report-year">
              {years.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
          </label>
          {attendance.data && attendance.data.meetings > 0 && (
            <p className="muted" role="status">
              {t('reports.meetingsCounted', { count: attendance.data.meetings, year: attendance.data.year })}
            </p>
          )}
        </div>
        {viewStateOf(attendance) === 'pending' && <p role="status">{t('app.loading')}</p>}
        {viewStateOf(attendance) === 'error' && <RetryNotice message={t('reports.loadFailed')} onRetry={() => void attendance.refetch()} />}
        {attendance.data && <AttendanceTable report={attendance.data} />}
      </section>
      <section className="report" aria-labelledby={`${id}-actions`}>
        <div className="report__head">
          <h2 id={`${id}-actions`}>{t('reports.actions')}</h2>
          {actions.data && <ClassificationBadge level={actions.data.classification} />}
          <Downloads api={api} committeeId={committeeId} report="actions-by-agency" title={t('reports.actions')} query={{}} />
        </div>
        {viewStateOf(actions) === 'pending' && <p role="status">{t('app.loading')}</p>}
        {viewStateOf(actions) === 'error' && <RetryNotice message={t('reports.loadFailed')} onRetry={() => void actions.refetch()} />}
        {actions.data && <ActionsTable report={actions.data} />}
      </section>
    </div>
  );
}
