import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, type Type } from '@nestjs/common';
import { deleteVersionSchema, type Page } from '@sidang/shared';
import type { z } from 'zod';
import type { Actor } from '../../../access/actor.js';
import { CurrentActor } from '../../../auth/current-actor.decorator.js';
import { UuidParamPipe, ZodValidationPipe } from '../../../common/zod-validation.pipe.js';
import type { SoftDeletedRecordEntity } from '../../../database/versioned.entity.js';
import {
  type ChildRecordType,
  type Classified,
  type CommitteeRecordType,
  type NewRecord,
  type PageQuery,
  RegisterRecords,
  type Versioned,
} from './register-records.js';

type Version = z.output<typeof deleteVersionSchema>;

/**
 * The controller of a register record type kept under a committee: list and create under
 * `/api/committees/:committeeId/<plural>`, read, change and delete at `/api/<plural>/:id`.
 * Each method parses and delegates to `RegisterRecords`.
 */
export function committeeRecordController<
  E extends SoftDeletedRecordEntity,
  W extends object,
  Q extends PageQuery,
  C extends NewRecord,
  U extends Versioned,
>(type: CommitteeRecordType<E, W, Q, C, U>): Type<unknown> {
  const { plural, schemas } = type;

  @Controller()
  class CommitteeRecordController {
    constructor(readonly records: RegisterRecords) {}

    @Get(`committees/:committeeId/${plural}`)
    list(
      @CurrentActor() actor: Actor,
      @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
      @Query(new ZodValidationPipe(schemas.list, 'query')) query: Q,
    ): Promise<Page<W>> {
      return this.records.list(type, actor, committeeId, query);
    }

    @Post(`committees/:committeeId/${plural}`)
    create(
      @CurrentActor() actor: Actor,
      @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
      @Body(new ZodValidationPipe(schemas.create)) body: C,
    ): Promise<W> {
      return this.records.create(type, actor, committeeId, body);
    }

    @Get(`${plural}/:id`)
    get(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<W> {
      return this.records.get(type, actor, id);
    }

    @Patch(`${plural}/:id`)
    update(
      @CurrentActor() actor: Actor,
      @Param('id', new UuidParamPipe()) id: string,
      @Body(new ZodValidationPipe(schemas.update)) body: U,
    ): Promise<W> {
      return this.records.update(type, actor, id, body);
    }

    @Delete(`${plural}/:id`)
    @HttpCode(204)
    remove(
      @CurrentActor() actor: Actor,
      @Param('id', new UuidParamPipe()) id: string,
      @Query(new ZodValidationPipe(deleteVersionSchema, 'query')) query: Version,
    ): Promise<void> {
      return this.records.remove(type, actor, id, query.version);
    }
  }
  return CommitteeRecordController;
}

/**
 * The controller of a register record type governed by another record: list and add at
 * `/api/<parent plural>/:id/<segment>`, change and delete at `/api/<plural>/:id`.
 */
export function childRecordController<
  E extends SoftDeletedRecordEntity,
  W extends object,
  PE extends SoftDeletedRecordEntity,
  PW extends object,
  C extends Classified,
  U extends Versioned,
>(type: ChildRecordType<E, W, PE, PW, C, U>): Type<unknown> {
  const { plural, segment, schemas } = type;
  const parentPlural = type.parent.plural;

  @Controller()
  class ChildRecordController {
    constructor(readonly records: RegisterRecords) {}

    @Get(`${parentPlural}/:id/${segment}`)
    list(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<W[]> {
      return this.records.listChildren(type, actor, id);
    }

    @Post(`${parentPlural}/:id/${segment}`)
    add(
      @CurrentActor() actor: Actor,
      @Param('id', new UuidParamPipe()) id: string,
      @Body(new ZodValidationPipe(schemas.create)) body: C,
    ): Promise<W> {
      return this.records.addChild(type, actor, id, body);
    }

    @Patch(`${plural}/:id`)
    update(
      @CurrentActor() actor: Actor,
      @Param('id', new UuidParamPipe()) id: string,
      @Body(new ZodValidationPipe(schemas.update)) body: U,
    ): Promise<W> {
      return this.records.updateChild(type, actor, id, body);
    }

    @Delete(`${plural}/:id`)
    @HttpCode(204)
    remove(
      @CurrentActor() actor: Actor,
      @Param('id', new UuidParamPipe()) id: string,
      @Query(new ZodValidationPipe(deleteVersionSchema, 'query')) query: Version,
    ): Promise<void> {
      return this.records.removeChild(type, actor, id, query.version);
    }
  }
  return ChildRecordController;
}
