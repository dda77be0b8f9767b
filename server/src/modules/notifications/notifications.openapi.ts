import * as wire from '@sidang/shared';
import { describePaths, type TaggedPaths } from '../../common/openapi.js';

const PATHS: TaggedPaths = {
  '/api/notifications': {
    get: {
      summary: "The caller's notifications, newest first, as they may see them now (membership and clearance read again)",
      query: wire.notificationQuerySchema,
      response: wire.notificationPageSchema,
    },
  },
  '/api/notifications/read': {
    post: {
      summary: "Mark some (ids) or all of the caller's notifications read",
      body: wire.notificationReadRequestSchema,
      response: wire.notificationReadResultSchema,
      status: 200,
    },
  },
  '/api/me/notification-preferences': {
    get: {
      summary: 'How each kind of notification reaches the caller (in-app, email, digest, off)',
      response: wire.notificationPreferencesSchema,
    },
    put: {
      summary: 'Change how some kinds of notification reach the caller',
      body: wire.notificationPreferencesUpdateSchema,
      response: wire.notificationPreferencesSchema,
    },
  },
};
const follow = {
  params: wire.followParamsSchema,
  response: wire.followStateSchema,
  extraErrors: { 404: 'No such record, or the caller may not see it' },
};
PATHS['/api/follows/:entityType/:entityId'] = {
  get: { summary: 'Whether the caller follows a record', ...follow },
  put: { summary: 'Follow a record: its changes reach the caller as record.changed', ...follow },
  delete: { summary: 'Stop following a record', ...follow },
};

describePaths('Notifications', PATHS);
