import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';

/**
 * A list of the administration screens: loading, failed (with retry), empty, or its table —
 * `children` gets the loaded rows.
 */
export function AdminList<T>({
  query,
  emptyText,
  children,
}: {
  query: { isPending: boolean; isError: boolean; data: T[] | undefined; refetch: () => unknown };
  emptyText: string;
  children: (rows: T[]) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <p className="muted" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (query.isError || !query.data) return <RetryNotice message={t('admin.errors.loadFailed')} onRetry={() => void query.refetch()} />;
  if (query.data.length === 0) {
    return (
      <div className="empty-state">
        <p className="empty-state__title">{emptyText}</p>
      </div>
    );
  }
  return <>{children(query.data)}</>;
}

/** A table of the administration screens: named for assistive technology, its columns by i18n key, a last column of actions. */
export function AdminTable({
  testId,
  caption,
  columns,
  children,
}: {
  testId: string;
  caption: string;
  columns: string[];
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <table className="admin-table" data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {t(column)}
            </th>
          ))}
          <th scope="col">
            <span className="visually-hidden">{t('admin.users.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
