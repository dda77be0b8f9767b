import { type Classification, classificationLevel, type FieldClassifications } from '@sidang/shared';
import type { EntityManager } from 'typeorm';
import { SEARCH_FIELDS, searchFieldsOf, searchRegistryFingerprint } from './search-fields.js';

/** One indexed field of one record, with the level a reader needs to match it. */
export interface SearchEntry {
  field: string;
  /** The record's own level, raised by the field's level in `fieldClassifications`. */
  level: number;
  isTitle: boolean;
  content: string;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value))
    return value
      .filter((part): part is string => typeof part === 'string')
      .join(' ')
      .trim();
  return '';
}

/** The index rows of a record (its full wire shape) as the registry describes them. */
export function searchEntriesOf(entityType: string, record: object, classification: Classification): SearchEntry[] {
  const fields = searchFieldsOf(entityType);
  if (!fields) return [];
  const values = record as Record<string, unknown>;
  const levels = (values.fieldClassifications ?? {}) as FieldClassifications;
  const own = classificationLevel(classification);
  const entries: SearchEntry[] = [];
  for (const [isTitle, names] of [
    [true, fields.title],
    [false, fields.text],
  ] as const) {
    for (const field of names) {
      const content = textOf(values[field]);
      if (content === '') continue;
      const fieldLevel = levels[field];
      entries.push({ field, isTitle, content, level: Math.max(own, fieldLevel ? classificationLevel(fieldLevel) : 0) });
    }
  }
  return entries;
}

/** What the pipeline tells the index about one change (a subset of ChangeRecord). */
export interface IndexedChange {
  committeeId: string;
  entityType: string;
  entityId: string;
  verb: string;
  classification: Classification;
  after: object | null;
}

/**
 * Keeps the index of one record in step with a change, inside the change's transaction: its
 * rows are replaced from `after`, or removed when it is deleted. Types the registry does not
 * list cost nothing.
 */
export async function indexChange(manager: EntityManager, change: IndexedChange): Promise<void> {
  if (!searchFieldsOf(change.entityType)) return;
  if (change.verb === 'deleted' || !change.after) {
    await manager.query('DELETE FROM search_entries WHERE entity_id = $1', [change.entityId]);
    return;
  }
  await replaceEntries(manager, [
    {
      entityId: change.entityId,
      committeeId: change.committeeId,
      entityType: change.entityType,
      entries: searchEntriesOf(change.entityType, change.after, change.classification),
    },
  ]);
}

interface IndexedRecord {
  entityId: string;
  committeeId: string;
  entityType: string;
  entries: SearchEntry[];
}

/** Upserts the rows of the records and drops their fields that are now empty, in one statement. */
async function replaceEntries(manager: EntityManager, records: IndexedRecord[]): Promise<void> {
  if (records.length === 0) return;
  const ids = records.map((record) => record.entityId);
  const rows = records.flatMap((record) => record.entries.map((entry, position) => ({ ...record, ...entry, position })));
  await manager.query(
    `WITH incoming AS (
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::varchar[], $5::smallint[], $6::boolean[], $7::smallint[], $8::text[])
         AS f(entity_id, field, committee_id, entity_type, level, is_title, position, content)
     ), gone AS (
       DELETE FROM search_entries s
       WHERE s.entity_id = ANY($9::uuid[])
         AND NOT EXISTS (SELECT 1 FROM incoming i WHERE i.entity_id = s.entity_id AND i.field = s.field)
     )
     INSERT INTO search_entries (entity_id, field, committee_id, entity_type, level, is_title, position, content, normalized, document)
     SELECT entity_id, field, committee_id, entity_type, level, is_title, position, content,
            sidang_search_normalize(content), sidang_search_document(content, CASE WHEN is_title THEN 'A' ELSE 'B' END::"char")
     FROM incoming
     ON CONFLICT (entity_id, field) DO UPDATE SET
       committee_id = EXCLUDED.committee_id, entity_type = EXCLUDED.entity_type, level = EXCLUDED.level,
       is_title = EXCLUDED.is_title, position = EXCLUDED.position, content = EXCLUDED.content,
       normalized = EXCLUDED.normalized, document = EXCLUDED.document`,
    [
      rows.map((row) => row.entityId),
      rows.map((row) => row.field),
      rows.map((row) => row.committeeId),
      rows.map((row) => row.entityType),
      rows.map((row) => row.level),
      rows.map((row) => row.isTitle),
      rows.map((row) => row.position),
      rows.map((row) => row.content),
      ids,
    ],
  );
}

const FINGERPRINT_KEY = 'search.registry';
/** Arbitrary constant: the advisory lock that lets one instance at a time re-index. */
const REINDEX_LOCK_KEY = 7_301_2026;
const BATCH = 500;

/**
 * Indexes what the pipeline logged before the index knew about it — records of a data folder
 * created before search existed, or of a type (or field) added to the registry since — from
 * each record's latest change. Runs when the registry's fingerprint differs from the one stored
 * after the last full pass, so a normal start costs one query. Writers wait meanwhile (table
 * lock): a change committed after the pass re-indexes its own record, so none is lost.
 * Returns the number of records indexed, or null when nothing was to do.
 */
export async function reindexIfStale(manager: EntityManager): Promise<number | null> {
  const fingerprint = searchRegistryFingerprint();
  const stored = async (m: EntityManager) =>
    ((await m.query('SELECT value FROM app_settings WHERE key = $1', [FINGERPRINT_KEY])) as Array<{ value: string }>)[0]?.value;
  if ((await stored(manager)) === fingerprint) return null;
  return manager.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [REINDEX_LOCK_KEY]);
    if ((await stored(tx)) === fingerprint) return null;
    await tx.query('LOCK TABLE search_entries IN SHARE ROW EXCLUSIVE MODE');
    await tx.query('DELETE FROM search_entries');
    const latest: Array<{ entity_id: string; committee_id: string; entity_type: string; verb: string; data: Record<string, unknown> }> =
      await tx.query(
        `SELECT DISTINCT ON (entity_id) entity_id, committee_id, entity_type, verb, data
         FROM change_events WHERE entity_type = ANY($1::varchar[]) ORDER BY entity_id, seq DESC`,
        [Object.keys(SEARCH_FIELDS)],
      );
    let indexed = 0;
    for (let start = 0; start < latest.length; start += BATCH) {
      const records: IndexedRecord[] = [];
      for (const row of latest.slice(start, start + BATCH)) {
        if (row.verb === 'deleted' || !searchFieldsOf(row.entity_type)) continue;
        const classification = row.data.classification as Classification | undefined;
        if (!classification) continue;
        records.push({
          entityId: row.entity_id,
          committeeId: row.committee_id,
          entityType: row.entity_type,
          entries: searchEntriesOf(row.entity_type, row.data, classification),
        });
      }
      await replaceEntries(tx, records);
      indexed += records.length;
    }
    await tx.query(`INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [
      FINGERPRINT_KEY,
      fingerprint,
    ]);
    return indexed;
  });
}
