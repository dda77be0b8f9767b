import { InterestEntity } from './interest.entity.js';
import { ResolutionAnswerEntity, ResolutionEntity } from './resolution.entity.js';
import { VoteBallotCastEntity, VoteChoiceEntity, VoteEntity } from './vote.entity.js';

/** The deciding slice's tables (votes, who voted, secret choices, declarations of interest). */
export const DECIDING_ENTITIES = [
  VoteEntity,
  VoteBallotCastEntity,
  VoteChoiceEntity,
  InterestEntity,
  ResolutionEntity,
  ResolutionAnswerEntity,
];
