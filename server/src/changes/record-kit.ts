import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Classification, classificationLevel, type EntityType, projectFor } from '@sidang/shared';
import type { DataSource, EntityManager, EntityTarget } from 'typeorm';
import { AccessService, type CommitteeAccess } from '../access/access.service.js';
import type { Actor } from '../access/actor.js';
import { NotFoundError, StaleVersionException } from '../common/errors.js';
import { type AuditedType, type ChangeRecord, type ChangeTx, type ChangeVerb, isAuditedType } from './change-tx.js';
import { readerLevelOf } from './visibility.js';

/**
 * The columns every versioned record has (its table keeps deleted rows with `deleted_at` unless
 * its definition says `hardDelete`). A record without a level of its own names it in `level`; one
 * whose id is not in `id` names where it is in `stored`. A record of no committee (`AuditedType`:
 * a user account) has no event: its changes are audited only (`ChangeTx.recordAudit`).
 */
export interface VersionedEntity {
  id?: string;
  committeeId?: string;
  classification?: Classification;
  version: number;
}

/** Whom a write's refusal is for: their clearance (an actor's `CommitteeAccess`, or the actor). */
export type Reader = Pick<CommitteeAccess, 'clearance'> & { readonly seesDrafts?: boolean };

/** The committee a record is created in (an actor's `CommitteeAccess`, or a meeting's for work that follows its start). */
export interface CommitteeScope {
  committee: { id: string };
}

/**
 * How one record type is stored and shown; the kit does the rest. `W` is the record's shared
 * wire type: the `before`/`after` of every change the kit records are typed by it.
 */
/** The type a record is logged as: its event type, or the audit type of a record of no committee. */
export type RecordType = EntityType | AuditedType;

export interface RecordDefinition<E extends VersionedEntity, W extends object, T extends RecordType = EntityType> {
  /** Its event type, or (`AuditedType`, a record of no committee) the type its audit rows name. */
  entityType: T;
  entity: EntityTarget<E>;
  /** "Action item", for the 404 "Action item not found". */
  name: string;
  /** The full wire shape (every field; `projectFor` removes what a reader may not see). */
  toWire: (entity: E, manager: EntityManager) => Promise<W> | W;
  /**
   * The level the record is logged and seen at when it is not its own `classification` (minutes
   * take their meeting's; a minutes section the highest of its meeting's, item's and own).
   */
  level?: (entity: E) => Classification;
  /**
   * Whether the record is a draft of its own (a meeting not yet scheduled): it and what it
   * governs are then seen by the chair and the secretariat only (`ChangeRecord.draft`).
   */
  draft?: (entity: E) => boolean;
  /**
   * Where the record's id and version live in its row when not in `id` and `version`: a record
   * kept in the row of another (a meeting's attendance: `attendanceId`, `attendanceVersion`), or
   * one kept once per committee (`perCommittee`: a user's membership, found by user and committee).
   */
  stored?: { id: keyof E & string; version: keyof E & string; perCommittee?: true };
  /**
   * The table has no `deleted_at`: a removal deletes the row (a document, whose content is
   * removed after commit). Otherwise rows are kept with `deleted_at` set and hidden from reads.
   */
  hardDelete?: true;
}

/** What a write says about the record beyond its fields. */
export interface WriteOptions<W extends object> {
  /**
   * The record that governs this one (a progress update's action item): the pipeline reads the
   * levels of it and of everything above it inside the transaction (`ChangeTx.record`).
   */
  parent?: { id: string } | null;
  /** A second governing record (a link's other end), read like the parent (`ChangeRecord.coParent`). */
  coParent?: { id: string } | null;
  /** The record as its event and audit row carry it, when more than its wire shape (a declassification reason). */
  logged?: (wire: W) => W;
  /** Text the search index holds beyond the wire shape (see `ChangeRecord.searchText`). */
  searchText?: string | null;
}

/** The governing records of a change, as `ChangeRecord` names them. */
function governors(options: Pick<WriteOptions<object>, 'parent' | 'coParent'>): Pick<ChangeRecord, 'parent' | 'coParent'> {
  return {
    ...(options.parent ? { parent: { id: options.parent.id } } : {}),
    ...(options.coParent ? { coParent: { id: options.coParent.id } } : {}),
  };
}

