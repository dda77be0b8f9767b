import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../../access/access.module.js';
import { RateLimitModule } from '../../common/rate-limit/rate-limit.module.js';
import { ActionItemsModule } from '../action-items/action-items.module.js';
import { CommitteesModule } from '../committees/committees.module.js';
import { AgendaItemEntity } from './agenda-item.entity.js';
import { AttendanceEntity } from './attendance.entity.js';
import { AttendanceService } from './attendance.service.js';
import { CalendarFeedController } from './calendar-feed.controller.js';
import { CalendarFeedEntity } from './calendar-feed.entity.js';
import { CalendarFeedService } from './calendar-feed.service.js';
import { DecisionEntity } from './decision.entity.js';
import { DecisionsController } from './decisions.controller.js';
import { DecisionsService } from './decisions.service.js';
import { MeetingEntity } from './meeting.entity.js';
import { MeetingsController } from './meetings.controller.js';
import './meetings.openapi.js';
import { MeetingsRepository } from './meetings.repository.js';
import { MeetingsService } from './meetings.service.js';

@Module({
  imports: [
    AccessModule,
    ActionItemsModule,
    CommitteesModule,
    RateLimitModule,
    TypeOrmModule.forFeature([MeetingEntity, AgendaItemEntity, AttendanceEntity, DecisionEntity, CalendarFeedEntity]),
  ],
  controllers: [MeetingsController, CalendarFeedController, DecisionsController],
  providers: [MeetingsRepository, MeetingsService, AttendanceService, DecisionsService, CalendarFeedService],
  exports: [MeetingsService, DecisionsService, AttendanceService],
})
export class MeetingsModule {}
