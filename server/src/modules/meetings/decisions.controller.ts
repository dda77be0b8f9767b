import { Body, Controller, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { type Decision, type UpdateDecision, updateDecisionSchema, type WithdrawDecision, withdrawDecisionSchema } from '@sidang/shared';
import type { Actor } from '../../access/actor.js';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { UuidParamPipe, ZodValidationPipe } from '../../common/zod-validation.pipe.js';
import { DecisionsService } from './decisions.service.js';
import './decisions.openapi.js';

/** A decision corrected or withdrawn (chair, secretariat); recording one is on its agenda item. */
@Controller()
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Patch('decisions/:id')
  correct(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(updateDecisionSchema)) body: UpdateDecision,
  ): Promise<Decision> {
    return this.decisions.correct(actor, id, body);
  }

  @Post('decisions/:id/withdraw')
  @HttpCode(200)
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(withdrawDecisionSchema)) body: WithdrawDecision,
  ): Promise<Decision> {
    return this.decisions.withdraw(actor, id, body);
  }
}
