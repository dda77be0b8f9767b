import { decisionSchema, updateDecisionSchema, withdrawDecisionSchema } from '@sidang/shared';
import { describeTag, FORBIDDEN, idParams, STALE } from '../../common/openapi.js';

const describe = describeTag('Meetings');

describe({
  method: 'patch',
  path: '/api/decisions/:id',
  summary: 'Correct a decision (chair, secretariat): its text, or its level; the earlier text stays in the activity',
  params: idParams,
  body: updateDecisionSchema.meta({ minProperties: 2 }),
  response: decisionSchema,
  extraErrors: { ...FORBIDDEN, 409: 'Stale version, or a withdrawn decision (code `conflict`); the stored decision is under `current`' },
});
describe({
  method: 'post',
  path: '/api/decisions/:id/withdraw',
  summary: 'Withdraw a decision (chair, secretariat): it stays, marked withdrawn with the reason',
  params: idParams,
  body: withdrawDecisionSchema,
  response: decisionSchema,
  extraErrors: { ...FORBIDDEN, ...STALE },
});
