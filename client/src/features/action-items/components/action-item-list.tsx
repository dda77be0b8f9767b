import type { ActionItem } from '@sidang/shared';
import { ACTION_ITEM_STATUSES, type ActionItemStatus } from '@sidang/shared/constants';
import { memo, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ViewState } from '../../../lib/offline/view-state.ts';
import { ClassificationBadge, DueDate, PriorityBadge, StatusBadge } from '../../../lib/ui/badges.tsx';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { NoAccessNotice } from '../../committees/index.ts';
import { ExportButtons } from '../../registers/index.ts';
import { activeFilterCount, type ListParams, SORT_KEYS, type SortKey } from '../hooks/list-params.ts';
import { agencyKey } from '../hooks/people.ts';
import '../action-items.css';

export interface ActionItemListProps {
  committeeId: string;
  /** Already filtered and sorted. */
  items: readonly ActionItem[] | undefined;
  state: ViewState;
  onRetry: () => void;
  params: ListParams;
  onParamsChange: (params: ListParams) => void;
  /** Owner agencies present in the committee's actions. */
  agencies: readonly string[];
  canCreate: boolean;
  /** ISO date of today in the committee's time zone. */
  today: string;
  /** The committee does not exist or the user is not in it: nothing to retry. */
  noAccess?: boolean;
}

const SORT_LABEL: Record<SortKey, string> = {
  due: 'actions.sortDue',
  priority: 'actions.sortPriority',
  status: 'actions.sortStatus',
  updated: 'actions.sortUpdated',
};

interface Chip {
  key: string;
  label: string;
  remove: () => void;
}

