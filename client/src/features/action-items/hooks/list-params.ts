import type { ActionItem } from '@sidang/shared';
import { ACTION_ITEM_STATUSES, type ActionItemStatus, CLOSED_STATUSES, isOverdue, PRIORITIES } from '@sidang/shared/constants';
import { isDueWithinWeek } from '../../../lib/dates.ts';
import { type ActionItemListFilters, normalizeListFilters } from '../../../lib/query-keys.ts';
import { agencyKey } from './people.ts';

export const SORT_KEYS = ['due', 'priority', 'status', 'updated'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** Everything the list shows, as kept in the URL (`?status=open&status=blocked&owner=me&sort=due`). */
export interface ListParams {
  filters: ActionItemListFilters;
  /** Client-side only: due within the next seven days (from the home page). */
  dueThisWeek: boolean;
  sort: SortKey;
}

function isStatus(value: string): value is ActionItemStatus {
  return (ACTION_ITEM_STATUSES as readonly string[]).includes(value);
}

export function parseListParams(search: URLSearchParams): ListParams {
  const sort = search.get('sort');
  return {
    filters: normalizeListFilters({
      status: search.getAll('status').filter(isStatus),
      owner: search.get('owner') === 'me' ? 'me' : undefined,
      agency: search.get('agency')?.trim() || undefined,
      overdue: search.get('overdue') === 'true',
    }),
    dueThisWeek: search.get('due') === 'week',
    sort: (SORT_KEYS as readonly string[]).includes(sort ?? '') ? (sort as SortKey) : 'due',
  };
}

export function toSearchParams(params: ListParams): URLSearchParams {
  const search = new URLSearchParams();
  const filters = normalizeListFilters(params.filters);
  for (const status of filters.status ?? []) search.append('status', status);
  if (filters.owner) search.set('owner', filters.owner);
  if (filters.agency) search.set('agency', filters.agency);
  if (filters.overdue) search.set('overdue', 'true');
  if (params.dueThisWeek) search.set('due', 'week');
  if (params.sort !== 'due') search.set('sort', params.sort);
  return search;
}

const PRIORITY_RANK = Object.fromEntries(PRIORITIES.map((p, i) => [p, PRIORITIES.length - i]));
const STATUS_RANK = Object.fromEntries(ACTION_ITEM_STATUSES.map((s, i) => [s, i]));

/** ISO dates and timestamps order as plain strings (no collator: it is slow to set up on a phone). */
function compareIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byDue(a: ActionItem, b: ActionItem): number {
  if (a.dueDate === b.dueDate) return 0;
  if (a.dueDate === null) return 1;
  if (b.dueDate === null) return -1;
  return compareIso(a.dueDate, b.dueDate);
}

function closedLast(a: ActionItem, b: ActionItem): number {
  return Number(CLOSED_STATUSES.includes(a.status)) - Number(CLOSED_STATUSES.includes(b.status));
}

export function sortActionItems(items: readonly ActionItem[], sort: SortKey): ActionItem[] {
  const compare: Record<SortKey, (a: ActionItem, b: ActionItem) => number> = {
    // Work still to do comes first: done and cancelled items sink below it, whatever their date.
    due: (a, b) => closedLast(a, b) || byDue(a, b) || (PRIORITY_RANK[b.priority] ?? 0) - (PRIORITY_RANK[a.priority] ?? 0),
    priority: (a, b) => (PRIORITY_RANK[b.priority] ?? 0) - (PRIORITY_RANK[a.priority] ?? 0) || byDue(a, b),
    status: (a, b) => (STATUS_RANK[a.status] ?? 0) - (STATUS_RANK[b.status] ?? 0) || byDue(a, b),
    updated: (a, b) => compareIso(b.updatedAt, a.updatedAt),
  };
  return [...items].sort((a, b) => compare[sort](a, b) || a.title.localeCompare(b.title));
}

/**
 * Applies the filters locally too: the server already did for a fresh list, but a list patched
 * by realtime, or the client-only "due this week", needs it here.
 */
export function filterActionItems(items: readonly ActionItem[], params: ListParams, today: string): ActionItem[] {
  const { filters } = params;
  return items.filter((item) => {
    if (filters.status && !filters.status.includes(item.status)) return false;
    if (filters.agency) {
      const wanted = agencyKey(filters.agency);
      if (!item.ownerAgencies.some((agency) => agencyKey(agency) === wanted)) return false;
    }
    if (filters.overdue && !isOverdue(item, today)) return false;
    if (params.dueThisWeek && (CLOSED_STATUSES.includes(item.status) || !isDueWithinWeek(item.dueDate, today))) return false;
    return true;
  });
}

/** How many filters narrow the list (sorting is not a filter): shown on the collapsed filter toggle. */
export function activeFilterCount(params: ListParams): number {
  const filters = normalizeListFilters(params.filters);
  return (
    (filters.status?.length ?? 0) +
    (filters.owner ? 1 : 0) +
    (filters.agency ? 1 : 0) +
    (filters.overdue ? 1 : 0) +
    (params.dueThisWeek ? 1 : 0)
  );
}

/**
 * Distinct owner agencies present in a list, for the agency filter: spellings that differ only
 * in case or spaces are one agency, named by its spelling in capitals when there is one (a code),
 * else by the first spelling met. The items keep their names as typed.
 */
export function agenciesOf(items: readonly ActionItem[]): string[] {
  const byKey = new Map<string, string>();
  for (const agency of items.flatMap((item) => item.ownerAgencies)) {
    const key = agencyKey(agency);
    if (!key) continue;
    const name = agency.trim();
    if (!byKey.has(key) || name === key) byKey.set(key, name);
  }
  return [...byKey.values()].sort((a, b) => agencyKey(a).localeCompare(agencyKey(b)));
}

/**
 * What the server is asked for: everything but the agency, which it matches exactly; the agency
 * is applied here, where `jmg` and `JMG` are the same.
 */
export function serverFilters(filters: ActionItemListFilters): ActionItemListFilters {
  const { agency: _agency, ...rest } = filters;
  return rest;
}
