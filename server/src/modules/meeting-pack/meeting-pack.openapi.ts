import { meetingPackQuerySchema } from '@sidang/shared';
import { describeTag, idParams } from '../../common/openapi.js';

const describe = describeTag('Meetings');

describe({
  method: 'get',
  path: '/api/meetings/:id/pack.pdf',
  summary:
    "The meeting pack as the caller may see it (application/pdf): cover, agenda and every paper they may see in agenda order, bookmarked per item; every page carries its marking, its number and the caller's name and the time. Nothing above the caller is in it, titles included",
  params: idParams,
  query: meetingPackQuerySchema,
  responseMediaType: 'application/pdf',
  extraErrors: { 404: 'No such meeting, or not permitted to see it' },
});
