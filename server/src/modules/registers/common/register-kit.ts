import { Injectable } from '@nestjs/common';
import { type Classification, clearedLevels, type EntityType, type FieldClassifications, isCleared, projectFor } from '@sidang/shared';
import { type EntityManager, type EntityTarget, In } from 'typeorm';
import { AccessService, type CommitteeAccess } from '../../../access/access.service.js';
import type { Actor } from '../../../access/actor.js';
import { editedFieldLevels, fieldLevelsWithin } from '../../../access/field-levels.js';
import type { ChangeTx } from '../../../changes/change-tx.js';
import { StaleVersionException } from '../../../common/errors.js';
import { AboveClearanceException, NothingToChangeException, RegisterRecordNotFoundException } from './register.errors.js';
import type { RegisterRecordEntity } from './register-record.entity.js';

/** The record that governs a child (a commitment's meeting, a round's negotiation). */
export interface Governor {
  id: string;
  classification: Classification;
}

/** How one register's records are read, shown and written; the kit does the rest. */
export interface RegisterDefinition<E extends RegisterRecordEntity, W extends object> {
  entityType: EntityType;
  entity: EntityTarget<E>;
  /** "Negotiation", for "Negotiation not found". */
  name: string;
  /** The full wire shape (every field; `projectFor` removes what a reader may not see). */
  toWire: (entity: E, manager: EntityManager) => Promise<W> | W;
  /** The governing record of a child type, read with `manager`. */
  governor?: (entity: E, manager: EntityManager) => Promise<Governor | null>;
}

/**
 * The one way register records are read and written: visibility (own level, governing record,
 * committee membership), field levels, optimistic versions and the change pipeline.
 */
@Injectable()
export class RegisterKit {
  constructor(private readonly access: AccessService) {}

