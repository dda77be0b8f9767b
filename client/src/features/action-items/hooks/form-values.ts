import {
  type ActionItem,
  type Classification,
  classificationLevel,
  createActionItemSchema,
  isCleared,
  type UpdateActionItem,
} from '@sidang/shared';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import {
  fieldOfPath,
  fromServerIssue,
  fromZodIssue,
  type ServerIssue,
  translateValidation,
  type ValidationMessage,
} from '../../../lib/validation/validation-messages.ts';

/** Parsed, complete field values of an action item (what create sends, what edit diffs). */
/**
 * The origin (meeting, agenda item, minutes section) is set where an action is raised, not in this
 * form; the form always sends a classification (the server defaults one only when none is sent).
 */
export type ActionItemFields = Omit<
  z.output<typeof createActionItemSchema>,
  'meetingId' | 'agendaItemId' | 'minutesSectionId' | 'declassificationReason' | 'classification'
> & { classification: Classification };
export type ActionItemFieldName = keyof ActionItemFields;
/** Inputs of the form that are not fields of the item: the reason for declassification when raised below its origin. */
export type FormFieldName = ActionItemFieldName | 'declassificationReason';
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
  'fieldClassifications',
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
  /** The description's own level when above the item's; '' when it has none. */
  descriptionLevel: Classification | '';
  /** The description is classified above the user: it is neither shown nor sent. */
  descriptionWithheld: boolean;
  /** Why an action raised from a record is classified below it (sent only then). */
  declassificationReason: string;
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
    descriptionLevel: item?.fieldClassifications?.description ?? '',
    descriptionWithheld: item?.redactedFields?.includes('description') ?? false,
    declassificationReason: '',
  };
}

/**
 * Agencies as typed, comma separated: names keep their case ("Kerajaan Negeri Perak"), and a
 * repeat that differs only in case is dropped (the first spelling wins).
 */
export function splitAgencies(text: string): string[] {
  const seen = new Map<string, string>();
  for (const part of text.split(/[,;\n]/)) {
    const name = part.trim();
    if (name && !seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  }
  return [...seen.values()];
}

/** Per field (keyed by the input's `name`), what is wrong; `form` is a message for the whole form. */
export type FieldErrors = Partial<Record<FormFieldName, ValidationMessage>> & { form?: string };

function isFieldName(name: string): name is FormFieldName {
  return name === 'declassificationReason' || (FIELD_NAMES as readonly string[]).includes(name);
}

/**
 * Validates with the shared schema, and (when the user's clearance is given) refuses a
 * classification above it, as the server would; below `originLevel` (what an action raised from
 * a record inherits) a reason for declassification is required, and then returned.
 */
export function parseFormState(
  state: ActionItemFormState,
  options: { clearance?: Classification; originLevel?: Classification } = {},
): { ok: true; values: ActionItemFields; declassificationReason?: string } | { ok: false; errors: FieldErrors } {
  const { originLevel } = options;
  const belowOrigin = originLevel !== undefined && classificationLevel(state.classification) < classificationLevel(originLevel);
  const result = createActionItemSchema.safeParse({
    title: state.title,
    description: state.description,
    status: state.status,
    priority: state.priority,
    dueDate: state.dueDate === '' ? null : state.dueDate,
    ownerIds: state.ownerIds,
    ownerAgencies: splitAgencies(state.ownerAgencies),
    classification: state.classification,
    // A level not above the item's says nothing: the server drops it too.
    fieldClassifications:
      state.descriptionLevel && classificationLevel(state.descriptionLevel) > classificationLevel(state.classification)
        ? { description: state.descriptionLevel }
        : {},
    declassificationReason: belowOrigin ? state.declassificationReason : undefined,
  });
  const errors: FieldErrors = {};
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = fieldOfPath(issue.path);
      if (isFieldName(field)) errors[field] ??= fromZodIssue(issue);
      else errors.form ??= issue.message;
    }
  }
  const { clearance } = options;
  if (clearance && !errors.classification && !isCleared(clearance, state.classification)) {
    errors.classification = {
      rule: 'aboveClearance',
      params: { level: clearance },
      fallback: `must not be above your clearance (${clearance})`,
    };
  }
  if (belowOrigin && !errors.declassificationReason && !state.declassificationReason.trim()) {
    errors.declassificationReason = { rule: 'required', fallback: 'declassificationReason must not be empty' };
  }
  if (result.success && Object.keys(errors).length === 0) {
    const {
      meetingId: _meeting,
      agendaItemId: _item,
      minutesSectionId: _section,
      declassificationReason,
      classification = state.classification,
      ...values
    } = result.data;
    return declassificationReason
      ? { ok: true, values: { ...values, classification }, declassificationReason }
      : { ok: true, values: { ...values, classification } };
  }
  return { ok: false, errors };
}

/**
 * A server 400 as field errors: issues on a field of the form go next to it (translated when the
 * rule is known); issues on anything else (the body, the version) become the form message, in
 * the UI language by their codes; only an issue without a code the UI knows (an older server)
 * is shown as the server worded it.
 */
export function fieldErrorsFromServer(t: TFunction, issues: readonly ServerIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  const other: string[] = [];
  for (const issue of issues) {
    const field = fieldOfPath(issue.field ?? issue.path);
    const message = fromServerIssue(issue);
    if (isFieldName(field)) errors[field] ??= message;
    else other.push(message.rule ? translateValidation(t, message, field) : issue.path ? `${issue.path}: ${issue.message}` : issue.message);
  }
  if (other.length > 0) errors.form = [...new Set(other)].join('; ');
  return errors;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.every((key) => (a as Record<string, unknown>)[key] === (b as Record<string, unknown>)[key]);
  }
  return a === b;
}

/** Fields the user may neither read nor write on this item (classified above them). */
function withheldOf(base: ActionItem): ActionItemFieldName[] {
  return base.redactedFields?.includes('description') ? ['description', 'fieldClassifications'] : [];
}

/** The fields in which `values` differ from `base`: what a PATCH must send. */
export function changedFields(base: ActionItem, values: ActionItemFields): ActionItemChanges {
  const changes: Record<string, unknown> = {};
  const withheld = withheldOf(base);
  for (const field of FIELD_NAMES) {
    if (withheld.includes(field)) continue;
    if (!sameValue(base[field] ?? (field === 'fieldClassifications' ? {} : undefined), values[field])) changes[field] = values[field];
  }
  return changes as ActionItemChanges;
}

/** Fields whose stored value moved from `base` to `current` (someone else's edit). */
export function fieldsChangedBetween(base: ActionItem, current: ActionItem): ActionItemFieldName[] {
  return FIELD_NAMES.filter((field) => !sameValue(base[field], current[field]));
}