/** What a write that follows from another says (`RecordKit.bump`). */
export interface FollowUp<E extends VersionedEntity> extends Pick<WriteOptions<object>, 'parent' | 'coParent'> {
  /** Fields written with the version bump (a meeting's pointer to its current item, an item's place). */
  patch?: Partial<E>;
  /** The verb of the change when it is not a plain `updated` (`moved`, `current-item-changed`). */
  verb?: ChangeVerb;
}

/** The level a record is logged and seen at (`RecordDefinition.level`, else its own). */
function levelOf<E extends VersionedEntity>(definition: Pick<RecordDefinition<E, object>, 'level' | 'name'>, entity: E): Classification {
  const level = definition.level ? definition.level(entity) : entity.classification;
  if (!level) throw new Error(`${definition.name}: a record without a classification needs a level in its definition`);
  return level;
}

/** Where a record's row is (its id, and its committee for a record kept once per committee). */
function rowOf<E extends VersionedEntity>(
  definition: Pick<RecordDefinition<E, object>, 'stored'>,
  id: string,
  committeeId?: string,
): Record<string, unknown> {
  return { [definition.stored?.id ?? 'id']: id, ...(definition.stored?.perCommittee ? { committeeId } : {}) };
}

/** The record's id, version and row, where its definition keeps them (`RecordDefinition.stored`). */
function keyOf<E extends VersionedEntity>(
  definition: Pick<RecordDefinition<E, object>, 'stored'>,
  entity: E,
): { id: string; version: number; row: Record<string, unknown> } {
  const id = definition.stored ? entity[definition.stored.id] : entity.id;
  if (typeof id !== 'string') throw new Error('a record without an id column needs `stored` in its definition');
  const version = Number(definition.stored ? entity[definition.stored.version] : entity.version);
  return { id, version, row: rowOf(definition, id, entity.committeeId) };
}

/** A patch setting the record's version, where its definition keeps it. */
function versionPatch<E extends VersionedEntity>(definition: Pick<RecordDefinition<E, object>, 'stored'>, version: number): Partial<E> {
  return { [definition.stored?.version ?? 'version']: version } as Partial<E>;
}

/** The record's update timestamp set to now, when its table has one (a membership has none). */
function touched<E extends VersionedEntity>(definition: Pick<RecordDefinition<E, object>, 'entity'>, manager: EntityManager): Partial<E> {
  const column = manager.connection.getMetadata(definition.entity).updateDateColumn;
  return (column ? { [column.propertyName]: new Date() } : {}) as Partial<E>;
}

/** 404 for a record that does not exist or that the caller may not see: the two look alike. */
function notFound(name: string): Error {
  return new NotFoundError(name);
}

/**
 * The one way a versioned record is written: created at version 1, updated and removed by
 * compare-and-set on its version, each change recorded through the pipeline (`tx.record`) in
 * the write's transaction. A write that misses its version is refused as the actor may see it:
 * 404 for a record gone or out of their sight — its own level or that of any record governing
 * it (`governing_level`, read in the write's transaction) — and 409 `stale_version` with
 * `current` projected for them. Each write returns the record's full wire shape; callers
 * project it for their reader.
 */
