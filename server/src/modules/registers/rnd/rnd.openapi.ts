import {
  createRndMilestoneSchema,
  createRndProjectSchema,
  listRndProjectsQuerySchema,
  rndMilestoneSchema,
  rndProjectSchema,
  updateRndMilestoneSchema,
  updateRndProjectSchema,
  valueChainStageSchema,
} from '@sidang/shared';
import { z } from 'zod';
import { describeRoute } from '../../../common/openapi.js';
import { describeRecordRoutes } from '../common/register-routes.js';

const tag = 'R&D projects';

describeRoute({
  method: 'get',
  path: '/api/value-chain-stages',
  summary: 'The stages of the REE value chain (data), in order',
  tag,
  response: z.array(valueChainStageSchema),
});
describeRecordRoutes({
  tag,
  plural: 'rnd-projects',
  noun: 'an R&D project',
  record: rndProjectSchema,
  create: createRndProjectSchema,
  update: updateRndProjectSchema,
  listQuery: listRndProjectsQuerySchema,
});
describeRecordRoutes({
  tag,
  plural: 'rnd-milestones',
  noun: 'a milestone',
  record: rndMilestoneSchema,
  create: createRndMilestoneSchema,
  update: updateRndMilestoneSchema,
  parent: { plural: 'rnd-projects', child: 'milestones' },
  get: false,
});
