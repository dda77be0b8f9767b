import { rndMilestoneSchema, rndProjectSchema, valueChainStageSchema } from '@sidang/shared';
import { z } from 'zod';
import { describeRoute } from '../../../common/openapi.js';
import { describeRecordRoutes } from '../common/register-routes.js';
import { RND_MILESTONES, RND_PROJECTS } from './rnd.register.js';

const tag = 'R&D projects';

describeRoute({
  method: 'get',
  path: '/api/value-chain-stages',
  summary: 'The stages of the REE value chain (data), in order',
  tag,
  response: z.array(valueChainStageSchema),
});
describeRecordRoutes(RND_PROJECTS, { tag, noun: 'an R&D project', record: rndProjectSchema });
describeRecordRoutes(RND_MILESTONES, { tag, noun: 'a milestone', record: rndMilestoneSchema });
