import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../../access/access.module.js';
import { MeetingEntity } from '../meetings/meeting.entity.js';
import { HomeController } from './home.controller.js';
import { HomeRepository } from './home.repository.js';
import { HomeService } from './home.service.js';
import { HomeVisitEntity } from './home-visit.entity.js';

@Module({
  imports: [AccessModule, TypeOrmModule.forFeature([HomeVisitEntity, MeetingEntity])],
  controllers: [HomeController],
  providers: [HomeRepository, HomeService],
})
export class HomeModule {}
