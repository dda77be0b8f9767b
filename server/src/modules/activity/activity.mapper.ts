import {
  type ActivityEntry,
  type Classification,
  classificationLevel,
  type FieldClassifications,
  governingName,
  idFieldsOf,
  linkTitle,
  movedFields,
  projectFor,
  recordTitle,
  titleFieldsOf,
} from '@sidang/shared';
import { ancestorIdsOf } from '../../changes/visibility.js';
import type { AuditRow, NamedRecordRow } from './activity.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The record's title by its type's rule in the descriptor (shared/src/records/record-types.ts). */
function titleOf(entityType: string, record: Record<string, unknown> | null): string | null {
  const title = record ? recordTitle(entityType, record) : null;
  return title === null ? null : title.slice(0, 200);
}

function levelsOf(levels: FieldClassifications | string | null): FieldClassifications | null {
  return typeof levels === 'string' ? (JSON.parse(levels) as FieldClassifications) : levels;
}

/**
 * The only place an audit row becomes an activity entry, for a reader cleared to `clearance`:
 * records are projected as on every other channel, each field at the higher of its level then
 * and now (a field since raised above the reader shows neither its old nor its new value), and
 * a `before` the reader was not cleared for when it was written (a record since lowered) is
 * not shown. Names of what it points at are added by `withNames`.
 */
export function toActivityEntry(row: AuditRow, clearance: Classification): ActivityEntry {
  const reader = classificationLevel(clearance);
  const current = levelsOf(row.field_levels);
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
    // The screen names the record in its language from these (a round's number), this title its fallback.
    titleFields: titleFieldsOf(row.entity_type, after ?? before),
    changes: row.verb !== 'created' && row.verb !== 'deleted' && before && after ? movedFields(before, after) : [],
    parentTitle: null,
    ancestorIds: ancestorIdsOf(row),
    names: {},
  };
}

/** The ids an entry's changed fields point at (users, records). */
function changedIds(entry: ActivityEntry): string[] {
  const fields = new Set(idFieldsOf(entry.entityType));
  const values = entry.changes.filter((change) => fields.has(change.field)).flatMap((change) => [change.before, change.after]);
  const ids = values.flatMap((value) => (Array.isArray(value) ? value : [value]));
  return ids.filter((id): id is string => typeof id === 'string' && UUID.test(id));
}

/** A link's ends, from its row: it is named by them. */
export function linkEnds(row: AuditRow): [string, string] | null {
  const record = row.entity_type === 'record-link' ? (row.after ?? row.before) : null;
  const from = record?.fromId;
  const to = record?.toId;
  return typeof from === 'string' && typeof to === 'string' ? [from, to] : null;
}

/** What `withNames` names: the ids an entry's changed fields point at, its governing record and a link's ends. */
export function idsToName(entry: ActivityEntry, ends: readonly string[] | null = null): string[] {
  const parent = entry.ancestorIds[0];
  return [...changedIds(entry), ...(parent ? [parent] : []), ...(ends ?? [])];
}

/** What the names are read from: the records the reader may see, projected for them, and the committee's members. */
export interface NameLookup {
  records: ReadonlyMap<string, NamedRecordRow>;
  members: ReadonlyMap<string, string>;
}

/**
 * The entry with the names of what it points at and of its governing record, as far as the
 * reader may see them; a link is titled by its ends when the reader may see both.
 */
export function withNames(
  entry: ActivityEntry,
  lookup: NameLookup,
  clearance: Classification,
  ends: readonly [string, string] | null = null,
): ActivityEntry {
  const nameOf = (id: string, governing: boolean): string | null => {
    const member = lookup.members.get(id);
    if (member !== undefined) return member;
    const row = lookup.records.get(id);
    if (!row) return null;
    const record = projectFor(row.after, clearance, levelsOf(row.field_levels));
    return governing ? governingName(row.entity_type, record) : titleOf(row.entity_type, record);
  };
  const names: Record<string, string> = {};
  const parent = entry.ancestorIds[0];
  for (const id of changedIds(entry)) {
    const name = nameOf(id, false);
    if (name) names[id] = name.slice(0, 200);
  }
  const parentTitle = parent ? nameOf(parent, true) : null;
  const [from, to] = ends ? [nameOf(ends[0], false), nameOf(ends[1], false)] : [null, null];
  return {
    ...entry,
    title: from && to ? linkTitle(from, to).slice(0, 200) : entry.title,
    names,
    parentTitle: parentTitle === null ? null : parentTitle.slice(0, 200),
  };
}
