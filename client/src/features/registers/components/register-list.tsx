import type { EntityRecords } from '@sidang/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { QueryValue } from '../../../lib/api/api-client.ts';
import { type ViewState, viewStateOf } from '../../../lib/offline/view-state.ts';
import { useCommittee } from '../../committees/index.ts';
import type { Register, RegisterType } from '../define-register.ts';
import { ExportButtons } from './export-buttons.tsx';
import { canEditRegisters, RegisterTabs, StateView } from './register-ui.tsx';

/** Filters kept in the URL: a value sets one, an empty value drops it. */
export function useUrlFilters() {
  const [search, setSearch] = useSearchParams();
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: true });
  };
  return { search, setFilter };
}

/** A value of the URL when it is one of `values`. */
export function pick<T extends string>(values: readonly T[], value: string | null | undefined): T | undefined {
  return (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
}

/** One filter of a register: a select whose empty value is "all". */
export function FilterSelect({
  name,
  label,
  value,
  onChange,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  onChange: (value: string) => void;
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  const { t } = useTranslation();
  return (
    <label className="field field--inline">
      <span>{label}</span>
      <select name={name} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('registers.all')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The title of a row: the link to the record's page. */
export function RowLink<E extends RegisterType, C extends object>({
  register,
  record,
  text,
}: {
  register: Register<E, C>;
  record: { id: string; committeeId: string };
  text: string;
}) {
  return (
    <Link className="register-row__title" to={register.pagePath(record.committeeId, record.id)} title={text}>
      {text}
    </Link>
  );
}

/**
 * `/c/:committeeId/registers/<key>`: the tabs, the title with "new" for those who may create, the
 * register's filters with the export of what is on screen, and one dense row per record.
 */
export function RegisterListPage<E extends RegisterType, C extends object>({
  register,
  committeeId,
  list,
  items,
  filters,
  exportFilters,
  row,
}: {
  register: Register<E, C>;
  committeeId: string;
  list: { fetchStatus: 'fetching' | 'paused' | 'idle'; isError: boolean; data: unknown; refetch: () => unknown };
  /** The records that pass the filters. */
  items: readonly EntityRecords[E][] | undefined;
  filters: ReactNode;
  exportFilters: Record<string, QueryValue>;
  /** What a row shows of a record. */
  row: (record: EntityRecords[E]) => ReactNode;
}) {
  const { t } = useTranslation();
  const committee = useCommittee(committeeId);
  const state: ViewState = viewStateOf(list);
  return (
    <div className="register-page">
      <RegisterTabs committeeId={committeeId} current={register.key} />
      <div className="page-header">
        <h1 id="page-title">{t(`registers.${register.key}.title`)}</h1>
        {canEditRegisters(committee.data?.role) && (
          <Link className="button button--primary" to={`${register.listPath(committeeId)}/new`} data-testid={`new-${register.testIdStem}`}>
            <span aria-hidden="true">+</span> {t(`registers.${register.key}.new`)}
          </Link>
        )}
      </div>
      <div className="register-filters">
        {filters}
        <ExportButtons committeeId={committeeId} list={register.path} filters={exportFilters} />
      </div>
      <StateView state={state} empty={items?.length === 0} onRetry={() => void list.refetch()}>
        <p className="list-count" aria-live="polite">
          {t('registers.count', { count: items?.length ?? 0 })}
        </p>
        <ul className="register-rows" aria-labelledby="page-title">
          {items?.map((record) => (
            <li key={record.id} className="register-row" data-testid={`${register.testIdStem}-row`} data-id={record.id}>
              {row(record)}
            </li>
          ))}
        </ul>
      </StateView>
    </div>
  );
}
