import { type Classification, classificationLevel, type EntityType } from '@sidang/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { AuditEntryEntity } from './audit-entry.entity.js';
import type { Committed } from './change-bus.js';
import { ChangeEventEntity } from './change-event.entity.js';

export type ChangeVerb = 'created' | 'updated' | 'deleted';

/** One change to one record, as a feature service describes it. */
export interface ChangeRecord {
  committeeId: string;
  entityType: EntityType;
  entityId: string;
  verb: ChangeVerb;
  /** The record's version after the change. */
  version: number;
  /** Classification of the governing record (`scopeId`) after the change. */
  classification: Classification;
  /** Its classification before, when this change moved it. */
  previousClassification?: Classification;
  /** The record whose classification governs who sees this change; defaults to the record itself. */
  scopeId?: string;
  /** Wire shapes, as mapped for a reader cleared for `classification`. */
  before: object | null;
  after: object | null;
}

/**
 * A transaction of the change pipeline. Feature services write their records through
 * `manager` and describe each change with `record`, which appends the event (next seq of the
 * committee) and the audit row in the same transaction.
 */
export class ChangeTx {
  private readonly latest = new Map<string, number>();

  constructor(
    readonly manager: EntityManager,
    readonly actor: Actor,
  ) {}

  async record(change: ChangeRecord): Promise<number> {
    const at = new Date();
    // The row lock taken here is held until commit: a committee's changes commit in seq order.
    const rows: Array<{ last_seq: string }> = await this.manager.query(
      `INSERT INTO committee_sequences (committee_id, last_seq) VALUES ($1, 1)
       ON CONFLICT (committee_id) DO UPDATE SET last_seq = committee_sequences.last_seq + 1
       RETURNING last_seq`,
      [change.committeeId],
    );
    const seq = Number(rows[0]?.last_seq);
    const scopeId = change.scopeId ?? change.entityId;
    const level = classificationLevel(change.classification);
    const previousLevel =
      change.previousClassification && change.previousClassification !== change.classification
        ? classificationLevel(change.previousClassification)
        : null;

    await this.manager.insert(ChangeEventEntity, {
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
      data: change.verb === 'deleted' || !change.after ? { id: change.entityId } : change.after,
      at,
    });
    await this.manager.insert(AuditEntryEntity, {
      committeeId: change.committeeId,
      seq,
      entityType: change.entityType,
      entityId: change.entityId,
      verb: change.verb,
      actorId: this.actor.id,
      before: change.before ?? null,
      after: change.after ?? null,
      at,
    });
    if (scopeId === change.entityId) {
      await this.manager.query(
        `INSERT INTO record_scopes (scope_id, committee_id, level) VALUES ($1, $2, $3)
         ON CONFLICT (scope_id) DO UPDATE SET level = EXCLUDED.level`,
        [scopeId, change.committeeId, level],
      );
    }
    this.latest.set(change.committeeId, seq);
    return seq;
  }

  /** What to announce once the transaction has committed. */
  committed(): Committed[] {
    return [...this.latest].map(([committeeId, seq]) => ({ committeeId, seq }));
  }
}
