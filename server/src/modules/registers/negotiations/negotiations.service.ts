import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type createNegotiationRoundSchema,
  type createNegotiationSchema,
  type ListNegotiationsQuery,
  type Negotiation,
  type NegotiationRound,
  type Page,
  projectFor,
  type UpdateNegotiation,
  type UpdateNegotiationRound,
} from '@sidang/shared';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { AccessService } from '../../../access/access.service.js';
import type { Actor } from '../../../access/actor.js';
import { ChangesService } from '../../../changes/changes.service.js';
import { InvalidFieldException } from '../../../common/errors.js';
import { keysetPage } from '../common/paging.js';
import { type RegisterDefinition, RegisterKit } from '../common/register-kit.js';
import { NegotiationEntity } from './negotiation.entity.js';
import { NegotiationRoundEntity } from './negotiation-round.entity.js';
import { toNegotiation, toNegotiationRound } from './negotiations.mapper.js';

export const NEGOTIATION: RegisterDefinition<NegotiationEntity, Negotiation> = {
  entityType: 'negotiation',
  entity: NegotiationEntity,
  name: 'Negotiation',
  toWire: toNegotiation,
};

export const NEGOTIATION_ROUND: RegisterDefinition<NegotiationRoundEntity, NegotiationRound> = {
  entityType: 'negotiation-round',
  entity: NegotiationRoundEntity,
  name: 'Round',
  toWire: toNegotiationRound,
  governor: async (entity, manager) =>
    manager.findOne(NegotiationEntity, { where: { id: entity.negotiationId }, select: { id: true, classification: true } }),
};

/** Negotiation tracks and their rounds. */
@Injectable()
export class NegotiationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly changes: ChangesService,
    private readonly kit: RegisterKit,
  ) {}

  async list(actor: Actor, committeeId: string, query: ListNegotiationsQuery): Promise<Page<Negotiation>> {
    const access = await this.access.requireCommittee(actor, committeeId);
    const builder = this.dataSource
      .getRepository(NegotiationEntity)
      .createQueryBuilder('n')
      .where('n.committee_id = :committeeId', { committeeId })
      .andWhere('n.classification IN (:...levels)', { levels: this.kit.levels(access.clearance) });
    if (query.kind) builder.andWhere('n.kind = :kind', { kind: query.kind });
    if (query.status) builder.andWhere('n.status = :status', { status: query.status });
    const { rows, nextCursor } = await keysetPage(builder, {
      alias: 'n',
      column: 'title',
      key: (row) => row.title,
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: rows.map((row) => projectFor(toNegotiation(row), access.clearance)), nextCursor };
  }

  async all(actor: Actor, committeeId: string, query: Omit<ListNegotiationsQuery, 'limit' | 'cursor'>): Promise<Negotiation[]> {
    const items: Negotiation[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.list(actor, committeeId, { ...query, limit: 500, cursor });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items;
  }

  async get(actor: Actor, id: string): Promise<Negotiation> {
    const { entity, access } = await this.kit.visible(NEGOTIATION, actor, id, this.dataSource.manager);
    return projectFor(toNegotiation(entity), access.clearance);
  }

  async create(actor: Actor, committeeId: string, input: z.output<typeof createNegotiationSchema>): Promise<Negotiation> {
    const access = await this.access.requireCommittee(actor, committeeId);
    access.require('register.manage');
    this.kit.assertClassifiable(access, input.classification);
    const fieldClassifications = this.kit.fieldLevels(access, input.classification, input.fieldClassifications);
    return this.changes.transact(actor, (tx) =>
      this.kit.create(NEGOTIATION, tx, access, { ...input, fieldClassifications, createdById: actor.id }, null),
    );
  }

  async update(actor: Actor, id: string, input: UpdateNegotiation): Promise<Negotiation> {
    const { entity, access } = await this.kit.visible(NEGOTIATION, actor, id, this.dataSource.manager);
    access.require('register.manage');
    const { version, ...changes } = input;
    if (changes.classification) this.kit.assertClassifiable(access, changes.classification);
    this.kit.assertNoWithheldField(access, toNegotiation(entity), changes);
    const patch = { ...changes } as Partial<NegotiationEntity>;
    const fieldClassifications = this.kit.editedFieldLevels(access, entity, changes);
    if (fieldClassifications) patch.fieldClassifications = fieldClassifications;
    return this.changes.transact(actor, (tx) => this.kit.update(NEGOTIATION, tx, access, entity, version, patch, null));
  }

  async remove(actor: Actor, id: string, version: number): Promise<void> {
    const { entity, access } = await this.kit.visible(NEGOTIATION, actor, id, this.dataSource.manager);
    access.require('register.manage');
    await this.changes.transact(actor, (tx) => this.kit.remove(NEGOTIATION, tx, access, entity, version, null));
  }

  async listRounds(actor: Actor, negotiationId: string): Promise<NegotiationRound[]> {
    const { access } = await this.kit.visible(NEGOTIATION, actor, negotiationId, this.dataSource.manager);
    const rows = await this.kit.childrenOf(
      this.dataSource.manager,
      NegotiationRoundEntity,
      'negotiationId',
      [negotiationId],
      access.clearance,
    );
    return rows.sort((a, b) => a.number - b.number).map(toNegotiationRound);
  }

  async addRound(actor: Actor, negotiationId: string, input: z.output<typeof createNegotiationRoundSchema>): Promise<NegotiationRound> {
    const { entity: negotiation, access } = await this.kit.visible(NEGOTIATION, actor, negotiationId, this.dataSource.manager);
    access.require('register.manage');
    const classification = input.classification ?? negotiation.classification;
    this.kit.assertClassifiable(access, classification);
    return this.changes.transact(actor, async (tx) => {
      // The next number counts every round, seen or not: numbers never repeat.
      const rows: Array<{ next: number }> = await tx.manager.query(
        'SELECT COALESCE(MAX(number), 0) + 1 AS next FROM negotiation_rounds WHERE negotiation_id = $1',
        [negotiation.id],
      );
      const number = input.number ?? Number(rows[0]?.next ?? 1);
      return this.kit.create(
        NEGOTIATION_ROUND,
        tx,
        access,
        { ...input, number, classification, negotiationId: negotiation.id },
        { id: negotiation.id, classification: negotiation.classification },
      );
    });
  }

  async updateRound(actor: Actor, id: string, input: UpdateNegotiationRound): Promise<NegotiationRound> {
    const { entity, access, governor } = await this.kit.visible(NEGOTIATION_ROUND, actor, id, this.dataSource.manager);
    access.require('register.manage');
    const { version, ...changes } = input;
    if (changes.classification) this.kit.assertClassifiable(access, changes.classification);
    const startsOn = changes.startsOn === undefined ? entity.startsOn : changes.startsOn;
    const endsOn = changes.endsOn === undefined ? entity.endsOn : changes.endsOn;
    if (startsOn && endsOn && endsOn < startsOn) {
      throw new InvalidFieldException(changes.endsOn !== undefined ? 'endsOn' : 'startsOn', 'endsOn must not be before startsOn');
    }
    return this.changes.transact(actor, (tx) => this.kit.update(NEGOTIATION_ROUND, tx, access, entity, version, changes, governor));
  }

  async removeRound(actor: Actor, id: string, version: number): Promise<void> {
    const { entity, access, governor } = await this.kit.visible(NEGOTIATION_ROUND, actor, id, this.dataSource.manager);
    access.require('register.manage');
    await this.changes.transact(actor, (tx) => this.kit.remove(NEGOTIATION_ROUND, tx, access, entity, version, governor));
  }
}
