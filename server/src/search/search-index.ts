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

/**
 * The index row of text a record gives beyond its wire shape (a document's extracted text):
 * indexed at the record's own level, never logged in the change event.
 */
export const SEARCH_TEXT_FIELD = 'searchText';
/** After the registry's fields in a snippet. */
const SEARCH_TEXT_POSITION = 1000;

function searchTextEntry(content: string | null | undefined, classification: Classification): SearchEntry[] {
  const text = content?.trim() ?? '';
  return text === '' ? [] : [{ field: SEARCH_TEXT_FIELD, isTitle: false, content: text, level: classificationLevel(classification) }];
}

/** What the pipeline tells the index about one change (a subset of ChangeRecord). */
export interface IndexedChange {
  committeeId: string;
  entityType: string;
  entityId: string;
  verb: string;
  classification: Classification;
  after: object | null;
  /**
   * Extra text to index (not logged): a string or null replaces it; undefined keeps the stored
   * text at the record's new level (a rename or reclassification does not re-read the file).
   */
  searchText?: string | null;
}

/**
 * Appends a statement's parameter and answers its placeholder (`$n`): lets the index's writes
 * join the statement of the change they follow (`ChangeTx.record`).
 */
export type Param = (value: unknown) => string;

/** A parameter list and its allocator, for a statement built from fragments. */
export function parameters(initial: unknown[] = []): { values: unknown[]; param: Param } {
  const values = [...initial];
  return {
    values,
    param: (value) => {
      values.push(value);
      return `$${values.length}`;
    },
  };
}

/**
 * Keeps the index of one record in step with a change, inside the change's transaction: its
 * rows are replaced from `after`, or removed when it is deleted. Types the registry does not
 * list cost nothing (no fragment). Answers the data-modifying CTEs that do it (`search_*`), to be
 * joined to the statement that records the change (one round trip for both), or null.
 */
export function indexChangeCtes(change: IndexedChange, param: Param): string[] | null {
  if (!searchFieldsOf(change.entityType)) return null;
  if (change.verb === 'deleted' || !change.after) {
    return [`search_removed AS (DELETE FROM search_entries WHERE entity_id = ${param(change.entityId)}::uuid)`];
  }
  const keepSearchText = change.searchText === undefined;
  return entriesCtes(
    [
      {
        entityId: change.entityId,
        committeeId: change.committeeId,
        entityType: change.entityType,
        entries: [
          ...searchEntriesOf(change.entityType, change.after, change.classification),
          ...(keepSearchText ? [] : searchTextEntry(change.searchText, change.classification)),
        ],
        // A kept extra text follows the record's own level (a rename or reclassification does not re-read the file).
        ...(keepSearchText ? { searchTextLevel: classificationLevel(change.classification) } : {}),
      },
    ],
    param,
  );
}

/** `indexChangeCtes` as a statement of its own. */
export async function indexChange(manager: EntityManager, change: IndexedChange): Promise<void> {
  const { values, param } = parameters();
  const ctes = indexChangeCtes(change, param);
  if (ctes) await manager.query(`WITH ${ctes.join(',\n')} SELECT 1`, values);
}

interface IndexedRecord {
  entityId: string;
  committeeId: string;
  entityType: string;
  entries: SearchEntry[];
  /** Set: the record's extra text row is kept as it is, at this level (its `entries` have none). */
  searchTextLevel?: number;
}

/**
 * Upserts the rows of the records and drops their fields that are now empty; a record with
 * `searchTextLevel` keeps its extra text row, moved to that level. CTEs named `search_*`.
 */
function entriesCtes(records: IndexedRecord[], param: Param): string[] {
  const rows = records.flatMap((record) =>
    record.entries.map((entry, position) => ({
      ...record,
      ...entry,
      position: entry.field === SEARCH_TEXT_FIELD ? SEARCH_TEXT_POSITION : position,
    })),
  );
  const kept = records.filter((record) => record.searchTextLevel !== undefined);
  const textField = param(SEARCH_TEXT_FIELD);
  const ctes = [
    `search_incoming AS (
       SELECT * FROM unnest(${param(rows.map((row) => row.entityId))}::uuid[], ${param(rows.map((row) => row.field))}::varchar[],
                            ${param(rows.map((row) => row.committeeId))}::uuid[], ${param(rows.map((row) => row.entityType))}::varchar[],
                            ${param(rows.map((row) => row.level))}::smallint[], ${param(rows.map((row) => row.isTitle))}::boolean[],
                            ${param(rows.map((row) => row.position))}::smallint[], ${param(rows.map((row) => row.content))}::text[])
         AS f(entity_id, field, committee_id, entity_type, level, is_title, position, content)
     )`,
    `search_gone AS (
       DELETE FROM search_entries s
       WHERE s.entity_id = ANY(${param(records.map((record) => record.entityId))}::uuid[])
         AND NOT EXISTS (SELECT 1 FROM search_incoming i WHERE i.entity_id = s.entity_id AND i.field = s.field)
         AND NOT (s.field = ${textField}::varchar AND s.entity_id = ANY(${param(kept.map((record) => record.entityId))}::uuid[]))
     )`,
    `search_upserted AS (
       INSERT INTO search_entries (entity_id, field, committee_id, entity_type, level, is_title, position, content, normalized, document)
       SELECT entity_id, field, committee_id, entity_type, level, is_title, position, content,
              sidang_search_normalize(content), sidang_search_document(content, CASE WHEN is_title THEN 'A' ELSE 'B' END::"char")
       FROM search_incoming
       ON CONFLICT (entity_id, field) DO UPDATE SET
         committee_id = EXCLUDED.committee_id, entity_type = EXCLUDED.entity_type, level = EXCLUDED.level,
         is_title = EXCLUDED.is_title, position = EXCLUDED.position, content = EXCLUDED.content,
         normalized = EXCLUDED.normalized, document = EXCLUDED.document
     )`,
  ];
  if (kept.length > 0) {
    // Only kept extra text rows, which no other part of the statement touches.
    ctes.push(`search_relevelled AS (
       UPDATE search_entries s SET level = k.level
       FROM unnest(${param(kept.map((record) => record.entityId))}::uuid[], ${param(kept.map((record) => record.searchTextLevel))}::smallint[]) AS k(entity_id, level)
       WHERE s.entity_id = k.entity_id AND s.field = ${textField}::varchar AND s.level <> k.level
     )`);
  }
  return ctes;
}

