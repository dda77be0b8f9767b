import { type ActionItem, createActionItemSchema, type UpdateActionItem } from '@sidang/shared';
import type { z } from 'zod';

/** Parsed, complete field values of an action item (what create sends, what edit diffs). */
export type ActionItemFields = z.output<typeof createActionItemSchema>;
export type ActionItemFieldName = keyof ActionItemFields;
export type ActionItemChanges = Omit<UpdateActionItem, 'version'>;

export const FIELD_NAMES: readonly ActionItemFieldName[] = [
  'title',
  'description',
  'status',
  'priority',
  'dueDate',
  'ownerIds',
  'ownerAgencies',
  'classification',
];

/** What the inputs hold: strings, so that half-typed input is never lost. */
export interface ActionItemFormState {
  title: string;
  description: string;
  status: ActionItemFields['status'];
  priority: ActionItemFields['priority'];
  dueDate: string;
  ownerIds: string[];
  ownerAgencies: string;
  classification: ActionItemFields['classification'];
}

export function formStateFrom(item?: Partial<ActionItem>): ActionItemFormState {
  return {
    title: item?.title ?? '',
    description: item?.description ?? '',
    status: item?.status ?? 'open',
    priority: item?.priority ?? 'medium',
    dueDate: item?.dueDate ?? '',
    ownerIds: item?.ownerIds ?? [],
    ownerAgencies: (item?.ownerAgencies ?? []).join(', '),
    classification: item?.classification ?? 'OPEN',
  };
}

export function splitAgencies(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,;\n]/)
        .map((part) => part.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
}

export type FieldErrors = Partial<Record<ActionItemFieldName | 'form', string>>;

/** Validates with the shared schema; field errors are keyed by the input's `name`. */
export function parseFormState(state: ActionItemFormState): { ok: true; values: ActionItemFields } | { ok: false; errors: FieldErrors } {
  const result = createActionItemSchema.safeParse({
    title: state.title,
    description: state.description,
    status: state.status,
    priority: state.priority,
    dueDate: state.dueDate === '' ? null : state.dueDate,
    ownerIds: state.ownerIds,
    ownerAgencies: splitAgencies(state.ownerAgencies),
    classification: state.classification,
  });
  if (result.success) return { ok: true, values: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form') as ActionItemFieldName | 'form';
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
  return a === b;
}

/** The fields in which `values` differ from `base`: what a PATCH must send. */
export function changedFields(base: ActionItem, values: ActionItemFields): ActionItemChanges {
  const changes: Record<string, unknown> = {};
  for (const field of FIELD_NAMES) {
    if (!sameValue(base[field], values[field])) changes[field] = values[field];
  }
  return changes as ActionItemChanges;
}

/** Fields whose stored value moved from `base` to `current` (someone else's edit). */
export function fieldsChangedBetween(base: ActionItem, current: ActionItem): ActionItemFieldName[] {
  return FIELD_NAMES.filter((field) => !sameValue(base[field], current[field]));
}
