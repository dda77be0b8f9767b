import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { RecordScopeEntity } from './record-scope.entity.js';

/**
 * The one ancestor rule, as SQL: the highest current level of a record and of every record that
 * governs it (its parent, the parent's parent, … as `record_scopes` links them), 0 for a record
 * the pipeline does not know. A SQL function of the `GoverningLevels` migration, so that the
 * relay, catch-up, activity, search, documents and links walk the same chain to the same depth;
 * the write locks that chain (`governing_chain`) in `ChangeTx`.
 */
export function governingLevelSql(idExpression: string): string {
  return `governing_level(${idExpression})`;
}

/**
 * The governing level of one record (its own current level and its ancestors', `governingLevelSql`),
 * read with `manager`: inside a write, its transaction's, so that a raise committed meanwhile counts.
 */
export async function governingLevelOf(manager: EntityManager, id: string): Promise<number> {
  const rows: Array<{ level: number | string | null }> = await manager.query(`SELECT ${governingLevelSql('$1::uuid')} AS level`, [id]);
  return Number(rows[0]?.level ?? 0);
}

/**
 * Who reads: their clearance level and whether they see drafts (the chair and the secretariat
 * of the record's committee). `drafts` is a SQL boolean expression where one query spans
 * committees with different roles (search: the reader's membership row).
 */
export interface ReaderScope {
  level: number;
  drafts: boolean | { sql: string };
  /**
   * Who reads, for the one rule that is a person's own (`paperWithheldSql`): a user id, or a SQL
   * expression where one query serves several people (notifications: each row's user); `null`
   * only where no one reads (a write's refusal: 404 or 409).
   */
  userId: string | { sql: string } | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The reader as SQL: a user id is checked to be one and written as a literal, so every query shape may use it. */
function readerSql(userId: string | { sql: string }): string {
  if (typeof userId !== 'string') return `(${userId.sql})`;
  if (!UUID.test(userId)) throw new Error('A reader is a user id');
  return `'${userId}'::uuid`;
}

/**
 * Whether a record is one of a subject's papers (a document on an agenda item or a resolution,
 * or a record it governs: its annotations, …) withheld from this reader: the committee's
 * settings withhold papers from those who stepped out (`recused_without_papers`) and the reader
 * stepped out of that subject. A SQL function of the `RecusedWithoutPapers` migration, on the
 * one ancestor walk; `readerLevelSql` applies it to every read.
 */
export function paperWithheldSql(idExpression: string, userId: string | { sql: string }): string {
  return `paper_withheld(${idExpression}, ${readerSql(userId)})`;
}

/** `paperWithheldSql` of one record and reader, read with `manager`. */
export async function paperWithheld(manager: EntityManager, id: string, userId: string): Promise<boolean> {
  const rows: Array<{ withheld: boolean }> = await manager.query(`SELECT ${paperWithheldSql('$1::uuid', userId)} AS withheld`, [id]);
  return rows[0]?.withheld === true;
}

/** Who the papers rule withholds a record from (`paper_withheld_from`): the live relay leaves their sockets out. */
export function paperWithheldFromSql(idExpression: string): string {
  return `paper_withheld_from(${idExpression})`;
}

/** The user ids of `paperWithheldFromSql` selected `::text[]`, as either driver returns them. */
export function usersOf(value: string[] | string | null): string[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, '');
  return inner === '' ? [] : inner.split(',');
}

function draftsSql(reader: ReaderScope): string {
  return typeof reader.drafts === 'boolean' ? String(reader.drafts) : `(${reader.drafts.sql})`;
}

/**
 * The level a reader needs to see a record now: its governing level (`governingLevelSql`), or
 * above every clearance when the record or a record governing it is a draft and the reader may
 * not see drafts. Every read compares this with the reader's clearance level.
 */
export function readerLevelSql(idExpression: string, reader: Pick<ReaderScope, 'drafts' | 'userId'>): string {
  const level =
    reader.drafts === true ? governingLevelSql(idExpression) : `reader_level(${idExpression}, ${draftsSql(reader as ReaderScope)})`;
  if (reader.userId === null) return level;
  // A paper withheld from this reader (they stepped out of its subject) is above everyone for them.
  return `(CASE WHEN ${paperWithheldSql(idExpression, reader.userId)} THEN 32767 ELSE ${level} END)`;
}

/** `readerLevelSql` of one record, read with `manager`. */
export async function readerLevelOf(manager: EntityManager, id: string, drafts: boolean, userId: string | null): Promise<number> {
  const rows: Array<{ level: number | string | null }> = await manager.query(
    `SELECT ${readerLevelSql('$1::uuid', { drafts, userId })} AS level`,
    [id],
  );
  return Number(rows[0]?.level ?? 0);
}

