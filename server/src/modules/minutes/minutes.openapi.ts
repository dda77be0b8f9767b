import {
  commentThreadSchema,
  createMinutesCommentSchema,
  minutesCommentSchema,
  minutesRecordSchema,
  minutesSchema,
  minutesSectionSchema,
  minutesTransitionSchema,
  minutesVersionSchema,
  minutesVersionSummarySchema,
  updateMinutesCommentSchema,
  updateMinutesSectionSchema,
} from '@sidang/shared';
import { z } from 'zod';
import { describeRoute, idParams } from '../../common/openapi.js';

const tag = 'Minutes';
const forbidden = { 403: 'Your role may not do this' };
const conflict = { 409: 'Stale version, or not allowed in the current status; the stored record is under `current`' };

describeRoute({
  method: 'get',
  path: '/api/meetings/:id/minutes',
  summary: "The meeting's minutes with the sections the caller may see (created on the first read by the chair or secretariat)",
  tag,
  params: idParams,
  response: minutesSchema,
});
describeRoute({
  method: 'post',
  path: '/api/minutes/:id/transition',
  summary:
    'draft → circulated → confirmed → published (circulated → draft for corrections); chair and secretariat, publishing by the chair',
  tag,
  params: idParams,
  body: minutesTransitionSchema,
  response: minutesRecordSchema,
  extraErrors: { ...forbidden, ...conflict },
});
describeRoute({
  method: 'get',
  path: '/api/minutes/:id/versions',
  summary: 'Immutable versions (one per transition out of draft)',
  tag,
  params: idParams,
  response: z.array(minutesVersionSummarySchema),
});
describeRoute({
  method: 'get',
  path: '/api/minutes/:id/versions/:n',
  summary: 'One version, with the sections the caller may see (compare any two side by side)',
  tag,
  params: z.object({ id: z.uuid(), n: z.string().describe('The version number (1, 2, …)') }),
  response: minutesVersionSchema,
});
describeRoute({
  method: 'get',
  path: '/api/minutes/:id/comments',
  summary: 'Comment threads on the sections the caller may see',
  tag,
  params: idParams,
  response: z.array(commentThreadSchema),
});
describeRoute({
  method: 'post',
  path: '/api/minutes/:id/comments',
  summary: 'Start a thread on a passage of a section, or reply (draft and circulated minutes; not observers)',
  tag,
  params: idParams,
  body: createMinutesCommentSchema,
  response: minutesCommentSchema,
  status: 201,
  extraErrors: { ...forbidden, ...conflict },
});
describeRoute({
  method: 'patch',
  path: '/api/minutes-comments/:id',
  summary: 'Resolve or reopen a thread (its author, the chair or the secretariat)',
  tag,
  params: idParams,
  body: updateMinutesCommentSchema,
  response: minutesCommentSchema,
  extraErrors: { ...forbidden, ...conflict },
});
describeRoute({
  method: 'patch',
  path: '/api/minutes-sections/:id',
  summary: "Set a section's action line or raise its level (chair, secretariat; draft minutes)",
  tag,
  params: idParams,
  body: updateMinutesSectionSchema,
  response: minutesSectionSchema,
  extraErrors: { ...forbidden, ...conflict },
});
describeRoute({
  method: 'get',
  path: '/api/minutes/:id/pdf',
  summary: 'The minutes as a PDF in the house format, marked on every page with the highest level shown (application/pdf)',
  tag,
  params: idParams,
});
