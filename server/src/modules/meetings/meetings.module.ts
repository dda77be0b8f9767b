import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../../access/access.module.js';
import { AgendaItemEntity } from './agenda-item.entity.js';
import { MeetingEntity } from './meeting.entity.js';
import { MeetingsController } from './meetings.controller.js';
import './meetings.openapi.js';
import { MeetingsRepository } from './meetings.repository.js';
import { MeetingsService } from './meetings.service.js';

@Module({
  imports: [AccessModule, TypeOrmModule.forFeature([MeetingEntity, AgendaItemEntity])],
  controllers: [MeetingsController],
  providers: [MeetingsRepository, MeetingsService],
  exports: [MeetingsService],
})
export class MeetingsModule {}
