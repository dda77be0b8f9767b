import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../../access/access.module.js';
import { CommitteesModule } from '../committees/committees.module.js';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { DecidingController } from './deciding.controller.js';
import { DECIDING_ENTITIES } from './deciding.entities.js';
import './deciding.openapi.js';
import { InterestsService } from './interests.service.js';
import { ResolutionsScheduler } from './resolutions.scheduler.js';
import { ResolutionsService } from './resolutions.service.js';
import { VotesService } from './votes.service.js';

/** Deciding: votes in the meeting, resolutions by circulation and declarations of interest. */
@Module({
  imports: [AccessModule, CommitteesModule, MeetingsModule, NotificationsModule, TypeOrmModule.forFeature(DECIDING_ENTITIES)],
  controllers: [DecidingController],
  providers: [VotesService, InterestsService, ResolutionsService, ResolutionsScheduler],
  exports: [InterestsService],
})
export class DecidingModule {}