/** Upserts the rows of the records and drops their fields that are now empty, in one statement. */
async function replaceEntries(manager: EntityManager, records: IndexedRecord[]): Promise<void> {
  if (records.length === 0) return;
  const { values, param } = parameters();
  await manager.query(`WITH ${entriesCtes(records, param).join(',\n')} SELECT 1`, values);
}

/** Adds (or replaces) the extra text rows of records already indexed. */
async function addSearchText(manager: EntityManager, rows: Array<SearchEntry & Omit<IndexedRecord, 'entries'>>): Promise<void> {
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO search_entries (entity_id, field, committee_id, entity_type, level, is_title, position, content, normalized, document)
     SELECT entity_id, $2::varchar, committee_id, entity_type, level, false, $6::smallint, content,
            sidang_search_normalize(content), sidang_search_document(content, 'B'::"char")
     FROM unnest($1::uuid[], $3::uuid[], $4::varchar[], $5::smallint[], $7::text[]) AS f(entity_id, committee_id, entity_type, level, content)
     ON CONFLICT (entity_id, field) DO UPDATE SET level = EXCLUDED.level, content = EXCLUDED.content,
       normalized = EXCLUDED.normalized, document = EXCLUDED.document`,
    [
      rows.map((row) => row.entityId),
      SEARCH_TEXT_FIELD,
      rows.map((row) => row.committeeId),
      rows.map((row) => row.entityType),
      rows.map((row) => row.level),
      SEARCH_TEXT_POSITION,
      rows.map((row) => row.content),
    ],
  );
}

/**
 * Replaces the `text` row of a record already indexed (a minutes section's document text, which
 * changes without change events), at the level of its title row: one statement on the search
 * index only. Empty text removes the row. A record no longer indexed (deleted) stays out.
 */
export async function refreshDocText(manager: EntityManager, entityId: string, text: string): Promise<void> {
  const content = text.trim();
  if (content === '') {
    await manager.query(`DELETE FROM search_entries WHERE entity_id = $1 AND field = 'text'`, [entityId]);
    return;
  }
  await manager.query(
    `INSERT INTO search_entries (entity_id, field, committee_id, entity_type, level, is_title, position, content, normalized, document)
     SELECT t.entity_id, 'text', t.committee_id, t.entity_type, t.level, false, t.position + 1, $2::text,
            sidang_search_normalize($2::text), sidang_search_document($2::text, 'B'::"char")
     FROM search_entries t WHERE t.entity_id = $1 AND t.is_title ORDER BY t.position LIMIT 1
     ON CONFLICT (entity_id, field) DO UPDATE SET content = EXCLUDED.content, normalized = EXCLUDED.normalized,
       document = EXCLUDED.document`,
    [entityId, content],
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
    // Documents' extracted text is not in their change events: it is read from the documents table.
    const texts: Array<{ id: string; committee_id: string; classification: Classification; text: string }> = await tx.query(
      `SELECT d.id, d.committee_id, d.classification, d.text FROM documents d
       WHERE d.text IS NOT NULL AND EXISTS (SELECT 1 FROM search_entries e WHERE e.entity_id = d.id)`,
    );
    for (let start = 0; start < texts.length; start += BATCH) {
      await addSearchText(
        tx,
        texts.slice(start, start + BATCH).flatMap((row) =>
          searchTextEntry(row.text, row.classification).map((entry) => ({
            ...entry,
            entityId: row.id,
            committeeId: row.committee_id,
            entityType: 'document',
          })),
        ),
      );
    }
    await tx.query(`INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [
      FINGERPRINT_KEY,
      fingerprint,
    ]);
    return indexed;
  });
}
