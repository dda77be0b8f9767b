import { Body, Delete, HttpCode, Param, Patch, Query } from '@nestjs/common';
import { deleteVersionSchema } from '@sidang/shared';
import type { z } from 'zod';
import type { Actor } from '../access/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { UuidParamPipe, ZodValidationPipe } from './zod-validation.pipe.js';

/** What a service of a versioned record type offers at `/api/<plural>/:id`. */
export interface RecordWrites<W, U> {
  update(actor: Actor, id: string, input: U): Promise<W>;
  remove(actor: Actor, id: string, version: number): Promise<void>;
}

/**
 * A base for the controller of a versioned record type: PATCH `/api/<plural>/:id` (the body
 * parsed by `update`) and DELETE `/api/<plural>/:id?version=` (204), delegated to `records`.
 */
export function recordWritesController<W, U>(plural: string, update: z.ZodType<U>) {
  abstract class RecordWritesController {
    abstract readonly records: RecordWrites<W, U>;

    @Patch(`${plural}/:id`)
    update(
      @CurrentActor() actor: Actor,
      @Param('id', new UuidParamPipe()) id: string,
      @Body(new ZodValidationPipe(update)) body: U,
    ): Promise<W> {
      return this.records.update(actor, id, body);
    }

    @Delete(`${plural}/:id`)
    @HttpCode(204)
    remove(
      @CurrentActor() actor: Actor,
      @Param('id', new UuidParamPipe()) id: string,
      @Query(new ZodValidationPipe(deleteVersionSchema, 'query')) query: z.output<typeof deleteVersionSchema>,
    ): Promise<void> {
      return this.records.remove(actor, id, query.version);
    }
  }
  return RecordWritesController;
}
