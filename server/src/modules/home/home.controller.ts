import { Controller, Get, Param } from '@nestjs/common';
import { type CommitteeHome, committeeHomeSchema, type MyHome, myHomeSchema } from '@sidang/shared';
import type { Actor } from '../../access/actor.js';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { committeeParams, describeTag } from '../../common/openapi.js';
import { UuidParamPipe } from '../../common/zod-validation.pipe.js';
import { HomeService } from './home.service.js';

const describe = describeTag('Home');

describe({
  method: 'get',
  path: '/api/committees/:committeeId/home',
  summary:
    "The caller's home in a committee: their actions (overdue, due soon), the meeting in progress and the next, minutes to review, changes to the records they own or follow since their last visit; the chair and secretariat also get the committee's figures",
  params: committeeParams,
  response: committeeHomeSchema,
});
describe({
  method: 'get',
  path: '/api/me/home',
  summary: "The caller's home across their committees (without the committee-wide figures)",
  response: myHomeSchema,
});

@Controller()
export class HomeController {
  constructor(private readonly home: HomeService) {}

  @Get('committees/:committeeId/home')
  committeeHome(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
  ): Promise<CommitteeHome> {
    return this.home.committeeHome(actor, committeeId);
  }

  @Get('me/home')
  myHome(@CurrentActor() actor: Actor): Promise<MyHome> {
    return this.home.myHome(actor);
  }
}
