import {
  answerResolutionSchema,
  castBallotAnswerSchema,
  castBallotSchema,
  createResolutionSchema,
  declareInterestSchema,
  interestSchema,
  itemQuorumSchema,
  openVoteSchema,
  resolutionSchema,
  voteSchema,
} from '@sidang/shared';
import { z } from 'zod';
import { committeeParams, describeTag, FORBIDDEN, idParams, type TaggedRoute } from '../../common/openapi.js';

const describe = describeTag('Deciding');
const meetingParams = z.object({ meetingId: z.uuid() });

/** The caller declares their own interest in the subject at `path` (a second declaration replaces the first). */
const declareInterest = (path: string, summary: string): TaggedRoute => ({
  method: 'post',
  path,
  summary,
  params: idParams,
  body: declareInterestSchema,
  response: interestSchema,
  status: 201,
});

describe({
  method: 'get',
  path: '/api/meetings/:meetingId/votes',
  summary: "The meeting's votes the caller may see, oldest first",
  params: meetingParams,
  response: z.array(voteSchema),
});
describe({
  method: 'post',
  path: '/api/agenda-items/:id/votes',
  summary: 'Open a vote on an agenda item (chair; the meeting in progress). Event vote.opened',
  params: idParams,
  body: openVoteSchema,
  response: voteSchema,
  status: 201,
  extraErrors: { ...FORBIDDEN, 409: 'meeting_not_in_progress: the meeting is not in progress' },
});
describe({ method: 'get', path: '/api/votes/:id', summary: 'One vote', params: idParams, response: voteSchema });
describe({
  method: 'post',
  path: '/api/votes/:id/ballots',
  summary:
    'Cast a ballot (a voting member present); a second ballot replaces the first (a secret one with the receipt its first cast answered). Event vote.tallied',
  params: idParams,
  body: castBallotSchema,
  response: castBallotAnswerSchema,
  extraErrors: {
    403: 'not_voting: not a voting member present; recused: stepped out of the item',
    409: 'vote_closed (with `current`); already_voted: a secret ballot changed without its receipt, or with a wrong one (field `receipt`)',
  },
});
describe({
  method: 'post',
  path: '/api/votes/:id/close',
  summary: "Close the vote (chair): its tally, recorded as the item's decision. Event vote.closed",
  params: idParams,
  response: voteSchema,
  extraErrors: { ...FORBIDDEN, 409: 'vote_closed: already closed (with `current`)' },
});
describe(
  declareInterest(
    '/api/agenda-items/:id/interests',
    "Declare the caller's own interest in an agenda item (a second declaration replaces the first)",
  ),
);
describe({
  method: 'get',
  path: '/api/meetings/:meetingId/interests',
  summary: "The meeting's register of declarations of interest",
  params: meetingParams,
  response: z.array(interestSchema),
});
describe({
  method: 'get',
  path: '/api/agenda-items/:id/quorum',
  summary: "The quorum while the item is discussed: the meeting's, without those who stepped out of it",
  params: idParams,
  response: itemQuorumSchema,
});
describe({
  method: 'get',
  path: '/api/committees/:committeeId/resolutions',
  summary: "The committee's resolutions by circulation the caller may see, newest first",
  params: committeeParams,
  response: z.array(resolutionSchema),
});
describe({
  method: 'post',
  path: '/api/committees/:committeeId/resolutions',
  summary: 'Circulate a resolution for decision between meetings (secretariat, chair). Event resolution.created',
  params: committeeParams,
  body: createResolutionSchema,
  response: resolutionSchema,
  status: 201,
  extraErrors: FORBIDDEN,
});
describe({
  method: 'get',
  path: '/api/resolutions/:id',
  summary: 'One resolution with its answers',
  params: idParams,
  response: resolutionSchema,
});
describe({
  method: 'post',
  path: '/api/resolutions/:id/answers',
  summary:
    'Answer a resolution (a voting member): agree, object or abstain, with a comment. Event resolution.tallied (and resolution.closed once decided)',
  params: idParams,
  body: answerResolutionSchema,
  response: resolutionSchema,
  extraErrors: {
    403: 'not_voting: not a voting member; recused: stepped out of it',
    409: 'vote_closed: the resolution is closed (with `current`)',
  },
});
describe(
  declareInterest(
    '/api/resolutions/:id/interests',
    "Declare the caller's own interest in a resolution (stepping out: no answer, not counted)",
  ),
);
describe({
  method: 'get',
  path: '/api/meetings/:meetingId/resolutions',
  summary: '"Keputusan secara edaran": resolutions closed since the previous meeting started, for noting at this one',
  params: meetingParams,
  response: z.array(resolutionSchema),
});