/** Whether a record or one governing it is a draft now (`governing_draft`, the one ancestor walk). */
export function governingDraftSql(idExpression: string): string {
  return `governing_draft(${idExpression})`;
}

/**
 * The one description of who may read a logged change, as SQL over `change_events e` (or any
 * alias `e` with `entity_id` and `level`). A reader cleared to `level` may read an event when it
 * was within their level when committed and the record and its governing records are still
 * within it now. With `includeHidden`, also the events that took a record they could see above
 * them (delivered as `hidden`). Catch-up, activity and search filter through it; the relay
 * applies the same rule to rooms (`currentLevelSql`). Drafts: a record in a draft chain, and
 * (`logged`: `e` is the change log) a change logged while it was, only for readers who see drafts. Joins `s` (the record's scope row, with
 * its current field levels) and `p` (its parent's) for callers that read them.
 */
export function whereReaderMaySee<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  reader: ReaderScope,
  { includeHidden, logged }: { includeHidden: boolean; logged: boolean },
): SelectQueryBuilder<T> {
  const { level } = reader;
  const visible = `e.level <= :level AND ${readerLevelSql('e.entity_id', reader)} <= :level`;
  const hidden = 'e.previous_level <= :level AND e.level > :level';
  // A change logged while its record was a draft stays with the chair and the secretariat.
  const draft = logged && reader.drafts !== true ? ` AND (${draftsSql(reader)} OR NOT e.draft)` : '';
  // A record in a draft chain is not even `hidden` to the others: they never saw it.
  const hiddenInDraft = reader.drafts === true ? '' : ` AND (${draftsSql(reader)} OR NOT ${governingDraftSql('e.entity_id')})`;
  return query
    .leftJoin(RecordScopeEntity, 's', 's.scope_id = e.entity_id')
    .leftJoin(RecordScopeEntity, 'p', 'p.scope_id = s.parent_id')
    .andWhere(includeHidden ? `((${visible}) OR (${hidden}${hiddenInDraft}))${draft}` : `(${visible})${draft}`, { level });
}

/**
 * Where a record stands now, from one walk of its governing chain (`governing_view`, migration
 * `GoverningView`): `level` as `governingLevelSql`, `draft` as `governingDraftSql`, `withheld_from`
 * as `paperWithheldFromSql`. Joined `CROSS JOIN LATERAL ${governingViewSql('e.entity_id')} g` by
 * the change log's readers, which need all three for every event.
 */
export function governingViewSql(idExpression: string): string {
  return `governing_view(${idExpression})`;
}

/**
 * `whereReaderMaySee` (`logged`, `includeHidden`) over the change log `e` with its record's
 * `governing_view` joined as `g`: the same rule, read from the one walk. `readerLevelSql` above
 * the reader's level is a paper withheld from them (`g.withheld_from`), a draft chain for a
 * reader who may not see drafts, or a governing level above theirs. `level` is the SQL of the
 * reader's level (a parameter).
 */
export function readerMaySeeLoggedSql(reader: ReaderScope, level: string): string {
  const drafts = draftsSql(reader);
  const withheld = reader.userId === null ? '' : ` AND NOT (${readerSql(reader.userId)} = ANY(g.withheld_from))`;
  const notDraftNow = reader.drafts === true ? '' : ` AND (${drafts} OR NOT g.draft)`;
  const visible = `e.level <= ${level} AND g.level <= ${level}${notDraftNow}${withheld}`;
  const hidden = `e.previous_level <= ${level} AND e.level > ${level}${notDraftNow}`;
  const draft = reader.drafts === true ? '' : ` AND (${drafts} OR NOT e.draft)`;
  return `((${visible}) OR (${hidden}))${draft}`;
}

/**
 * Who may see a logged event now: the higher of the level it was logged at and its record's
 * current governing level (an ancestor raised since). The relay sends an event only to the
 * clearances at or above it.
 */
export function currentLevelSql(alias = 'e'): string {
  return `GREATEST(${alias}.level, ${governingLevelSql(`${alias}.entity_id`)})`;
}

/**
 * The records that govern a record, nearest first (where it opens), from its scope row's
 * `parent_id` and its parent's (selected as `parent_id`, `grandparent_id` and, where a record
 * can sit three deep — a comment → its section → its minutes → their meeting —
 * `great_grandparent_id`). Activity, search and notifications read them the same way.
 */
export function ancestorIdsOf(row: {
  parent_id: string | null;
  grandparent_id: string | null;
  great_grandparent_id?: string | null;
}): string[] {
  return [row.parent_id, row.grandparent_id, row.great_grandparent_id ?? null].filter((id): id is string => id !== null);
}
