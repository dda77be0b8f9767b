import {
  type ActivityEntry,
  type Classification,
  classificationLevel,
  type FieldChange,
  type FieldClassifications,
  projectFor,
  recordTitle,
} from '@sidang/shared';
import type { AuditRow } from './activity.repository.js';

/** Bookkeeping fields that every change moves: not worth a line in a history. */
const QUIET = new Set(['id', 'version', 'createdAt', 'updatedAt', 'committeeId', 'createdById', 'redactedFields']);

/** The record's title by its type's rule in the descriptor (shared/src/records/record-types.ts). */
function titleOf(entityType: string, record: Record<string, unknown> | null): string | null {
  const title = record ? recordTitle(entityType, record) : null;
  return title === null ? null : title.slice(0, 200);
}

/**
 * The only place an audit row becomes an activity entry, for a reader cleared to `clearance`:
 * records are projected as on every other channel, each field at the higher of its level then
 * and now (a field since raised above the reader shows neither its old nor its new value), and
 * a `before` the reader was not cleared for when it was written (a record since lowered) is
 * not shown.
 */
export function toActivityEntry(row: AuditRow, clearance: Classification): ActivityEntry {
  const reader = classificationLevel(clearance);
  const current = typeof row.field_levels === 'string' ? (JSON.parse(row.field_levels) as FieldClassifications) : row.field_levels;
  const after = row.after ? projectFor(row.after, clearance, current) : null;
  const beforeVisible = (row.previous_level ?? row.level) <= reader;
  const before = row.before && beforeVisible ? projectFor(row.before, clearance, current) : null;
  return {
    seq: Number(row.seq),
    at: new Date(row.at).toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name ?? '',
    entityType: row.entity_type,
    entityId: row.entity_id,
    verb: row.verb,
    title: titleOf(row.entity_type, after) ?? titleOf(row.entity_type, before),
    changes: row.verb === 'updated' && before && after ? diff(before, after) : [],
  };
}

function diff(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const hidden = new Set([...((before.redactedFields as string[]) ?? []), ...((after.redactedFields as string[]) ?? [])]);
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => !QUIET.has(field) && !hidden.has(field))
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}
