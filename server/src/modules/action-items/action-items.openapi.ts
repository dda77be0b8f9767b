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
import { committeeParams, deleteRecordRoute, describeTag, FORBIDDEN, idParams, STALE } from '../../common/openapi.js';

const describe = describeTag('Action items');

describe({
  method: 'get',
  path: '/api/committees/:committeeId/action-items',
  summary: 'Action items the caller may see',
  params: committeeParams,
  query: listActionItemsQuerySchema,
  response: z.array(actionItemSchema),
});
describe({
  method: 'post',
  path: '/api/committees/:committeeId/action-items',
  summary: 'Create an action item (chair, secretariat)',
  params: committeeParams,
  body: createActionItemSchema,
  response: actionItemSchema,
  status: 201,
  extraErrors: FORBIDDEN,
});
describe({
  method: 'get',
  path: '/api/action-items/:id',
  summary: 'One action item',
  params: idParams,
  response: actionItemSchema,
});
describe({
  method: 'patch',
  path: '/api/action-items/:id',
  summary: 'Change an action item (optimistic version)',
  params: idParams,
  // The version alone changes nothing and is refused: at least one field besides it.
  body: updateActionItemSchema.meta({ minProperties: 2 }),
  response: actionItemSchema,
  extraErrors: { ...FORBIDDEN, ...STALE },
});
describe(deleteRecordRoute('/api/action-items/:id', 'Delete an action item (kept in history)', { query: deleteActionItemSchema }));
describe({
  method: 'get',
  path: '/api/action-items/:id/updates',
  summary: 'Progress thread of an action item',
  params: idParams,
  response: z.array(progressUpdateSchema),
});
describe({
  method: 'post',
  path: '/api/action-items/:id/updates',
  summary: 'Post a progress update',
  params: idParams,
  body: createProgressUpdateSchema,
  response: progressUpdateSchema,
  status: 201,
  extraErrors: FORBIDDEN,
});
