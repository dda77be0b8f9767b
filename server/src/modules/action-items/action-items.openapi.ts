import {
  actionItemSchema,
  createActionItemSchema,
  createProgressUpdateSchema,
  deleteActionItemSchema,
  listActionItemsQuerySchema,
  progressUpdateSchema,
  updateActionItemSchema,
} from '@sidang/shared';
import { z } from 'zod';
import { committeeParams, describeRoute, idParams } from '../../common/openapi.js';

const tag = 'Action items';
const forbidden = { 403: 'Your role may not do this' };
const stale = { 409: 'Stale version; the stored record is under `current`' };

describeRoute({
  method: 'get',
  path: '/api/committees/:committeeId/action-items',
  summary: 'Action items the caller may see',
  tag,
  params: committeeParams,
  query: listActionItemsQuerySchema,
  response: z.array(actionItemSchema),
});
describeRoute({
  method: 'post',
  path: '/api/committees/:committeeId/action-items',
  summary: 'Create an action item (chair, secretariat)',
  tag,
  params: committeeParams,
  body: createActionItemSchema,
  response: actionItemSchema,
  status: 201,
  extraErrors: forbidden,
});
describeRoute({
  method: 'get',
  path: '/api/action-items/:id',
  summary: 'One action item',
  tag,
  params: idParams,
  response: actionItemSchema,
});
describeRoute({
  method: 'patch',
  path: '/api/action-items/:id',
  summary: 'Change an action item (optimistic version)',
  tag,
  params: idParams,
  // The version alone changes nothing and is refused: at least one field besides it.
  body: updateActionItemSchema.meta({ minProperties: 2 }),
  response: actionItemSchema,
  extraErrors: { ...forbidden, ...stale },
});
describeRoute({
  method: 'delete',
  path: '/api/action-items/:id',
  summary: 'Delete an action item (kept in history)',
  tag,
  params: idParams,
  query: deleteActionItemSchema,
  status: 204,
  extraErrors: { ...forbidden, ...stale },
});
describeRoute({
  method: 'get',
  path: '/api/action-items/:id/updates',
  summary: 'Progress thread of an action item',
  tag,
  params: idParams,
  response: z.array(progressUpdateSchema),
});
describeRoute({
  method: 'post',
  path: '/api/action-items/:id/updates',
  summary: 'Post a progress update',
  tag,
  params: idParams,
  body: createProgressUpdateSchema,
  response: progressUpdateSchema,
  status: 201,
  extraErrors: forbidden,
});
