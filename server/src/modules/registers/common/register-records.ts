import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Classification, type FieldClassifications, type Page, projectFor, RECORD_TYPES } from '@sidang/shared';
import type { DataSource, EntityManager, FindOptionsWhere, SelectQueryBuilder } from 'typeorm';
import type { z } from 'zod';
import { AccessService, type CommitteeAccess } from '../../../access/access.service.js';
import type { Actor } from '../../../access/actor.js';
import type { ChangeTx } from '../../../changes/change-tx.js';
import { ChangesService } from '../../../changes/changes.service.js';
import type { RecordWrites } from '../../../common/record-writes.controller.js';
import type { SoftDeletedRecordEntity as Row } from '../../../database/versioned.entity.js';
import { keysetPage } from './paging.js';
import { type Governor, type RegisterDefinition, RegisterKit } from './register-kit.js';

/** What every register list query has: a page (CONTRACT "Lists"). */
export interface PageQuery {
  limit: number;
  cursor?: string;
}

/** What every create and update input may carry. */
export interface Classified {
  classification?: Classification;
  fieldClassifications?: FieldClassifications;
}

/** A new record: its level is required. */
export type NewRecord = Classified & { classification: Classification };

/** An update: the version it was made against and the changed fields. */
export type Versioned = Classified & { version: number };

/** The changes of an update input, without its version. */
export type Changes<U extends Versioned> = Omit<U, 'version'>;

/** The alias of the record in a list's query (`r.status`), for `filter`. */
export const LIST_ALIAS = 'r';

/**
 * A register record type kept under a committee (a bilateral meeting, an agreement, a
 * negotiation, an R&D project): its routes, schemas and what differs from the others; the
 * generic controller (register-controller.ts) and `CommitteeRecords` do the rest.
 */
export interface CommitteeRecordType<
  E extends Row,
  W extends object,
  Q extends PageQuery = PageQuery,
  C extends NewRecord = NewRecord,
  U extends Versioned = Versioned,
> {
  definition: RegisterDefinition<E, W>;
  /** The path segment: `/api/committees/:committeeId/<plural>`, `/api/<plural>/:id`. */
  plural: string;
  schemas: { list: z.ZodObject & z.ZodType<Q>; create: z.ZodType<C>; update: z.ZodObject & z.ZodType<U> };
  /** The list's keyset order (see `keysetPage`): a text or date property whose column has its name. */
  order: { column: keyof E & string; direction: 'ASC' | 'DESC' };
  /** Query keys that filter by equality, and the column each compares (`{ status: 'status' }`). */
  equal?: Partial<Record<keyof Q & string, string>>;
  /** The list's other filters beyond the committee and the reader's clearance (the record is `LIST_ALIAS`). */
  filter?: (builder: SelectQueryBuilder<E>, query: Q, access: CommitteeAccess) => void;
  /** Records as `access` may see them before projection: derived counts only from what they may see. */
  forReader: (rows: E[], access: CommitteeAccess, manager: EntityManager) => Promise<W[]>;
  /**
   * Set when the record carries field levels: its wire shape without derived fields, for the
   * check that an editor overwrites no field withheld from them.
   */
  fieldLevelled?: (entity: E) => W;
  /** Checks of a new record, and fields the record takes beyond its input (in the write's transaction). */
  prepareCreate?: (input: C, access: CommitteeAccess, manager: EntityManager) => Promise<Partial<E>>;
  /** Checks of an edit against the stored record (in the write's transaction). */
  checkUpdate?: (entity: E, changes: Changes<U>, access: CommitteeAccess, manager: EntityManager) => Promise<void>;
  /** The editor's answer to an update: derived counts from what they may see, like a GET. */
  answerUpdate?: (updated: W, access: CommitteeAccess, manager: EntityManager) => Promise<W>;
  /** The type's service. */
  records(registers: RegisterRecords): CommitteeRecords<E, W, Q, C, U>;
}

/**
 * A register record type governed by a record of another type (a commitment by its bilateral
 * meeting, a round by its negotiation, a milestone by its R&D project).
 */
export interface ChildRecordType<
  E extends Row,
  W extends object,
  PE extends Row,
  PW extends object,
  C extends Classified = Classified,
  U extends Versioned = Versioned,
