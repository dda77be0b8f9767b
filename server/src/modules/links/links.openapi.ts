import { createRecordLinkSchema, linkedRecordSchema, recordLinkSchema } from '@sidang/shared';
import { z } from 'zod';
import { describeTag, idParams } from '../../common/openapi.js';

const describe = describeTag('Links');

describe({
  method: 'post',
  path: '/api/links',
  summary: 'Link two records of one committee that the caller may see (chair, secretariat, member)',
  body: createRecordLinkSchema,
  response: recordLinkSchema,
  status: 201,
  extraErrors: {
    403: 'Your role may not do this',
    404: 'fromId or toId is not a record of one committee that the caller may see',
    409: 'The records are linked already; the link is under `current`',
  },
});
describe({
  method: 'delete',
  path: '/api/links/:id',
  summary: 'Remove a link',
  params: idParams,
  status: 204,
  extraErrors: { 403: 'Your role may not do this' },
});
describe({
  method: 'get',
  path: '/api/records/:id/links',
  summary: "A record's links, both directions; links to records the caller may not see are left out",
  params: idParams,
  response: z.array(linkedRecordSchema),
});
