import { Body, Controller, Delete, Get, HttpCode, Param, Put, Res } from '@nestjs/common';
import { type Member, type MemberCandidate, type PutMember, putMemberSchema } from '@sidang/shared';
import type { Response } from 'express';
import type { Actor } from '../../access/actor.js';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { UuidParamPipe, ZodValidationPipe } from '../../common/zod-validation.pipe.js';
import { MembershipsService } from './memberships.service.js';

/** Memberships of one committee: administrators, and the committee's chair. */
@Controller('committees/:committeeId')
export class MembershipsController {
  constructor(private readonly memberships: MembershipsService) {}

  /** 201 when the membership is new, 200 when its role changed (or was already that role). */
  @Put('members/:userId')
  async put(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Param('userId', new UuidParamPipe('userId')) userId: string,
    @Body(new ZodValidationPipe(putMemberSchema)) body: PutMember,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Member> {
    const { member, created } = await this.memberships.put(actor, committeeId, userId, body.role);
    response.status(created ? 201 : 200);
    return member;
  }

  @Delete('members/:userId')
  @HttpCode(204)
  remove(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Param('userId', new UuidParamPipe('userId')) userId: string,
  ): Promise<void> {
    return this.memberships.remove(actor, committeeId, userId);
  }

  @Get('member-candidates')
  candidates(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
  ): Promise<MemberCandidate[]> {
    return this.memberships.candidates(actor, committeeId);
  }
}
