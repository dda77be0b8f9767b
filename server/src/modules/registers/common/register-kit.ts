import { Injectable } from '@nestjs/common';
import { type Classification, clearedLevels, type FieldClassifications, isCleared, projectFor } from '@sidang/shared';
import { type EntityManager, type EntityTarget, In } from 'typeorm';
import type { CommitteeAccess } from '../../../access/access.service.js';
import type { Actor } from '../../../access/actor.js';
import { editedFieldLevels, fieldLevelsWithin } from '../../../access/field-levels.js';
import type { ChangeTx } from '../../../changes/change-tx.js';
import { type RecordDefinition, RecordKit } from '../../../changes/record-kit.js';
import { AboveClearanceException, NotFoundError, NothingToChangeException } from '../../../common/errors.js';
import type { SoftDeletedRecordEntity } from '../../../database/versioned.entity.js';

/** The record that governs a child (a commitment's meeting, a round's negotiation). */
export interface Governor {
  id: string;
  classification: Classification;
}

/** How one register's records are read, shown and written; the kit does the rest. */
export interface RegisterDefinition<E extends SoftDeletedRecordEntity, W extends object> extends RecordDefinition<E, W> {
  /** The governing record of a child type, read with `manager`. */
  governor?: (entity: E, manager: EntityManager) => Promise<Governor | null>;
}

/** One write of a register record: its type, the transaction, the author's access, its governor. */
export interface RegisterWrite<E extends SoftDeletedRecordEntity, W extends object> {
  definition: RegisterDefinition<E, W>;
  tx: ChangeTx;
  access: CommitteeAccess;
  governor: Governor | null;
}

/**
 * The one way register records are read and written: visibility (own level, governing record,
 * committee membership) and field levels here; versioned writes through the record kit.
 */
@Injectable()
export class RegisterKit {
  constructor(private readonly records: RecordKit) {}

  /** The record and the caller's access; 404 for what does not exist or they may not see. */
  async visible<E extends SoftDeletedRecordEntity, W extends object>(
    definition: RegisterDefinition<E, W>,
    actor: Actor,
    id: string,
    manager: EntityManager,
  ): Promise<{ entity: E; access: CommitteeAccess; governor: Governor | null }> {
    const { entity, access } = await this.records.visible(definition, actor, id, manager);
    const governor = definition.governor ? await definition.governor(entity, manager) : null;
    if (definition.governor && (!governor || !access.canSee(governor.classification))) {
      throw new NotFoundError(definition.name);
    }
    return { entity, access, governor };
  }

  /** Levels a reader cleared to `clearance` may see, for `IN (:...levels)`. */
  levels(clearance: Classification): Classification[] {
    return clearedLevels(clearance);
  }

  assertClassifiable(access: CommitteeAccess, classification: Classification): void {
    if (!isCleared(access.clearance, classification)) throw new AboveClearanceException(access.clearance);
  }

  /**
   * Field levels as stored: each within the author's clearance; those not above the record's own
   * level say nothing and are dropped.
   */
  fieldLevels(access: CommitteeAccess, classification: Classification, levels: FieldClassifications): FieldClassifications {
    return fieldLevelsWithin(access.clearance, classification, levels, (field) => new AboveClearanceException(access.clearance, field));
  }

  /**
   * The field levels after an edit of the levels or of the record's own level, or undefined when
   * the edit touches neither (see `editedFieldLevels` in access/field-levels.ts).
   */
  editedFieldLevels(
    access: CommitteeAccess,
    stored: { classification: Classification; fieldClassifications: FieldClassifications },
    changes: { classification?: Classification; fieldClassifications?: FieldClassifications },
  ): FieldClassifications | undefined {
    if (!changes.fieldClassifications && !changes.classification) return undefined;
    return editedFieldLevels(access.clearance, stored, changes, (field) => new AboveClearanceException(access.clearance, field));
  }

  /** A field withheld from the editor can be neither read nor overwritten by them. */
  assertNoWithheldField(access: CommitteeAccess, wire: object, changes: Record<string, unknown>): void {
    const withheld = projectFor(wire as { fieldClassifications?: FieldClassifications }, access.clearance) as { redactedFields?: string[] };
    const levels = changes.fieldClassifications as FieldClassifications | undefined;
    const touched = (withheld.redactedFields ?? []).find((field) => field in changes || levels?.[field] !== undefined);
    if (touched) throw new AboveClearanceException(access.clearance, touched);
  }

  /** Creates a record through the pipeline and returns it as the author may see it. */
  async create<E extends SoftDeletedRecordEntity, W extends object>(write: RegisterWrite<E, W>, fields: Partial<E>): Promise<W> {
    const { definition, tx, access, governor } = write;
    return projectFor(await this.records.create(definition, tx, access, fields, { parent: governor }), access.clearance);
  }

  /**
   * Applies `patch` at `version` (compare-and-set: 409 with the current record when it moved
   * on) and records the change.
   */
  async update<E extends SoftDeletedRecordEntity, W extends object>(
    write: RegisterWrite<E, W>,
    entity: E,
    version: number,
    patch: Partial<E>,
  ): Promise<W> {
    if (Object.keys(patch).length === 0) throw new NothingToChangeException();
    const { definition, tx, access, governor } = write;
    return projectFor(await this.records.update(definition, tx, access, entity, version, patch, { parent: governor }), access.clearance);
  }

  /** Soft-deletes at `version` and records the change. */
  async remove<E extends SoftDeletedRecordEntity, W extends object>(write: RegisterWrite<E, W>, entity: E, version: number): Promise<void> {
    const { definition, tx, access, governor } = write;
    await this.records.remove(definition, tx, access, entity, version, { parent: governor });
  }

  /**
   * The governing record, locked for the rest of the transaction: a child's change that moves
   * the governor's derived counts (open commitments, slippage) reads them and records them in
   * the same transaction, in the same order as any other write of the governor.
   */
  async lockGovernor<E extends SoftDeletedRecordEntity, W extends object>(
    definition: RegisterDefinition<E, W>,
    tx: ChangeTx,
    id: string,
  ): Promise<{ entity: E; wire: W } | null> {
    const entity = (await tx.manager.findOne(definition.entity, {
      where: { id } as never,
      lock: { mode: 'pessimistic_write' },
    })) as E | null;
    return entity ? { entity, wire: await definition.toWire(entity, tx.manager) } : null;
  }

  /**
   * After a child's change: when the governor's wire shape moved (`changed`), its version is
   * bumped and `<governor>.updated` recorded in the same transaction, so every list and detail
   * on every channel (socket, catch-up, activity) carries the new counts.
   */
  async recordDerived<E extends SoftDeletedRecordEntity, W extends object>(
    definition: RegisterDefinition<E, W>,
    tx: ChangeTx,
    locked: { entity: E; wire: W } | null,
    changed: (before: W, after: W) => boolean,
  ): Promise<void> {
    if (!locked) return;
    const { entity, wire: before } = locked;
    if (!changed(before, await definition.toWire(entity, tx.manager))) return;
    await this.records.bump(definition, tx, entity, before);
  }

  /** Children of `parentIds` in `column` that a reader cleared to `clearance` may see. */
  childrenOf<E extends SoftDeletedRecordEntity>(
    manager: EntityManager,
    entity: EntityTarget<E>,
    column: string,
    parentIds: string[],
    clearance: Classification,
  ): Promise<E[]> {
    if (parentIds.length === 0) return Promise.resolve([]);
    return manager.find(entity, { where: { [column]: In(parentIds), classification: In(clearedLevels(clearance)) } as never }) as Promise<
      E[]
    >;
  }
}
