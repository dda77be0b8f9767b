import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import {
  type Committee,
  type CommitteeSettings,
  committeeSchema,
  committeeSettingsSchema,
  type Member,
  memberSchema,
  type UpdateCommitteeSettings,
  updateCommitteeSettingsSchema,
} from '@sidang/shared';
import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { committeeParams, describeRoute } from '../../common/openapi.js';
import { UuidParamPipe, ZodValidationPipe } from '../../common/zod-validation.pipe.js';
import { CommitteeSettingsService } from './committee-settings.service.js';
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

describeRoute({
  method: 'get',
  path: '/api/committees/:committeeId/settings',
  summary:
    "The committee's settings: its quorum rule (default: more than half of the voting members) and whether the secretariat votes (default: not)",
  tag,
  params: committeeParams,
  response: committeeSettingsSchema,
});
describeRoute({
  method: 'patch',
  path: '/api/committees/:committeeId/settings',
  summary: "Set the committee's quorum rule or whether its secretariat votes (chair, secretariat, administrator); live and audited",
  tag,
  params: committeeParams,
  // The version and at least one setting.
  body: updateCommitteeSettingsSchema.meta({ minProperties: 2 }),
  response: committeeSettingsSchema,
  extraErrors: { 403: 'Your role may not do this', 409: 'Stale version; the stored record is under `current`' },
});

@Controller('committees')
export class CommitteesController {
  constructor(
    private readonly committees: CommitteesService,
    private readonly settings: CommitteeSettingsService,
  ) {}

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

  @Get(':committeeId/settings')
  getSettings(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
  ): Promise<CommitteeSettings> {
    return this.settings.get(actor, committeeId);
  }

  @Patch(':committeeId/settings')
  updateSettings(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Body(new ZodValidationPipe(updateCommitteeSettingsSchema)) body: UpdateCommitteeSettings,
  ): Promise<CommitteeSettings> {
    return this.settings.update(actor, committeeId, body);
  }
}