@Injectable()
export class RecordKit {
  constructor(
    private readonly access: AccessService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * The record and the actor's access to its committee; 404 for what does not exist or they may
   * not see, by its own level or by that of a record governing it.
   */
  async visible<E extends VersionedEntity, W extends object>(
    definition: RecordDefinition<E, W, RecordType>,
    actor: Actor,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ entity: E; access: CommitteeAccess }> {
    const entity = await this.find(definition, manager, rowOf(definition, id));
    const access = entity?.committeeId ? await this.access.forCommittee(actor, entity.committeeId) : null;
    if (!entity || !access || !(await this.maySee(definition, manager, access, entity))) throw notFound(definition.name);
    return { entity, access };
  }

  /**
   * Creates the record (in `access`'s committee, null for a record of none; version 1) and
   * records `created` (or `verb`: a vote is `opened`).
   */
  async create<E extends VersionedEntity, W extends object>(
    definition: RecordDefinition<E, W, RecordType>,
    tx: ChangeTx,
    access: CommitteeScope | null,
    fields: Partial<E>,
    { verb = 'created', ...options }: WriteOptions<W> & { verb?: 'created' | 'opened' } = {},
  ): Promise<W> {
    const entity = tx.manager.create(definition.entity, {
      ...fields,
      ...(access ? { committeeId: access.committee.id } : {}),
      ...versionPatch(definition, 1),
    } as never) as E;
    // One INSERT … RETURNING (the generated id, timestamps and defaults are set on `entity`),
    // without `save`'s change detection: a created record is always new.
    await tx.manager
      .createQueryBuilder()
      .insert()
      .into(definition.entity)
      .values(entity as never)
      // No entity listeners or subscribers exist: TypeORM is not asked to look for them.
      .callListeners(false)
      .execute();
    return (await this.log(definition, tx, entity, { verb, before: null }, options)) as W;
  }

  /**
   * Applies `patch` to `entity` (as read before the transaction) at `version`, bumping the
   * version, and records `updated`. The read row is the `before` exactly when the
   * compare-and-set hits; a miss is refused (404/409, see the class).
   */
  async update<E extends VersionedEntity, W extends object>(
    definition: RecordDefinition<E, W, RecordType>,
    tx: ChangeTx,
    access: Reader,
    entity: E,
    version: number,
    patch: Partial<E>,
    options: WriteOptions<W> = {},
  ): Promise<W> {
    return (await this.write(definition, tx, access, { entity, version, patch }, options)) as W;
  }

  /** Removes `entity` at `version` (soft-deletes it unless `hardDelete`) and records `deleted`. */
  remove<E extends VersionedEntity, W extends object>(
    definition: RecordDefinition<E, W, RecordType>,
    tx: ChangeTx,
    access: Reader,
    entity: E,
    version: number,
    options: Pick<WriteOptions<W>, 'parent' | 'coParent'> = {},
  ): Promise<void> {
    return this.write(definition, tx, access, { entity, version, patch: null }, options).then(() => undefined);
  }

  /**
   * Refuses (404/409, see the class) a write asked at `version` of `entity` as read under the
   * write's lock, before a write that moves several rows (an agenda's order) or checks the
   * record's state (a workflow step) starts.
   */
  async requireVersion<E extends VersionedEntity, W extends object>(
    definition: RecordDefinition<E, W, RecordType>,
    tx: ChangeTx,
    access: Reader,
    { entity, version }: { entity: E; version: number },
  ): Promise<void> {
    const stored = keyOf(definition, entity);
    if (stored.version !== version) throw await this.refusal(definition, tx.manager, stored.row, version, access);
  }

  /**
   * Writes `patch` only if the stored `row` is still at `version` (and not deleted); false when
   * it is not. For derived writes that are not refused when they miss (a governor's counts).
   */
  async updateAtVersion<E extends VersionedEntity>(
    definition: Pick<RecordDefinition<E, object>, 'entity' | 'hardDelete' | 'stored'>,
    manager: EntityManager,
    row: Record<string, unknown>,
    version: number,
    patch: Partial<E>,
  ): Promise<boolean> {
    const query = manager
      .createQueryBuilder()
      .update(definition.entity)
      .set(patch as never)
      .where({ ...row, ...versionPatch(definition, version) });
    if (!definition.hardDelete) query.andWhere('deleted_at IS NULL');
    return (await query.execute()).affected === 1;
  }

  /**
   * A change nobody asked for at a version but that follows from another in the same
   * transaction, whose caller holds the lock that orders it (a governor's derived counts moved,
   * an agenda item shifted by a move, a meeting's pointer to its current item): writes `patch`
   * with the version bumped at the stored one and records it (`updated` unless `verb`) from
   * `before`. Not refused: null when the row moved on meanwhile, else the record after.
   */
  async bump<E extends VersionedEntity, W extends object>(
    definition: RecordDefinition<E, W, RecordType>,
    tx: ChangeTx,
    entity: E,
    before: W,
    { patch, verb = 'updated', ...governing }: FollowUp<E> = {},
  ): Promise<W | null> {
    const stored = keyOf(definition, entity);
    const full = { ...patch, ...versionPatch(definition, stored.version + 1), ...touched(definition, tx.manager) } as Partial<E>;
    if (!(await this.updateAtVersion(definition, tx.manager, stored.row, stored.version, full))) return null;
    return this.log(definition, tx, Object.assign(entity, full), { verb, before }, governing);
  }

  /**
   * An update (`patch`) or a removal (`patch: null`) the actor asked for at `version`: the
   * compare-and-set, refused (404/409) when it misses, then the change recorded.
   */
  private async write<E extends VersionedEntity, W extends object>(
    definition: RecordDefinition<E, W, RecordType>,
    tx: ChangeTx,
    access: Reader,
    { entity, version, patch }: { entity: E; version: number; patch: Partial<E> | null },
    options: WriteOptions<W>,
  ): Promise<W | null> {
    const before = await definition.toWire(entity, tx.manager);
    const stored = keyOf(definition, entity);
    const full = {
      ...(patch ?? { deletedAt: new Date() }),
      ...(patch && touched(definition, tx.manager)),
      ...versionPatch(definition, version + 1),
    };
    const written =
      stored.version === version &&
      (patch === null && definition.hardDelete
        ? (await tx.manager.delete(definition.entity, { ...stored.row, ...versionPatch(definition, version) })).affected === 1
        : await this.updateAtVersion(definition, tx.manager, stored.row, version, full as Partial<E>));
    if (!written) throw await this.refusal(definition, tx.manager, stored.row, version, access);
    Object.assign(entity, full);
    return this.log(definition, tx, entity, { verb: patch === null ? 'deleted' : 'updated', before }, options);
  }

  /**
   * The change as the pipeline records it (`tx.record`), typed by the record's wire type; for a
   * record of no committee, its audit row only. The record's wire shape as written is its
   * `after` (extended by `logged` for the log), none for a deletion; returns it.
   */
  private async log<E extends VersionedEntity, W extends object>(
    definition: RecordDefinition<E, W, RecordType>,
    tx: ChangeTx,
    entity: E,
    { verb, before }: { verb: ChangeVerb; before: W | null },
    options: WriteOptions<W>,
  ): Promise<W | null> {
    const written = verb === 'deleted' ? null : await definition.toWire(entity, tx.manager);
    const after = written && options.logged ? options.logged(written) : written;
    const { id, version } = keyOf(definition, entity);
    const { entityType } = definition;
    if (isAuditedType(entityType)) {
      await tx.recordAudit({ entityType, entityId: id, verb, before, after });
      return written;
    }
    if (!entity.committeeId) throw new Error(`${definition.name}: a record with events needs a committee`);
    await tx.record<W>({
      committeeId: entity.committeeId,
      entityType,
      entityId: id,
      verb,
      version,
      classification: levelOf(definition, entity),
      ...(definition.draft ? { draft: definition.draft(entity) } : {}),
      ...governors(options),
      before,
      after,
      ...(options.searchText === undefined ? {} : { searchText: options.searchText }),
    });
    return written;
  }

  /** The record at `row` (not deleted), or null. */
  private async find<E extends VersionedEntity>(
    definition: Pick<RecordDefinition<E, object>, 'entity'>,
    manager: EntityManager,
    row: Record<string, unknown>,
  ): Promise<E | null> {
    return (await manager.findOne(definition.entity, { where: row as never })) as E | null;
  }

  /** Whether the actor may see `entity`: its own level and the levels of the records governing it. */
  private async maySee<E extends VersionedEntity>(
    definition: Pick<RecordDefinition<E, object>, 'level' | 'name' | 'stored'>,
    manager: EntityManager,
    access: Reader,
    entity: E,
  ): Promise<boolean> {
    const id = keyOf(definition, entity).id;
    const level = Math.max(
      classificationLevel(levelOf(definition, entity)),
      await readerLevelOf(manager, id, access.seesDrafts === true, null),
    );
    return level <= classificationLevel(access.clearance);
  }

  /** Why a versioned write missed: gone or out of sight (404), or moved on (409 with the current record). */
  private async refusal<E extends VersionedEntity, W extends object>(
    definition: RecordDefinition<E, W, RecordType>,
    manager: EntityManager,
    row: Record<string, unknown>,
    version: number,
    access: Reader,
  ): Promise<Error> {
    const current = await this.find(definition, manager, row);
    if (!current || !(await this.maySee(definition, manager, access, current))) return notFound(definition.name);
    const wire = projectFor(await definition.toWire(current, manager), access.clearance);
    return new StaleVersionException(wire, version, keyOf(definition, current).version);
  }
}
