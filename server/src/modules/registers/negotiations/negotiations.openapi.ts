import {
  createNegotiationRoundSchema,
  createNegotiationSchema,
  listNegotiationsQuerySchema,
  negotiationRoundSchema,
  negotiationSchema,
  updateNegotiationRoundSchema,
  updateNegotiationSchema,
} from '@sidang/shared';
import { describeRecordRoutes } from '../common/register-routes.js';

const tag = 'Negotiations';

describeRecordRoutes({
  tag,
  plural: 'negotiations',
  noun: 'a negotiation',
  record: negotiationSchema,
  create: createNegotiationSchema,
  update: updateNegotiationSchema,
  listQuery: listNegotiationsQuerySchema,
});
describeRecordRoutes({
  tag,
  plural: 'negotiation-rounds',
  noun: 'a round',
  record: negotiationRoundSchema,
  create: createNegotiationRoundSchema,
  update: updateNegotiationRoundSchema,
  parent: { plural: 'negotiations', child: 'rounds' },
  get: false,
});
