import { Controller, Get, Param } from '@nestjs/common';
import { type Committee, committeeSchema, type Member, memberSchema } from '@sidang/shared';
import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { committeeParams, describeRoute } from '../../common/openapi.js';
import { UuidParamPipe } from '../../common/zod-validation.pipe.js';
import { CommitteesService } from './committees.service.js';

const tag = 'Committees';
describeRoute({ method: 'get', path: '/api/committees', summary: "The caller's committees", tag, response: z.array(committeeSchema) });
describeRoute({
  method: 'get',
  path: '/api/committees/:committeeId',
  summary: 'One committee',
  tag,
  params: committeeParams,
  response: committeeSchema,
});
describeRoute({
  method: 'get',
  path: '/api/committees/:committeeId/members',
  summary: 'Members of a committee',
  tag,
  params: committeeParams,
  response: z.array(memberSchema),
});

@Controller('committees')
export class CommitteesController {
  constructor(private readonly committees: CommitteesService) {}

  @Get()
  list(@CurrentActor() actor: Actor): Promise<Committee[]> {
    return this.committees.list(actor);
  }

  @Get(':committeeId')
  get(@CurrentActor() actor: Actor, @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string): Promise<Committee> {
    return this.committees.get(actor, committeeId);
  }

  @Get(':committeeId/members')
  members(@CurrentActor() actor: Actor, @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string): Promise<Member[]> {
    return this.committees.members(actor, committeeId);
  }
}
