import { type Classification, classificationLevel, type EntityType, type FieldLevelled } from '@sidang/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { indexChangeCtes, parameters } from '../search/search-index.js';
import type { Committed } from './change-bus.js';
import { ChangeEventEntity } from './change-event.entity.js';
import { paperWithheldFromSql, usersOf } from './visibility.js';

/**
 * Record types whose changes have an audit row and no event: records of no committee (accounts,
 * committees), and a person's private note on a paper, which reaches no one else on any channel
 * (its audit row names no committee, so no committee's history shows it).
 */
export const AUDITED_TYPES = ['user', 'committee', 'private-annotation'] as const;
export type AuditedType = (typeof AUDITED_TYPES)[number];

/** Whether changes of `type` are audited only (`ChangeTx.recordAudit`), not logged as events. */
export function isAuditedType(type: string): type is AuditedType {
  return (AUDITED_TYPES as readonly string[]).includes(type);
}

/** Changes after which every instance reads sessions' accounts and memberships again. */
const ACCESS_TYPES: ReadonlySet<string> = new Set(['user', 'committee', 'member']);

export type ChangeVerb = 'created' | 'updated' | 'moved' | 'current-item-changed' | 'opened' | 'tallied' | 'closed' | 'deleted';

/** Takes the next seq of a committee, and its row lock until commit. */
const NEXT_SEQ = `INSERT INTO committee_sequences (committee_id, last_seq) VALUES ($1::uuid, 1)
         ON CONFLICT (committee_id) DO UPDATE SET last_seq = committee_sequences.last_seq + 1
         RETURNING last_seq`;

/**
 * One change to one record, as a feature service describes it. `W` is the record's shared wire
 * type (`ActionItem`, `Meeting`, …): `before` and `after` are typed by it.
 */
export interface ChangeRecord<W extends object = object> {
  committeeId: string;
  entityType: EntityType;
  entityId: string;
  verb: ChangeVerb;
  /** The record's version after the change. */
  version: number;
  /** The record's own classification after the change. */
  classification: Classification;
  /**
   * The record that governs this one (an agenda item's meeting, a progress update's action
   * item). Only its id: the pipeline reads the levels of it and of everything above it inside
   * the write's transaction. A reader sees the record only when cleared for all of them; when
   * an ancestor is raised, the record disappears with it on every channel.
   */
  parent?: { id: string };
  /**
   * A second governing record, for a record that may be seen only by those who may see both of
   * two others (a link: its ends). Its chain counts as the parent's does.
   */
  coParent?: { id: string };
  /**
   * The record is a draft of its own (a meeting not yet scheduled): it, what it governs and
   * every change logged meanwhile are seen by the chair and the secretariat only.
   */
  draft?: boolean;
  /**
   * Wire shapes in full (every field, with `fieldClassifications` where the record has field
   * levels). Each channel projects them for its reader with `projectFor`.
   */
  before: W | null;
  after: W | null;
  /**
   * Text the search index holds for the record beyond its wire shape (a document's extracted
   * text): indexed at the record's level, never logged in the event or audit row. Undefined
   * keeps what is indexed.
   */
  searchText?: string | null;
}

/**
 * A transaction of the change pipeline. Feature services write their records through
 * `manager` and describe each change with `record`, which appends the event (next seq of the
 * committee) and the audit row in the same transaction.
 */
export class ChangeTx {
  private readonly recorded = new Map<string, ChangeEventEntity[]>();
  private accessTouched = false;

  constructor(
    readonly manager: EntityManager,
    readonly actor: Actor,
  ) {}