export function ActionItemList(props: ActionItemListProps) {
  const { t } = useTranslation();
  const { params, onParamsChange } = props;
  const ids = useId();
  const statuses = params.filters.status ?? [];
  const filterCount = activeFilterCount(params);
  // Collapsed to a one-line bar (active filters as chips) so the list starts near the top;
  // the full panel opens on demand.
  const [filtersOpen, setFiltersOpen] = useState(false);

  const setFilters = (patch: Partial<ListParams['filters']>) => onParamsChange({ ...params, filters: { ...params.filters, ...patch } });
  const toggleStatus = (status: ActionItemStatus, on: boolean) =>
    setFilters({ status: on ? [...statuses, status] : statuses.filter((s) => s !== status) });

  const chips: Chip[] = [
    ...statuses.map((status) => ({
      key: `status-${status}`,
      label: t('workspace.chipStatus', { status: t(`status.${status}`) }),
      remove: () => toggleStatus(status, false),
    })),
    ...(params.filters.owner === 'me'
      ? [{ key: 'owner', label: t('workspace.chipMine'), remove: () => setFilters({ owner: undefined }) }]
      : []),
    ...(params.filters.agency
      ? [
          {
            key: 'agency',
            label: t('workspace.chipAgency', { agency: params.filters.agency }),
            remove: () => setFilters({ agency: undefined }),
          },
        ]
      : []),
    ...(params.filters.overdue
      ? [{ key: 'overdue', label: t('workspace.chipOverdue'), remove: () => setFilters({ overdue: undefined }) }]
      : []),
    ...(params.dueThisWeek
      ? [{ key: 'due', label: t('workspace.chipDueWeek'), remove: () => onParamsChange({ ...params, dueThisWeek: false }) }]
      : []),
  ];

  return (
    <div className="action-list">
      <div className="page-header">
        <h1 id="page-title">{t('actions.title')}</h1>
        {props.canCreate && (
          <Link className="button button--primary" to={`/c/${props.committeeId}/actions/new`} data-testid="new-action-item">
            <span aria-hidden="true">+</span> {t('actions.new')}
          </Link>
        )}
      </div>

      <section className="filters" aria-labelledby={`${ids}-filters`}>
        <div className="filters__header">
          <h2 className="filters__heading">
            <button
              type="button"
              id={`${ids}-filters`}
              className="filters__toggle"
              aria-expanded={filtersOpen}
              aria-controls={`${ids}-filters-panel`}
              onClick={() => setFiltersOpen((open) => !open)}
              data-testid="filters-toggle"
            >
              <svg className="icon filters__chevron" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
                <path d="m4 6 4 4 4-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
              </svg>
              <span>{t('actions.filters')}</span>
              {filterCount > 0 && (
                <span className="filters__count" data-testid="filters-count">
                  {t('actions.filtersActive', { count: filterCount })}
                </span>
              )}
            </button>
          </h2>
          {chips.length > 0 && (
            <ul className="chips" aria-label={t('workspace.filterBar')} data-testid="filter-chips">
              {chips.map((chip) => (
                <li key={chip.key}>
                  <button
                    type="button"
                    className="chip"
                    onClick={chip.remove}
                    aria-label={t('workspace.removeFilter', { label: chip.label })}
                  >
                    <span>{chip.label}</span>
                    <span className="chip__x" aria-hidden="true">
                      ×
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="filters__tools">
            <ExportButtons
              committeeId={props.committeeId}
              list="action-items"
              filters={{
                status: statuses,
                owner: params.filters.owner,
                agency: params.filters.agency,
                overdue: params.filters.overdue ? 'true' : undefined,
              }}
            />
            {filterCount > 0 && (
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() => onParamsChange({ filters: {}, dueThisWeek: false, sort: params.sort })}
              >
                {t('actions.clearFilters')}
              </button>
            )}
            <label className="field field--inline filters__sort">
              <span>{t('actions.sort')}</span>
              <select name="sort" value={params.sort} onChange={(e) => onParamsChange({ ...params, sort: e.target.value as SortKey })}>
                {SORT_KEYS.map((key) => (
                  <option key={key} value={key}>
                    {t(SORT_LABEL[key])}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </div>
        <div className="filters__panel" id={`${ids}-filters-panel`} hidden={!filtersOpen}>
          <div className="filters__row">
            <FilterCheck
              name="owner"
              checked={params.filters.owner === 'me'}
              onChange={(on) => setFilters({ owner: on ? 'me' : undefined })}
            >
              {t('actions.mine')}
            </FilterCheck>
            <FilterCheck
              name="overdue"
              checked={params.filters.overdue === true}
              onChange={(on) => setFilters({ overdue: on || undefined })}
            >
              {t('actions.overdueOnly')}
            </FilterCheck>
            <FilterCheck name="due" checked={params.dueThisWeek} onChange={(on) => onParamsChange({ ...params, dueThisWeek: on })}>
              {t('actions.dueThisWeekOnly')}
            </FilterCheck>
          </div>
          <fieldset className="filters__statuses">
            <legend>{t('actions.statusFilter')}</legend>
            {ACTION_ITEM_STATUSES.map((status) => (
              <label key={status} className="check">
                <input
                  type="checkbox"
                  name="status"
                  value={status}
                  checked={statuses.includes(status)}
                  onChange={(e) => toggleStatus(status, e.target.checked)}
                />
                {t(`status.${status}`)}
              </label>
            ))}
          </fieldset>
          <div className="filters__row">
            <label className="field field--inline">
              <span>{t('actions.agency')}</span>
              <select
                name="agency"
                value={agencyOption(props.agencies, params.filters.agency)}
                onChange={(e) => setFilters({ agency: e.target.value || undefined })}
              >
                <option value="">{t('actions.allAgencies')}</option>
                {[
                  ...props.agencies,
                  ...(params.filters.agency && !agencyOption(props.agencies, params.filters.agency) ? [params.filters.agency] : []),
                ].map((agency) => (
                  <option key={agency} value={agency}>
                    {agency}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </div>
      </section>

      <ListBody {...props} />
    </div>
  );
}

/** The option standing for the filtered agency, whatever case the URL spells it in. */
function agencyOption(agencies: readonly string[], filtered: string | undefined): string {
  if (!filtered) return '';
  return agencies.find((agency) => agencyKey(agency) === agencyKey(filtered)) ?? '';
}

function ListBody({ items, state, onRetry, committeeId, today, noAccess }: ActionItemListProps) {
  const { t } = useTranslation();
  if (noAccess) return <NoAccessNotice />;
  if (state === 'pending') {
    return (
      <div className="skeleton-list" role="status" aria-busy="true">
        <span className="visually-hidden">{t('app.loading')}</span>
        {[0, 1, 2, 3].map((n) => (
          <div key={n} className="skeleton-row" />
        ))}
      </div>
    );
  }
  if (state === 'offline') {
    return (
      <div className="notice" role="status" data-testid="offline-not-cached">
        <p>{t('offline.notCached')}</p>
      </div>
    );
  }
  if (state === 'error') {
    return <RetryNotice message={t('actions.error')} onRetry={onRetry} />;
  }
  if (!items || items.length === 0) {
    return (
      <div className="empty-state" data-testid="action-items-empty">
        <p className="empty-state__title">{t('actions.empty')}</p>
        <p>{t('actions.emptyHint')}</p>
      </div>
    );
  }
  return (
    <>
      <p className="list-count" aria-live="polite">
        {t('actions.count', { count: items.length })}
      </p>
      <table className="action-table">
        <thead>
          <tr>
            <th scope="col">{t('actions.columnTitle')}</th>
            <th scope="col">{t('actions.columnStatus')}</th>
            <th scope="col">{t('actions.columnPriority')}</th>
            <th scope="col">{t('actions.columnDue')}</th>
            <th scope="col">{t('actions.columnAgencies')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <ActionRow key={item.id} item={item} committeeId={committeeId} today={today} />
          ))}
        </tbody>
      </table>
    </>
  );
}

/**
 * One line of the list. Memoised: a query answering elsewhere on the page (committee, members,
 * the unfiltered list) re-renders the list, not each of its unchanged rows.
 */
const ActionRow = memo(function ActionRow({ item, committeeId, today }: { item: ActionItem; committeeId: string; today: string }) {
  const { t } = useTranslation();
  return (
    <tr data-testid="action-item-row" data-id={item.id} className="action-row">
      <td className="action-row__title">
        {/* The marking sits with the title: it decides who may read the rest. */}
        <ClassificationBadge level={item.classification} />
        <Link to={`/c/${committeeId}/actions/${item.id}`} title={item.title}>
          {item.title}
        </Link>
      </td>
      <td className="action-row__status" data-label={t('actions.columnStatus')}>
        <StatusBadge status={item.status} />
      </td>
      <td className="action-row__priority" data-label={t('actions.columnPriority')}>
        <PriorityBadge priority={item.priority} />
      </td>
      <td className="action-row__due" data-label={t('actions.columnDue')}>
        <DueDate item={item} today={today} />
      </td>
      <td className="action-row__agencies" data-label={t('actions.columnAgencies')}>
        {item.ownerAgencies.length > 0 ? item.ownerAgencies.join(', ') : t('actions.none')}
      </td>
    </tr>
  );
});

/** One on/off filter of the panel: a checkbox and its words. */
function FilterCheck({
  name,
  checked,
  onChange,
  children,
}: {
  name: string;
  checked: boolean;
  onChange: (on: boolean) => void;
  children: ReactNode;
}) {
  return (
    <label className="check">
      <input type="checkbox" name={name} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {children}
    </label>
  );
}
