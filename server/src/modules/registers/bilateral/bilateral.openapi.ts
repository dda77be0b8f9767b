import {
  agreementSchema,
  bilateralCommitmentSchema,
  bilateralMeetingSchema,
  countryCodeSchema,
  countrySummarySchema,
} from '@sidang/shared';
import { z } from 'zod';
import { describeRoute } from '../../../common/openapi.js';
import { describeRecordRoutes } from '../common/register-routes.js';
import { AGREEMENTS, BILATERAL_COMMITMENTS, BILATERAL_MEETINGS } from './bilateral.register.js';

const tag = 'Bilateral meetings';

describeRecordRoutes(BILATERAL_MEETINGS, { tag, noun: 'a bilateral meeting', record: bilateralMeetingSchema });
describeRecordRoutes(BILATERAL_COMMITMENTS, { tag, noun: 'a commitment', record: bilateralCommitmentSchema });
describeRecordRoutes(AGREEMENTS, { tag, noun: 'an agreement', record: agreementSchema });
describeRoute({
  method: 'get',
  path: '/api/committees/:committeeId/countries/:code',
  summary: 'One partner country: engagements, open commitments and agreements the caller may see',
  tag,
  params: z.object({ committeeId: z.uuid(), code: countryCodeSchema }),
  response: countrySummarySchema,
});
