import { Body, Controller, Get, Param, Post, Query, type Type } from '@nestjs/common';
import { type Page } from '@sidang/shared';
import type { Actor } from '../../../access/actor.js';
import { CurrentActor } from '../../../auth/current-actor.decorator.js';
import { recordWritesController } from '../../../common/record-writes.controller.js';
import { UuidParamPipe, ZodValidationPipe } from '../../../common/zod-validation.pipe.js';
import { type ChildRecordRoutes, type CommitteeRecordRoutes, RegisterRecords } from './register-records.js';

/**
 * The controller of a register record type kept under a committee: list and create under
 * `/api/committees/:committeeId/<plural>`, read, change and delete at `/api/<plural>/:id`.
 * Each method parses and delegates to the type's service.
 */
export function committeeRecordController<W, Q, C, U>(type: CommitteeRecordRoutes<W, Q, C, U>): Type<unknown> {
  const { plural, schemas } = type;

  @Controller()
  class CommitteeRecordController extends recordWritesController<W, U>(plural, schemas.update) {
    readonly records: ReturnType<CommitteeRecordRoutes<W, Q, C, U>['records']>;

    constructor(registers: RegisterRecords) {
      super();
      this.records = type.records(registers);
    }

    @Get(`committees/:committeeId/${plural}`)
    list(
      @CurrentActor() actor: Actor,
      @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
      @Query(new ZodValidationPipe(schemas.list, 'query')) query: Q,
    ): Promise<Page<W>> {
      return this.records.list(actor, committeeId, query);
    }

    @Post(`committees/:committeeId/${plural}`)
    create(
      @CurrentActor() actor: Actor,
      @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
      @Body(new ZodValidationPipe(schemas.create)) body: C,
    ): Promise<W> {
      return this.records.create(actor, committeeId, body);
    }

    @Get(`${plural}/:id`)
    get(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<W> {
      return this.records.get(actor, id);
    }
  }
  return CommitteeRecordController;
}

/**
 * The controller of a register record type governed by another record: list and add at
 * `/api/<parent plural>/:id/<segment>`, change and delete at `/api/<plural>/:id`.
 */
export function childRecordController<W, C, U>(type: ChildRecordRoutes<W, C, U>): Type<unknown> {
  const children = `${type.parent.plural}/:id/${type.segment}`;

  @Controller()
  class ChildRecordController extends recordWritesController<W, U>(type.plural, type.schemas.update) {
    readonly records: ReturnType<ChildRecordRoutes<W, C, U>['records']>;

    constructor(registers: RegisterRecords) {
      super();
      this.records = type.records(registers);
    }

    @Get(children)
    list(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<W[]> {
      return this.records.list(actor, id);
    }

    @Post(children)
    add(
      @CurrentActor() actor: Actor,
      @Param('id', new UuidParamPipe()) id: string,
      @Body(new ZodValidationPipe(type.schemas.create)) body: C,
    ): Promise<W> {
      return this.records.add(actor, id, body);
    }
  }
  return ChildRecordController;
}
