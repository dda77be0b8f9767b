import { type Classification, classificationLevel, type EntityType } from '@sidang/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { indexChange } from '../search/search-index.js';
import type { Committed } from './change-bus.js';
import { ChangeEventEntity } from './change-event.entity.js';

export type ChangeVerb = 'created' | 'updated' | 'moved' | 'current-item-changed' | 'deleted';

/** One change to one record, as a feature service describes it. */
export interface ChangeRecord {
  committeeId: string;
  entityType: EntityType;
  entityId: string;
  verb: ChangeVerb;
  /** The record's version after the change. */
  version: number;
  /** The record's own classification after the change. */
  classification: Classification;
  /** Its own classification before, when this change moved it. */
  previousClassification?: Classification;
  /**
   * The record that governs this one (an agenda item's meeting, a progress update's action
   * item), with its current classification. A reader sees the record only when cleared for
   * both levels; when the parent is raised, the record disappears with it on every channel.
   */
  parent?: { id: string; classification: Classification };
  /**
   * Wire shapes in full (every field, with `fieldClassifications` where the record has field
   * levels). Each channel projects them for its reader with `projectFor`.
   */
  before: object | null;
  after: object | null;
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

  constructor(
    readonly manager: EntityManager,
    readonly actor: Actor,
  ) {}

  async record(change: ChangeRecord): Promise<number> {
    const at = new Date();
    const scopeId = change.parent?.id ?? change.entityId;
    // Who may see this change: the higher of the record's own level and its parent's.
    const parentLevel = change.parent ? classificationLevel(change.parent.classification) : 0;
    const level = Math.max(classificationLevel(change.classification), parentLevel);
    const before = change.previousClassification ? Math.max(classificationLevel(change.previousClassification), parentLevel) : level;
    const previousLevel = before !== level ? before : null;
    const data = change.verb === 'deleted' || !change.after ? { id: change.entityId } : change.after;
    // One round trip: next seq, event, audit row and the record's current own level and parent.
    // The row lock on committee_sequences is held until commit: a committee's changes commit in
    // seq order, so the committed seqs are always a gap-free prefix.
    const rows: Array<{ last_seq: string }> = await this.manager.query(
      `WITH next AS (
         INSERT INTO committee_sequences (committee_id, last_seq) VALUES ($1::uuid, 1)
         ON CONFLICT (committee_id) DO UPDATE SET last_seq = committee_sequences.last_seq + 1
         RETURNING last_seq
       ), event AS (
         INSERT INTO change_events (committee_id, seq, entity_type, verb, entity_id, scope_id, version, actor_id, level, previous_level, data, at)
         SELECT $1::uuid, last_seq, $2::varchar, $3::varchar, $4::uuid, $5::uuid, $6::int, $7::uuid, $8::smallint, $9::smallint, $10::jsonb, $11::timestamptz FROM next
       ), audit AS (
         INSERT INTO audit_entries (committee_id, seq, entity_type, entity_id, verb, actor_id, before, after, at)
         SELECT $1::uuid, last_seq, $2::varchar, $4::uuid, $3::varchar, $7::uuid, $12::jsonb, $13::jsonb, $11::timestamptz FROM next
       ), scope AS (
         INSERT INTO record_scopes (scope_id, committee_id, level, parent_id)
         VALUES ($4::uuid, $1::uuid, $14::smallint, $15::uuid)
         ON CONFLICT (scope_id) DO UPDATE SET level = EXCLUDED.level, parent_id = EXCLUDED.parent_id
       )
       SELECT last_seq FROM next`,
      [
        change.committeeId,
        change.entityType,
        change.verb,
        change.entityId,
        scopeId,
        change.version,
        this.actor.id,
        level,
        previousLevel,
        JSON.stringify(data),
        at.toISOString(),
        change.before === null ? null : JSON.stringify(change.before),
        change.after === null ? null : JSON.stringify(change.after),
        classificationLevel(change.classification),
        change.parent?.id ?? null,
      ],
    );
    const seq = Number(rows[0]?.last_seq);
    // The search index changes in the same transaction: a raised or deleted record leaves it at once.
    await indexChange(this.manager, change);
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
    });
    const events = this.recorded.get(change.committeeId) ?? [];
    events.push(event);
    this.recorded.set(change.committeeId, events);
    return seq;
  }

  /**
   * The audit row of a change to a record that belongs to no committee (a user account). It
   * has no event of its own: the committees it affects record theirs (e.g. `member.updated`).
   */
  async recordAudit(change: {
    entityType: string;
    entityId: string;
    verb: ChangeVerb;
    before: object | null;
    after: object | null;
  }): Promise<void> {
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

  /** What to announce once the transaction has committed. */
  committed(): Committed[] {
    return [...this.recorded].map(([committeeId, events]) => ({
      committeeId,
      seq: events.at(-1)?.seq ?? 0,
      events,
    }));
  }
}
