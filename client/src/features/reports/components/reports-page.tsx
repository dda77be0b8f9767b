import type { ActionsByAgencyReport, AttendanceReport } from '@sidang/shared';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ApiClient } from '../../../lib/api/api-client.ts';
import { useApi } from '../../../lib/api/api-context.tsx';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { saveFile } from '../../../lib/save-file.ts';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import '../reports.css';

type ReportName = 'attendance' | 'actions-by-agency';
type AttendanceRow = AttendanceReport['rows'][number];

const path = (committeeId: string, report: ReportName) => `/api/committees/${encodeURIComponent(committeeId)}/reports/${report}`;

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

/** One column of a report's table: its heading, whether it holds figures, and its cell of a row. */
interface ReportColumn<Row> {
  label: ReactNode;
  numeric?: boolean;
  cell: (row: Row) => ReactNode;
  /** The cell's class when it is not the column's own (a figure drawn out, say). */
  className?: (row: Row) => string | undefined;
}

/**
 * A report's table: the first column names the row (a row heading), the others are its cells;
 * figures align right. Scrolls sideways on a narrow screen rather than squeezing the columns.
 */
function ReportTable<Row>({
  name,
  rows,
  rowKey,
  columns: [head, ...cells],
}: {
  /** Its heading's key under `reports.` and its test ids' stem. */
  name: 'attendance' | 'actions';
  rows: Row[];
  rowKey: (row: Row) => string;
  columns: [ReportColumn<Row>, ...ReportColumn<Row>[]];
}) {
  const { t } = useTranslation();
  const numeric = (column: ReportColumn<Row>) => (column.numeric ? 'report__num' : undefined);
  return (
    <div className="report__scroll">
      <table className="report__table" data-testid={`${name}-report`} aria-label={t(`reports.${name}`)}>
        <thead>
          <tr>
            {[head, ...cells].map((column, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for a table
              <th key={index} scope="col" className={numeric(column)}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} data-testid={`${name}-row`}>
              <th scope="row" className={head.className?.(row)}>
                {head.cell(row)}
              </th>
              {cells.map((column, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for a table
                <td key={index} className={column.className?.(row) ?? numeric(column)}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AttendanceTable({ report }: { report: AttendanceReport }) {
  const { t } = useTranslation();
  if (report.meetings === 0) return <p className="muted">{t('reports.noMeetings', { year: report.year })}</p>;
  const count = (label: string, cell: (row: AttendanceRow) => number): ReportColumn<AttendanceRow> => ({ label, numeric: true, cell });
  return (
    <ReportTable
      name="attendance"
      rows={report.rows}
      rowKey={(row) => row.userId}
      columns={[
        { label: t('reports.name'), cell: (row) => row.name, className: () => 'report__name' },
        { label: t('reports.agency'), cell: (row) => row.agency },
        count(t('reports.invited'), (row) => row.invited),
        count(t('reports.present'), (row) => row.present),
        count(t('reports.apologies'), (row) => row.apologies),
        count(t('reports.absent'), (row) => row.absent),
        {
          label: <abbr title={t('reports.rateLabel')}>{t('reports.rate')}</abbr>,
          numeric: true,
          cell: (row) => (row.rate === null ? '—' : `${row.rate}%`),
        },
      ]}
    />
  );
}

function ActionsTable({ report }: { report: ActionsByAgencyReport }) {
  const { t } = useTranslation();
  if (report.rows.length === 0) return <p className="muted">{t('reports.noActions')}</p>;
  return (
    <ReportTable
      name="actions"
      rows={report.rows}
      rowKey={(row) => row.agency}
      columns={[
        { label: t('reports.agency'), cell: (row) => row.agency || t('reports.noAgency') },
        { label: t('reports.open'), numeric: true, cell: (row) => row.open },
        {
          label: t('reports.overdue'),
          numeric: true,
          cell: (row) => row.overdue,
          className: (row) => (row.overdue > 0 ? 'report__num report__overdue' : 'report__num'),
        },
        { label: t('reports.done'), numeric: true, cell: (row) => row.done },
      ]}
    />
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