> {
  /** Its governor is the parent record its `parentColumn` names. */
  definition: RegisterDefinition<E, W>;
  parent: { definition: RegisterDefinition<PE, PW>; plural: string };
  /** The column naming the parent: the parent's `idField` in the record-type descriptor (`bilateralMeetingId`). */
  parentColumn: keyof E & string;
  /** `/api/<parent plural>/:id/<segment>` lists and adds; `/api/<plural>/:id` edits and removes. */
  segment: string;
  plural: string;
  schemas: { create: z.ZodType<C>; update: z.ZodObject & z.ZodType<U> };
  /** The children a reader sees, in order, as wire shapes. */
  listed: (rows: E[], access: CommitteeAccess) => W[];
  /** Fields a new child takes beyond its input (in the write's transaction). */
  prepareCreate?: (input: C, parent: PE, manager: EntityManager) => Promise<Partial<E>>;
  /** Checks of an edit against the stored record. */
  checkUpdate?: (entity: E, changes: Changes<U>) => void;
  /**
   * Whether the parent's wire shape moved with a child's change (open commitments, slippage):
   * then the parent is locked for the write and its change recorded in the same transaction.
   */
  parentChanged?: (before: PW, after: PW) => boolean;
  /** The type's service. */
  records(registers: RegisterRecords): ChildRecords<E, W, PE, PW, C, U>;
}

/** Routes are named by the entity type: `bilateral-meeting` → `/api/bilateral-meetings`. */
function pluralOf(definition: { entityType: string }): string {
  return `${definition.entityType}s`;
}

/**
 * A record type under a committee, its type parameters inferred from its definition and
 * schemas. Without `forReader`, a reader gets the record's wire shape (`toWire`).
 */
export function committeeRecordType<E extends Row, W extends object, Q extends PageQuery, C extends NewRecord, U extends Versioned>(
  spec: Omit<CommitteeRecordType<E, W, Q, C, U>, 'plural' | 'forReader' | 'records'> &
    Partial<Pick<CommitteeRecordType<E, W, Q, C, U>, 'forReader'>>,
): CommitteeRecordType<E, W, Q, C, U> {
  const { toWire } = spec.definition;
  const type: CommitteeRecordType<E, W, Q, C, U> = {
    forReader: (rows, _access, manager) => Promise.all(rows.map((row) => toWire(row, manager))),
    ...spec,
    plural: pluralOf(spec.definition),
    records: (registers) => new CommitteeRecords(registers, type),
  };
  return type;
}

/**
 * A governed record type, its type parameters inferred from its definition, parent and
 * schemas; the column naming its parent comes from the record-type descriptor.
 */
export function childRecordType<
  E extends Row,
  W extends object,
  PE extends Row,
  PW extends object,
  C extends Classified,
  U extends Versioned,
>(spec: Omit<ChildRecordType<E, W, PE, PW, C, U>, 'plural' | 'parentColumn' | 'records'>): ChildRecordType<E, W, PE, PW, C, U> {
  const parentColumn = RECORD_TYPES[spec.definition.entityType].parent?.idField as (keyof E & string) | undefined;
  if (!parentColumn) throw new Error(`${spec.definition.entityType} has no parent in RECORD_TYPES`);
  const parent = spec.parent.definition.entity;
  const type: ChildRecordType<E, W, PE, PW, C, U> = {
    ...spec,
    definition: {
      ...spec.definition,
      governor: (entity, manager) =>
        manager.findOne(parent, {
          where: { id: entity[parentColumn] } as FindOptionsWhere<PE>,
          select: { id: true, classification: true } as never,
        }),
    },
    parentColumn,
    plural: pluralOf(spec.definition),
    records: (registers) => new ChildRecords(registers, type),
  };
  return type;
}

/**
 * What the register services read and write with: each record type's service is
 * `TYPE.records(registerRecords)`.
 */
@Injectable()
export class RegisterRecords {
  constructor(
    @InjectDataSource() readonly dataSource: DataSource,
    readonly access: AccessService,
    readonly changes: ChangesService,
    readonly kit: RegisterKit,
  ) {}
}

/** The routes of a record type kept under a committee, and its service: what its controller needs. */
export interface CommitteeRecordRoutes<W, Q, C, U> {
  plural: string;
  schemas: { list: z.ZodType<Q>; create: z.ZodType<C>; update: z.ZodType<U> };
  records(registers: RegisterRecords): RecordWrites<W, U> & {
    list(actor: Actor, committeeId: string, query: Q): Promise<Page<W>>;
    create(actor: Actor, committeeId: string, input: C): Promise<W>;
    get(actor: Actor, id: string): Promise<W>;
  };
}

