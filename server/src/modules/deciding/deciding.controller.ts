import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { castBallotSchema, declareInterestSchema, type Interest, type ItemQuorum, openVoteSchema, type Vote } from '@sidang/shared';
import type { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { UuidParamPipe, ZodValidationPipe } from '../../common/zod-validation.pipe.js';
import { InterestsService } from './interests.service.js';
import { VotesService } from './votes.service.js';

@Controller()
export class DecidingController {
  constructor(
    private readonly votes: VotesService,
    private readonly interests: InterestsService,
  ) {}

  @Get('meetings/:meetingId/votes')
  votesOf(@CurrentActor() actor: Actor, @Param('meetingId', new UuidParamPipe('meetingId')) meetingId: string): Promise<Vote[]> {
    return this.votes.ofMeeting(actor, meetingId);
  }

  @Post('agenda-items/:id/votes')
  openVote(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(openVoteSchema)) body: z.output<typeof openVoteSchema>,
  ): Promise<Vote> {
    return this.votes.open(actor, id, body);
  }

  @Get('votes/:id')
  vote(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<Vote> {
    return this.votes.get(actor, id);
  }

  @Post('votes/:id/ballots')
  @HttpCode(200)
  cast(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(castBallotSchema)) body: z.output<typeof castBallotSchema>,
  ): Promise<Vote> {
    return this.votes.cast(actor, id, body.choice);
  }

  @Post('votes/:id/close')
  @HttpCode(200)
  close(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<Vote> {
    return this.votes.close(actor, id);
  }

  @Post('agenda-items/:id/interests')
  declareOnItem(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(declareInterestSchema)) body: z.output<typeof declareInterestSchema>,
  ): Promise<Interest> {
    return this.interests.declareOnItem(actor, id, body);
  }

  @Get('agenda-items/:id/quorum')
  itemQuorum(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<ItemQuorum> {
    return this.interests.itemQuorum(actor, id);
  }

  @Get('meetings/:meetingId/interests')
  interestsOf(@CurrentActor() actor: Actor, @Param('meetingId', new UuidParamPipe('meetingId')) meetingId: string): Promise<Interest[]> {
    return this.interests.ofMeeting(actor, meetingId);
  }
}