  async record<W extends object>(change: ChangeRecord<W>): Promise<number> {
    if (ACCESS_TYPES.has(change.entityType)) this.accessTouched = true;
    const at = new Date();
    const parentId = change.parent?.id ?? null;
    const coParentId = change.coParent?.id ?? null;
    const scopeId = parentId ?? change.entityId;
    // Who may see this change: the higher of the record's own level and its ancestors' levels
    // as they stand now. The committee's sequence row is taken first: every write of the
    // committee holds it from its first change until commit, a raise of an ancestor included,
    // so no ancestor's level can change between this read and this commit — a concurrent raise
    // has committed (and is read here) or waits. Taking this one row before anything else keeps
    // one lock order for every writer (no deadlock against a raise).
    if (parentId || coParentId) await this.manager.query(NEXT_SEQ, [change.committeeId]);
    const parent = parentId || coParentId ? await this.governing(parentId, coParentId) : { level: 0, draft: false };
    const parentLevel = parent.level;
    const level = Math.max(classificationLevel(change.classification), parentLevel);
    const ownDraft = change.draft ?? false;
    const draft = ownDraft || parent.draft;
    const data = change.verb === 'deleted' || !change.after ? { id: change.entityId } : change.after;
    // A delete keeps the field levels the record last had; any other change sets them.
    const fieldLevels = change.after === null ? null : ((change.after as FieldLevelled).fieldClassifications ?? {});
    // One round trip (three with a parent): next seq, event, audit row, the record's current
    // own level, parent and field levels, and its search index rows (in the same transaction: a
    // raised or deleted record leaves the index at once). Its previous level is its stored scope
    // row's (the service's row lock on the record serialises changes of it). The row lock on
    // committee_sequences is held until commit: a committee's changes commit in seq order, so
    // the committed seqs are always a gap-free prefix.
    const next = parentId || coParentId ? 'SELECT last_seq FROM committee_sequences WHERE committee_id = $1::uuid' : NEXT_SEQ;
    const { values, param } = parameters([
      change.committeeId,
      change.entityType,
      change.verb,
      change.entityId,
      scopeId,
      change.version,
      this.actor.id,
      level,
      JSON.stringify(data),
      at.toISOString(),
      change.before === null ? null : JSON.stringify(change.before),
      change.after === null ? null : JSON.stringify(change.after),
      classificationLevel(change.classification),
      parentId,
      parentLevel,
      fieldLevels === null ? null : JSON.stringify(fieldLevels),
      coParentId,
      ownDraft,
      draft,
    ]);
    const search = indexChangeCtes(change, param) ?? [];
    const rows: Array<{ last_seq: string; previous_level: number | null }> = await this.manager.query(
      `WITH prev AS (
         SELECT NULLIF(GREATEST(level, $15::smallint), $8::smallint) AS level FROM record_scopes WHERE scope_id = $4::uuid
       ), next AS (
         ${next}
       ), event AS (
         INSERT INTO change_events (committee_id, seq, entity_type, verb, entity_id, scope_id, version, actor_id, level, previous_level, data, at, draft)
         SELECT $1::uuid, last_seq, $2::varchar, $3::varchar, $4::uuid, $5::uuid, $6::int, $7::uuid, $8::smallint, (SELECT level FROM prev), $9::jsonb, $10::timestamptz, $19::boolean FROM next
       ), audit AS (
         INSERT INTO audit_entries (committee_id, seq, entity_type, entity_id, verb, actor_id, before, after, at)
         SELECT $1::uuid, last_seq, $2::varchar, $4::uuid, $3::varchar, $7::uuid, $11::jsonb, $12::jsonb, $10::timestamptz FROM next
       ), scope AS (
         INSERT INTO record_scopes (scope_id, committee_id, level, parent_id, co_parent_id, field_levels, draft)
         VALUES ($4::uuid, $1::uuid, $13::smallint, $14::uuid, $17::uuid, $16::jsonb, $18::boolean)
         ON CONFLICT (scope_id) DO UPDATE SET level = EXCLUDED.level, parent_id = EXCLUDED.parent_id, co_parent_id = EXCLUDED.co_parent_id,
           field_levels = COALESCE(EXCLUDED.field_levels, record_scopes.field_levels), draft = EXCLUDED.draft
       )${search.map((cte) => `,\n       ${cte}`).join('')}
       SELECT last_seq, (SELECT level FROM prev) AS previous_level FROM next`,
      values,
    );
    const stored = rows[0]?.previous_level ?? null;
    const previousLevel = stored === null ? null : Number(stored);
    const seq = Number(rows[0]?.last_seq);
    // A paper (or what it governs) withheld from those who stepped out of its subject: never relayed to them.
    const withheldFrom = parentId || coParentId ? await this.withheldFrom(change.entityId) : [];
    const event = Object.assign(new ChangeEventEntity(), {
      committeeId: change.committeeId,
      seq,
      entityType: change.entityType,
      verb: change.verb,
      entityId: change.entityId,
      scopeId,
      version: change.version,
      actorId: this.actor.id,
      level,
      previousLevel,
      data,
      at,
      draft,
      withheldFrom,
    });
    const events = this.recorded.get(change.committeeId) ?? [];
    events.push(event);
    this.recorded.set(change.committeeId, events);
    return seq;
  }

  /**
   * The highest level along `id`'s governing chain (the one walk, `governing_level`), read after
   * this transaction took its committee's sequence row (see `record`).
   */
  private async governing(parentId: string | null, coParentId: string | null): Promise<{ level: number; draft: boolean }> {
    const rows: Array<{ level: number | string; draft: boolean | null }> = await this.manager.query(
      `SELECT GREATEST(governing_level($1::uuid), governing_level($2::uuid)) AS level,
              (COALESCE(governing_draft($1::uuid), false) OR COALESCE(governing_draft($2::uuid), false)) AS draft`,
      [parentId, coParentId],
    );
    return { level: Number(rows[0]?.level ?? 0), draft: rows[0]?.draft === true };
  }

  /** Whom the papers rule withholds the record from now (`paper_withheld_from`), in this transaction. */
  private async withheldFrom(id: string): Promise<string[]> {
    const rows: Array<{ users: string[] | string | null }> = await this.manager.query(
      `SELECT ${paperWithheldFromSql('$1::uuid')}::text[] AS users`,
      [id],
    );
    return usersOf(rows[0]?.users ?? null);
  }

  /**
   * The audit row of a change to a record that belongs to no committee (a user account). It
   * has no event of its own: the committees it affects record theirs (e.g. `member.updated`).
   */
  async recordAudit(change: {
    entityType: AuditedType;
    entityId: string;
    verb: ChangeVerb;
    before: object | null;
    after: object | null;
  }): Promise<void> {
    if (ACCESS_TYPES.has(change.entityType)) this.accessTouched = true;
    await this.manager.query(
      `INSERT INTO audit_entries (committee_id, seq, entity_type, entity_id, verb, actor_id, before, after, at)
       VALUES (NULL, NULL, $1, $2::uuid, $3, $4::uuid, $5::jsonb, $6::jsonb, now())`,
      [
        change.entityType,
        change.entityId,
        change.verb,
        this.actor.id,
        change.before === null ? null : JSON.stringify(change.before),
        change.after === null ? null : JSON.stringify(change.after),
      ],
    );
  }

  /**
   * Whether the transaction changed an account, a membership or a committee: what each instance
   * keeps of them for its sessions is then forgotten once it has committed.
   */
  get changedAccess(): boolean {
    return this.accessTouched;
  }

  /** What to announce once the transaction has committed. */
  committed(): Committed[] {
    return [...this.recorded].map(([committeeId, events]) => ({
      committeeId,
      seq: events.at(-1)?.seq ?? 0,
      events,
    }));
  }
}
