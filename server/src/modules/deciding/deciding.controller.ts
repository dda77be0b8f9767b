import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  answerResolutionSchema,
  type CastBallotAnswer,
  castBallotSchema,
  createResolutionSchema,
  declareInterestSchema,
  type Interest,
  type ItemQuorum,
  openVoteSchema,
  type Resolution,
  type Vote,
} from '@sidang/shared';
import type { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { UuidParamPipe, ZodValidationPipe } from '../../common/zod-validation.pipe.js';
import { InterestsService } from './interests.service.js';
import { ResolutionsService } from './resolutions.service.js';
import { VotesService } from './votes.service.js';

@Controller()
export class DecidingController {
  constructor(
    private readonly votes: VotesService,
    private readonly interests: InterestsService,
    private readonly resolutions: ResolutionsService,
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
  ): Promise<CastBallotAnswer> {
    return this.votes.cast(actor, id, body.choice, body.receipt);
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

  @Get('committees/:committeeId/resolutions')
  resolutionsOf(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
  ): Promise<Resolution[]> {
    return this.resolutions.list(actor, committeeId);
  }

  @Post('committees/:committeeId/resolutions')
  circulate(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Body(new ZodValidationPipe(createResolutionSchema)) body: z.output<typeof createResolutionSchema>,
  ): Promise<Resolution> {
    return this.resolutions.create(actor, committeeId, body);
  }

  @Get('resolutions/:id')
  resolution(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<Resolution> {
    return this.resolutions.get(actor, id);
  }

  @Post('resolutions/:id/answers')
  @HttpCode(200)
  answer(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(answerResolutionSchema)) body: z.output<typeof answerResolutionSchema>,
  ): Promise<Resolution> {
    return this.resolutions.answer(actor, id, body);
  }

  @Post('resolutions/:id/interests')
  declareOnResolution(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(declareInterestSchema)) body: z.output<typeof declareInterestSchema>,
  ): Promise<Interest> {
    return this.resolutions.declareInterest(actor, id, body);
  }

  @Get('meetings/:meetingId/resolutions')
  circulatedBefore(
    @CurrentActor() actor: Actor,
    @Param('meetingId', new UuidParamPipe('meetingId')) meetingId: string,
  ): Promise<Resolution[]> {
    return this.resolutions.forMeeting(actor, meetingId);
  }
}
