import { Controller, Get, Param } from '@nestjs/common';
import { type CountrySummary, countryCodeSchema } from '@sidang/shared';
import type { Actor } from '../../../access/actor.js';
import { CurrentActor } from '../../../auth/current-actor.decorator.js';
import { UuidParamPipe, ZodValidationPipe } from '../../../common/zod-validation.pipe.js';
import { BilateralService } from './bilateral.service.js';

/** The per-country summary; the register's records have the generic controllers (registers.module.ts). */
@Controller()
export class BilateralController {
  constructor(private readonly bilateral: BilateralService) {}

  @Get('committees/:committeeId/countries/:code')
  country(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Param('code', new ZodValidationPipe(countryCodeSchema, 'code')) code: string,
  ): Promise<CountrySummary> {
    return this.bilateral.country(actor, committeeId, code);
  }
}
