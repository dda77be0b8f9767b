import {
  agreementSchema,
  bilateralCommitmentSchema,
  bilateralMeetingSchema,
  countryCodeSchema,
  countrySummarySchema,
  createAgreementSchema,
  createBilateralCommitmentSchema,
  createBilateralMeetingSchema,
  listAgreementsQuerySchema,
  listBilateralMeetingsQuerySchema,
  updateAgreementSchema,
  updateBilateralCommitmentSchema,
  updateBilateralMeetingSchema,
} from '@sidang/shared';
import { z } from 'zod';
import { describeRoute } from '../../../common/openapi.js';
import { describeRecordRoutes } from '../common/register-routes.js';

const tag = 'Bilateral meetings';

describeRecordRoutes({
  tag,
  plural: 'bilateral-meetings',
  noun: 'a bilateral meeting',
  record: bilateralMeetingSchema,
  create: createBilateralMeetingSchema,
  update: updateBilateralMeetingSchema,
  listQuery: listBilateralMeetingsQuerySchema,
});
describeRecordRoutes({
  tag,
  plural: 'bilateral-commitments',
  noun: 'a commitment',
  record: bilateralCommitmentSchema,
  create: createBilateralCommitmentSchema,
  update: updateBilateralCommitmentSchema,
  parent: { plural: 'bilateral-meetings', child: 'commitments' },
  get: false,
});
describeRecordRoutes({
  tag,
  plural: 'agreements',
  noun: 'an agreement',
  record: agreementSchema,
  create: createAgreementSchema,
  update: updateAgreementSchema,
  listQuery: listAgreementsQuerySchema,
});
describeRoute({
  method: 'get',
  path: '/api/committees/:committeeId/countries/:code',
  summary: 'One partner country: engagements, open commitments and agreements the caller may see',
  tag,
  params: z.object({ committeeId: z.uuid(), code: countryCodeSchema }),
  response: countrySummarySchema,
});