  /** The record and the caller's access; 404 for what does not exist or they may not see. */
  async visible<E extends RegisterRecordEntity, W extends object>(
    definition: RegisterDefinition<E, W>,
    actor: Actor,
    id: string,
    manager: EntityManager,
  ): Promise<{ entity: E; access: CommitteeAccess; governor: Governor | null }> {
    const entity = (await manager.findOne(definition.entity, { where: { id } as never })) as E | null;
    const access = entity ? await this.access.forCommittee(actor, entity.committeeId) : null;
    if (!entity || !access || !access.canSee(entity.classification)) throw new RegisterRecordNotFoundException(definition.name);
    const governor = definition.governor ? await definition.governor(entity, manager) : null;
    if (definition.governor && (!governor || !access.canSee(governor.classification))) {
      throw new RegisterRecordNotFoundException(definition.name);
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
  async create<E extends RegisterRecordEntity, W extends object>(
    definition: RegisterDefinition<E, W>,
    tx: ChangeTx,
    access: CommitteeAccess,
    fields: Partial<E>,
    governor: Governor | null,
  ): Promise<W> {
    const entity = tx.manager.create(definition.entity, {
      ...fields,
      committeeId: access.committee.id,
      version: 1,
    } as never) as unknown as E;
    const saved = (await tx.manager.save(entity)) as E;
    const wire = await definition.toWire(saved, tx.manager);
    await tx.record({
      committeeId: saved.committeeId,
      entityType: definition.entityType,
      entityId: saved.id,
      verb: 'created',
      version: saved.version,
      classification: saved.classification,
      ...(governor ? { parent: { id: governor.id } } : {}),
      before: null,
      after: wire,
    });
    return projectFor(wire, access.clearance);
  }

  /**
   * Applies `patch` at `version` (compare-and-set: 409 with the current record when it moved
   * on) and records the change.
   */
  async update<E extends RegisterRecordEntity, W extends object>(
    definition: RegisterDefinition<E, W>,
    tx: ChangeTx,
    access: CommitteeAccess,
    entity: E,
    version: number,
    patch: Partial<E>,
    governor: Governor | null,
  ): Promise<W> {
    if (Object.keys(patch).length === 0) throw new NothingToChangeException();
    const before = await definition.toWire(entity, tx.manager);
    const full = { ...patch, version: version + 1, updatedAt: new Date() } as Partial<E>;
    if (entity.version !== version || !(await this.updateAtVersion(definition, tx.manager, entity.id, version, full))) {
      throw await this.refusal(definition, tx.manager, entity.id, version, access);
    }
    const after = await definition.toWire(Object.assign(entity, full), tx.manager);
    await tx.record({
      committeeId: entity.committeeId,
      entityType: definition.entityType,
      entityId: entity.id,
      verb: 'updated',
      version: entity.version,
      classification: entity.classification,
      ...(governor ? { parent: { id: governor.id } } : {}),
      before,
      after,
    });
    return projectFor(after, access.clearance);
  }

  /** Soft-deletes at `version` and records the change. */
  async remove<E extends RegisterRecordEntity, W extends object>(
    definition: RegisterDefinition<E, W>,
    tx: ChangeTx,
    access: CommitteeAccess,
    entity: E,
    version: number,
    governor: Governor | null,
  ): Promise<void> {
    const before = await definition.toWire(entity, tx.manager);
    const patch = { version: version + 1, deletedAt: new Date() } as Partial<E>;
    if (entity.version !== version || !(await this.updateAtVersion(definition, tx.manager, entity.id, version, patch))) {
      throw await this.refusal(definition, tx.manager, entity.id, version, access);
    }
    await tx.record({
      committeeId: entity.committeeId,
      entityType: definition.entityType,
      entityId: entity.id,
      verb: 'deleted',
      version: version + 1,
      classification: entity.classification,
      ...(governor ? { parent: { id: governor.id } } : {}),
      before,
      after: null,
    });
  }

  /**
   * The governing record, locked for the rest of the transaction: a child's change that moves
   * the governor's derived counts (open commitments, slippage) reads them and records them in
   * the same transaction, in the same order as any other write of the governor.
   */
  async lockGovernor<E extends RegisterRecordEntity, W extends object>(
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
  async recordDerived<E extends RegisterRecordEntity, W extends object>(
    definition: RegisterDefinition<E, W>,
    tx: ChangeTx,
    locked: { entity: E; wire: W } | null,
    changed: (before: W, after: W) => boolean,
  ): Promise<void> {
    if (!locked) return;
    const { entity, wire: before } = locked;
    if (!changed(before, await definition.toWire(entity, tx.manager))) return;
    const full = { version: entity.version + 1, updatedAt: new Date() } as Partial<E>;
    if (!(await this.updateAtVersion(definition, tx.manager, entity.id, entity.version, full))) return;
    const after = await definition.toWire(Object.assign(entity, full), tx.manager);
    await tx.record({
      committeeId: entity.committeeId,
      entityType: definition.entityType,
      entityId: entity.id,
      verb: 'updated',
      version: entity.version,
      classification: entity.classification,
      before,
      after,
    });
  }

  /** Children of `parentIds` in `column` that a reader cleared to `clearance` may see. */
  childrenOf<E extends RegisterRecordEntity>(
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

  private async updateAtVersion<E extends RegisterRecordEntity>(
    definition: RegisterDefinition<E, object>,
    manager: EntityManager,
    id: string,
    version: number,
    patch: Partial<E>,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(definition.entity)
      .set(patch as never)
      .where('id = :id AND version = :version AND deleted_at IS NULL', { id, version })
      .execute();
    return result.affected === 1;
  }

  /** Why a versioned write missed: gone or out of sight (404), or moved on (409 with the current record). */
  private async refusal<E extends RegisterRecordEntity, W extends object>(
    definition: RegisterDefinition<E, W>,
    manager: EntityManager,
    id: string,
    version: number,
    access: CommitteeAccess,
  ): Promise<Error> {
    const current = (await manager.findOne(definition.entity, { where: { id } as never })) as E | null;
    if (!current || !access.canSee(current.classification)) return new RegisterRecordNotFoundException(definition.name);
    return new StaleVersionException(projectFor(await definition.toWire(current, manager), access.clearance), version, current.version);
  }
}
