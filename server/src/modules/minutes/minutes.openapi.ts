import {
  commentThreadSchema,
  createMinutesCommentSchema,
  listMinutesCommentsQuerySchema,
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
import { describePaths, FORBIDDEN, idParams } from '../../common/openapi.js';

const conflict = { 409: 'Stale version, or not allowed in the current status; the stored record is under `current`' };

describePaths('Minutes', {
  '/api/meetings/:id/minutes': {
    get: {
      summary: "The meeting's minutes with the sections the caller may see (created on the first read by the chair or secretariat)",
      params: idParams,
      response: minutesSchema,
    },
  },
  '/api/minutes/:id/transition': {
    post: {
      summary:
        'draft → circulated → confirmed → published (circulated → draft for corrections); chair and secretariat, publishing by the chair. Confirming names the confirming meeting, the proposer and the seconder (400 names each field missing or wrong); circulating while the meeting is in progress is refused (409 `meeting_in_progress`)',
      params: idParams,
      body: minutesTransitionSchema,
      response: minutesRecordSchema,
      extraErrors: { ...FORBIDDEN, ...conflict },
    },
  },
  '/api/minutes/:id/versions': {
    get: {
      summary: 'Immutable versions (one per transition out of draft)',
      params: idParams,
      response: z.array(minutesVersionSummarySchema),
    },
  },
  '/api/minutes/:id/versions/:n': {
    get: {
      summary: 'One version, with the sections the caller may see (compare any two side by side)',
      params: z.object({ id: z.uuid(), n: z.string().describe('The version number (1, 2, …)') }),
      response: minutesVersionSchema,
    },
  },
  '/api/minutes/:id/comments': {
    get: {
      summary: 'Comment threads on the sections the caller may see (`resolved=false`: those still open, listed before confirming)',
      params: idParams,
      query: listMinutesCommentsQuerySchema,
      response: z.array(commentThreadSchema),
    },
    post: {
      summary: 'Start a thread on a passage of a section, or reply (draft and circulated minutes; not observers)',
      params: idParams,
      body: createMinutesCommentSchema,
      response: minutesCommentSchema,
      status: 201,
      extraErrors: { ...FORBIDDEN, ...conflict },
    },
  },
  '/api/minutes-comments/:id': {
    patch: {
      summary: 'Resolve or reopen a thread (its author, the chair or the secretariat)',
      params: idParams,
      body: updateMinutesCommentSchema,
      response: minutesCommentSchema,
      extraErrors: { ...FORBIDDEN, ...conflict },
    },
  },
  '/api/minutes-sections/:id': {
    patch: {
      summary: "Set a section's action line or raise its level (chair, secretariat; draft minutes)",
      params: idParams,
      body: updateMinutesSectionSchema,
      response: minutesSectionSchema,
      extraErrors: { ...FORBIDDEN, ...conflict },
    },
  },
  '/api/minutes/:id/pdf': {
    get: {
      summary: 'The minutes as a PDF in the house format, marked on every page with the highest level shown (application/pdf)',
      params: idParams,
    },
  },
});
