import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  classificationLevel,
  DEFAULT_NOTIFICATION_DELIVERY,
  type EntityType,
  type FollowState,
  isNotificationKind,
  type NotificationPreferences,
  type NotificationPreferencesUpdate,
  type NotificationQuery,
  type NotificationReadRequest,
} from '@sidang/shared';
import type { Subscription } from 'rxjs';
import { AccessService } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import { ChangesService } from '../../changes/changes.service.js';
import { UserBus, type UserNotice } from '../../changes/user-bus.js';
import { governingLevelOf } from '../../changes/visibility.js';
import { NotFoundError } from '../../common/errors.js';
import { toNotification } from './notifications.mapper.js';
import { NotificationsRepository } from './notifications.repository.js';

/**
 * A user's notifications, as they may see them now (membership and clearance read at every
 * read), their preferences and the records they follow; and the live delivery of a new
 * notification to its recipient's sockets on this node.
 */
@Injectable()
export class NotificationsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(NotificationsService.name);
  private subscription: Subscription | undefined;

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly access: AccessService,
    private readonly changes: ChangesService,
    private readonly userBus: UserBus,
  ) {}

  onModuleInit(): void {
    this.subscription = this.userBus.arrivals$.subscribe((notice) => void this.deliver(notice));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  async page(actor: Actor, query: NotificationQuery) {
    const reader = await this.repository.reader(actor.id);
    if (!reader) return { items: [], nextCursor: null, unreadCount: 0 };
    const rows = await this.repository.readable({
      userId: actor.id,
      unread: query.unread,
      before: query.cursor === undefined ? undefined : Number(query.cursor),
      limit: query.limit,
    });
    const items = rows.map((row) => toNotification(row, reader.clearance, reader.locale));
    const last = rows.at(-1);
    return {
      items,
      nextCursor: rows.length === query.limit && last ? String(last.n) : null,
      unreadCount: await this.repository.unreadCount(actor.id),
    };
  }

  async markRead(actor: Actor, request: NotificationReadRequest) {
    await this.repository.markRead(actor.id, request.all === true ? null : (request.ids ?? []));
    return { unreadCount: await this.repository.unreadCount(actor.id) };
  }

  async preferences(actor: Actor): Promise<NotificationPreferences> {
    const chosen = Object.entries(await this.repository.preferences(actor.id)).filter(([kind]) => isNotificationKind(kind));
    return { kinds: { ...DEFAULT_NOTIFICATION_DELIVERY, ...Object.fromEntries(chosen) } };
  }

  async setPreferences(actor: Actor, update: NotificationPreferencesUpdate): Promise<NotificationPreferences> {
    await this.repository.setPreferences(actor.id, update.kinds);
    return this.preferences(actor);
  }

  async followState(actor: Actor, entityType: EntityType, entityId: string): Promise<FollowState> {
    await this.requireVisible(actor, entityType, entityId);
    return { entityType, entityId, following: await this.repository.follows(actor.id, entityId) };
  }

  async follow(actor: Actor, entityType: EntityType, entityId: string): Promise<FollowState> {
    const committeeId = await this.requireVisible(actor, entityType, entityId);
    await this.repository.follow(this.repository.dataSource.manager, { userId: actor.id, entityType, entityId, committeeId });
    return { entityType, entityId, following: true };
  }

  async unfollow(actor: Actor, entityType: EntityType, entityId: string): Promise<FollowState> {
    await this.requireVisible(actor, entityType, entityId);
    await this.repository.unfollow(actor.id, entityId);
    return { entityType, entityId, following: false };
  }

  /** The record's committee when the caller may see it; 404 otherwise (as for a record that does not exist). */
  private async requireVisible(actor: Actor, entityType: EntityType, entityId: string): Promise<string> {
    const state = await this.changes.recordState(entityId);
    const access =
      state && !state.deleted && state.entityType === entityType ? await this.access.forCommittee(actor, state.committeeId) : null;
    if (!state || !access) throw new NotFoundError('record');
    const level = await governingLevelOf(this.repository.dataSource.manager, entityId);
    if (level > classificationLevel(actor.clearance)) throw new NotFoundError('record');
    return state.committeeId;
  }

  /** Sends a new notification to its recipient's sockets on this node, as they may see it now. */
  private async deliver(notice: UserNotice): Promise<void> {
    if ((notice.event && notice.event !== 'notification') || !this.userBus.hasSockets(notice.userId)) return;
    try {
      const reader = await this.repository.reader(notice.userId);
      if (!reader) return;
      const [row] = await this.repository.readable({ userId: notice.userId, unread: false, ids: [notice.id], limit: 1 });
      if (row) this.userBus.emit(notice.userId, toNotification(row, reader.clearance, reader.locale));
    } catch (error) {
      this.logger.warn(`A notification was stored but not pushed (it is listed): ${(error as Error).message}`);
    }
  }
}
