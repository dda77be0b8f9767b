import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  type FollowParams,
  type FollowState,
  followParamsSchema,
  type NotificationPage,
  type NotificationPreferences,
  type NotificationPreferencesUpdate,
  type NotificationQuery,
  type NotificationReadRequest,
  type NotificationReadResult,
  notificationPreferencesUpdateSchema,
  notificationQuerySchema,
  notificationReadRequestSchema,
} from '@sidang/shared';
import type { Actor } from '../../access/actor.js';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { ZodValidationPipe } from '../../common/zod-validation.pipe.js';
import { NotificationsService } from './notifications.service.js';

const followParams = new ZodValidationPipe(followParamsSchema, 'params');

@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  page(
    @CurrentActor() actor: Actor,
    @Query(new ZodValidationPipe(notificationQuerySchema, 'query')) query: NotificationQuery,
  ): Promise<NotificationPage> {
    return this.notifications.page(actor, query);
  }

  @Post('notifications/read')
  @HttpCode(200)
  read(
    @CurrentActor() actor: Actor,
    @Body(new ZodValidationPipe(notificationReadRequestSchema)) body: NotificationReadRequest,
  ): Promise<NotificationReadResult> {
    return this.notifications.markRead(actor, body);
  }

  @Get('me/notification-preferences')
  preferences(@CurrentActor() actor: Actor): Promise<NotificationPreferences> {
    return this.notifications.preferences(actor);
  }

  @Put('me/notification-preferences')
  setPreferences(
    @CurrentActor() actor: Actor,
    @Body(new ZodValidationPipe(notificationPreferencesUpdateSchema)) body: NotificationPreferencesUpdate,
  ): Promise<NotificationPreferences> {
    return this.notifications.setPreferences(actor, body);
  }

  @Get('follows/:entityType/:entityId')
  following(@CurrentActor() actor: Actor, @Param(followParams) params: FollowParams): Promise<FollowState> {
    return this.notifications.followState(actor, params.entityType, params.entityId.toLowerCase());
  }

  @Put('follows/:entityType/:entityId')
  follow(@CurrentActor() actor: Actor, @Param(followParams) params: FollowParams): Promise<FollowState> {
    return this.notifications.follow(actor, params.entityType, params.entityId.toLowerCase());
  }

  @Delete('follows/:entityType/:entityId')
  unfollow(@CurrentActor() actor: Actor, @Param(followParams) params: FollowParams): Promise<FollowState> {
    return this.notifications.unfollow(actor, params.entityType, params.entityId.toLowerCase());
  }
}
