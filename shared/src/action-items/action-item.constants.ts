// Zod-free: what a screen needs without the wire schemas (re-exported by action-item.schema.ts).

export const ACTION_ITEM_STATUSES = ['open', 'in_progress', 'blocked', 'done', 'cancelled'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

export const PRIORITIES = ['low', 'medium', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Statuses after which an item can no longer be overdue. */
export const CLOSED_STATUSES: readonly ActionItemStatus[] = ['done', 'cancelled'];

/** Fields of an action item that may carry a level above the item's own. */
export const ACTION_ITEM_LEVELLED_FIELDS = ['description'] as const;

/** Whether an item is overdue on `today` (an ISO date in the committee's time zone). */
export function isOverdue(item: { status: ActionItemStatus; dueDate: string | null }, today: string): boolean {
  return item.dueDate !== null && item.dueDate < today && !CLOSED_STATUSES.includes(item.status);
}
