import type {
  FollowState,
  NotificationPage,
  NotificationPreferences,
  NotificationPreferencesUpdate,
  NotificationReadRequest,
  NotificationReadResult,
} from '@sidang/shared';
import type { ApiClient } from '../../../lib/api/api-client.ts';

/** Which notifications a list holds: all of the caller's, or the unread ones only. */
export type NotificationFilter = 'all' | 'unread';

/** The feature's query keys: its lists (one per filter), the preferences and each record's follow state. */
export const notificationKeys = {
  all: ['notifications'] as const,
  lists: ['notifications', 'list'] as const,
  list: (filter: NotificationFilter) => ['notifications', 'list', filter] as const,
  /**
   * The bell's read: the unread count (and the newest unread one), held in the lists' shape so
   * that every change of the lists applies to it too.
   */
  summary: ['notifications', 'list', 'summary'] as const,
  preferences: ['notifications', 'preferences'] as const,
  follow: (entityType: string, entityId: string) => ['notifications', 'follow', entityType, entityId] as const,
};

/** How many notifications a page of the panel holds. */
export const NOTIFICATIONS_PAGE = 30;

const enc = encodeURIComponent;
const followPath = (entityType: string, entityId: string) => `/api/follows/${enc(entityType)}/${enc(entityId)}`;

export const notificationsApi = {
  list: (api: ApiClient, filter: NotificationFilter, cursor: string | null, signal?: AbortSignal, limit = NOTIFICATIONS_PAGE) =>
    api.get<NotificationPage>(
      '/api/notifications',
      { limit, ...(filter === 'unread' ? { unread: 'true' } : {}), ...(cursor ? { cursor } : {}) },
      { signal },
    ),
  markRead: (api: ApiClient, request: NotificationReadRequest) => api.post<NotificationReadResult>('/api/notifications/read', request),
  preferences: (api: ApiClient) => api.get<NotificationPreferences>('/api/me/notification-preferences'),
  savePreferences: (api: ApiClient, update: NotificationPreferencesUpdate) =>
    api.put<NotificationPreferences>('/api/me/notification-preferences', update),
  follow: (api: ApiClient, entityType: string, entityId: string) => api.get<FollowState>(followPath(entityType, entityId)),
  setFollow: (api: ApiClient, entityType: string, entityId: string, following: boolean) =>
    following
      ? api.put<FollowState | undefined>(followPath(entityType, entityId))
      : api.delete<FollowState | undefined>(followPath(entityType, entityId)),
};
