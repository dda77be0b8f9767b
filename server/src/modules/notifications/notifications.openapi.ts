import * as wire from '@sidang/shared';
import { describeTag, type TaggedRoute } from '../../common/openapi.js';

const describe = describeTag('Notifications');

/** The routes by path, then method, as the OpenAPI document itself is laid out. */
const PATHS: Record<string, Partial<Record<TaggedRoute['method'], Omit<TaggedRoute, 'method' | 'path'>>>> = {
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

for (const [path, methods] of Object.entries(PATHS)) {
  for (const [method, route] of Object.entries(methods)) describe({ ...route, path, method: method as TaggedRoute['method'] });
}
