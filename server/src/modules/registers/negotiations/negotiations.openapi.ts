import { negotiationRoundSchema, negotiationSchema } from '@sidang/shared';
import { describeRecordRoutes } from '../common/register-routes.js';
import { NEGOTIATION_ROUNDS, NEGOTIATIONS } from './negotiations.register.js';

const tag = 'Negotiations';

describeRecordRoutes(NEGOTIATIONS, { tag, noun: 'a negotiation', record: negotiationSchema });
describeRecordRoutes(NEGOTIATION_ROUNDS, { tag, noun: 'a round', record: negotiationRoundSchema });