/** The routes of a governed record type, and its service: what its controller needs. */
export interface ChildRecordRoutes<W, C, U> {
  plural: string;
  segment: string;
  parent: { plural: string };
  schemas: { create: z.ZodType<C>; update: z.ZodType<U> };
  records(registers: RegisterRecords): RecordWrites<W, U> & {
    list(actor: Actor, parentId: string): Promise<W[]>;
    add(actor: Actor, parentId: string, input: C): Promise<W>;
  };
}

/**
 * The service of one record type kept under a committee: reads filtered by the reader's
 * clearance, writes through the register kit (compare-and-set, change log).
 */
export class CommitteeRecords<E extends Row, W extends object, Q extends PageQuery, C extends NewRecord, U extends Versioned>
  implements RecordWrites<W, U>
{
  constructor(
    private readonly registers: RegisterRecords,
    private readonly type: CommitteeRecordType<E, W, Q, C, U>,
  ) {}

  async list(actor: Actor, committeeId: string, query: Q): Promise<Page<W>> {
    const { dataSource, kit } = this.registers;
    const { type } = this;
    const access = await this.registers.access.requireCommittee(actor, committeeId);
    const alias = LIST_ALIAS;
    const builder = dataSource
      .getRepository(type.definition.entity)
      .createQueryBuilder(alias)
      .where(`${alias}.committee_id = :committeeId`, { committeeId })
      .andWhere(`${alias}.classification IN (:...levels)`, { levels: kit.levels(access.clearance) });
    for (const [key, column] of Object.entries(type.equal ?? {}) as Array<[keyof Q & string, string]>) {
      if (query[key]) builder.andWhere(`${alias}.${column} = :${key}`, { [key]: query[key] });
    }
    type.filter?.(builder, query, access);
    const { column, direction } = type.order;
    const key = (row: E) => String(row[column]);
    const { rows, nextCursor } = await keysetPage(builder, { alias, column, key, direction, limit: query.limit, cursor: query.cursor });
    const items = await type.forReader(rows, access, dataSource.manager);
    return { items: items.map((item) => projectFor(item, access.clearance)), nextCursor };
  }

  /** Every page of a list with the same filters (for an export). */
  async all(actor: Actor, committeeId: string, query: Omit<Q, 'limit' | 'cursor'>): Promise<W[]> {
    const items: W[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.list(actor, committeeId, { ...query, limit: 500, cursor } as Q);
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items;
  }

  async get(actor: Actor, id: string): Promise<W> {
    const { manager } = this.registers.dataSource;
    const { entity, access } = await this.registers.kit.visible(this.type.definition, actor, id, manager);
    const [wire] = await this.type.forReader([entity], access, manager);
    return projectFor(wire as W, access.clearance);
  }

  async create(actor: Actor, committeeId: string, input: C): Promise<W> {
    const { kit, changes } = this.registers;
    const { type } = this;
    const access = await this.registers.access.requireCommittee(actor, committeeId);
    access.require('register.manage');
    kit.assertClassifiable(access, input.classification);
    const levels = type.fieldLevelled
      ? { fieldClassifications: kit.fieldLevels(access, input.classification, input.fieldClassifications ?? {}) }
      : {};
    return changes.transact(actor, async (tx) => {
      const extra = type.prepareCreate ? await type.prepareCreate(input, access, tx.manager) : {};
      const fields = { ...input, ...extra, ...levels, createdById: actor.id } as unknown as Partial<E>;
      return kit.create({ definition: type.definition, tx, access, governor: null }, fields);
    });
  }

  async update(actor: Actor, id: string, input: U): Promise<W> {
    const { dataSource, kit, changes } = this.registers;
    const { type } = this;
    const { entity, access } = await kit.visible(type.definition, actor, id, dataSource.manager);
    access.require('register.manage');
    const updated = await changes.transact(actor, async (tx) => {
      const { version, ...edit } = input;
      if (edit.classification) kit.assertClassifiable(access, edit.classification);
      if (type.fieldLevelled) kit.assertNoWithheldField(access, type.fieldLevelled(entity), edit);
      await type.checkUpdate?.(entity, edit, access, tx.manager);
      const patch = { ...edit } as unknown as Partial<E> & { fieldClassifications?: FieldClassifications };
      if (type.fieldLevelled) {
        const stored = entity as E & { fieldClassifications: FieldClassifications };
        const fieldClassifications = kit.editedFieldLevels(access, stored, edit);
        if (fieldClassifications) patch.fieldClassifications = fieldClassifications;
      }
      return kit.update({ definition: type.definition, tx, access, governor: null }, entity, version, patch);
    });
    return type.answerUpdate ? type.answerUpdate(updated, access, dataSource.manager) : updated;
  }

  async remove(actor: Actor, id: string, version: number): Promise<void> {
    const { dataSource, kit, changes } = this.registers;
    const { entity, access } = await kit.visible(this.type.definition, actor, id, dataSource.manager);
    access.require('register.manage');
    await changes.transact(actor, (tx) => kit.remove({ definition: this.type.definition, tx, access, governor: null }, entity, version));
  }
}

/** The service of one record type governed by a record of another type. */
export class ChildRecords<E extends Row, W extends object, PE extends Row, PW extends object, C extends Classified, U extends Versioned>
  implements RecordWrites<W, U>
{
  constructor(
    private readonly registers: RegisterRecords,
    private readonly type: ChildRecordType<E, W, PE, PW, C, U>,
  ) {}

  /** The children of `parentId` the caller may see. */
  async list(actor: Actor, parentId: string): Promise<W[]> {
    const { manager } = this.registers.dataSource;
    const { type } = this;
    const { access } = await this.registers.kit.visible(type.parent.definition, actor, parentId, manager);
    const rows = await this.registers.kit.childrenOf(manager, type.definition.entity, type.parentColumn, [parentId], access.clearance);
    return type.listed(rows, access);
  }

  async add(actor: Actor, parentId: string, input: C): Promise<W> {
    const { dataSource, kit, changes } = this.registers;
    const { type } = this;
    const { entity: parent, access } = await kit.visible(type.parent.definition, actor, parentId, dataSource.manager);
    access.require('register.manage');
    const classification = input.classification ?? parent.classification;
    kit.assertClassifiable(access, classification);
    const governor: Governor = { id: parent.id, classification: parent.classification };
    return changes.transact(actor, (tx) =>
      this.withParent(tx, parent.id, async () => {
        const extra = type.prepareCreate ? await type.prepareCreate(input, parent, tx.manager) : {};
        const fields = { ...input, ...extra, classification, [type.parentColumn]: parent.id } as unknown as Partial<E>;
        return kit.create({ definition: type.definition, tx, access, governor }, fields);
      }),
    );
  }

  async update(actor: Actor, id: string, input: U): Promise<W> {
    const { dataSource, kit, changes } = this.registers;
    const { type } = this;
    const { entity, access, governor } = await kit.visible(type.definition, actor, id, dataSource.manager);
    access.require('register.manage');
    const { version, ...edit } = input;
    if (edit.classification) kit.assertClassifiable(access, edit.classification);
    type.checkUpdate?.(entity, edit);
    const patch = edit as unknown as Partial<E>;
    return changes.transact(actor, (tx) =>
      this.withParent(tx, this.parentOf(entity), () =>
        kit.update({ definition: type.definition, tx, access, governor }, entity, version, patch),
      ),
    );
  }

  async remove(actor: Actor, id: string, version: number): Promise<void> {
    const { dataSource, kit, changes } = this.registers;
    const { type } = this;
    const { entity, access, governor } = await kit.visible(type.definition, actor, id, dataSource.manager);
    access.require('register.manage');
    await changes.transact(actor, (tx) =>
      this.withParent(tx, this.parentOf(entity), () => kit.remove({ definition: type.definition, tx, access, governor }, entity, version)),
    );
  }

  private parentOf(entity: E): string {
    return entity[this.type.parentColumn] as string;
  }

  /**
   * A child's change that moves its parent's derived counts also records `<parent>.updated` in
   * the same transaction: lists and details update live on every channel (socket, catch-up,
   * activity), with no refetch.
   */
  private async withParent<T>(tx: ChangeTx, parentId: string, write: () => Promise<T>): Promise<T> {
    const { parentChanged, parent } = this.type;
    if (!parentChanged) return write();
    const locked = await this.registers.kit.lockGovernor(parent.definition, tx, parentId);
    const result = await write();
    await this.registers.kit.recordDerived(parent.definition, tx, locked, parentChanged);
    return result;
  }
}
