import { useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { todayInCommitteeZone } from '../../../lib/dates.ts';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { isNoAccess, useCommittee } from '../../committees/index.ts';
import {
  agenciesOf,
  filterActionItems,
  type ListParams,
  parseListParams,
  serverFilters,
  sortActionItems,
  toSearchParams,
} from '../hooks/list-params.ts';
import { canManageActionItems } from '../hooks/permissions.ts';
import { useActionItems } from '../hooks/use-action-items.ts';
import { ActionItemList } from './action-item-list.tsx';
import '../action-items.css';

/** `/c/:committeeId/actions`: the list, its filters kept in the URL. */
export function ActionItemsPage() {
  const { committeeId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseListParams(search), [search]);
  const committee = useCommittee(committeeId);
  const list = useActionItems(committeeId, serverFilters(params.filters));
  // The unfiltered list is live-patched and names every agency present, whatever is filtered.
  const all = useActionItems(committeeId, {});
  const today = todayInCommitteeZone();

  const items = useMemo(
    () => (list.data ? sortActionItems(filterActionItems(list.data, params, today), params.sort) : undefined),
    [list.data, params, today],
  );

  const onParamsChange = (next: ListParams) => setSearch(toSearchParams(next), { replace: true });

  return (
    <ActionItemList
      committeeId={committeeId}
      items={items}
      state={viewStateOf(list)}
      onRetry={() => void list.refetch()}
      params={params}
      onParamsChange={onParamsChange}
      agencies={agenciesOf(all.data ?? list.data ?? [])}
      canCreate={canManageActionItems(committee.data?.role)}
      today={today}
      noAccess={isNoAccess(committee.error, list.error)}
    />
  );
}
