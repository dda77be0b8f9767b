import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../../access/access.module.js';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { MinutesController } from './minutes.controller.js';
import { MINUTES_ENTITIES } from './minutes.entity.js';
import { MinutesAccess } from './minutes-access.js';
import { MinutesDocGateway } from './minutes-doc.gateway.js';
import { MinutesDocStore } from './minutes-doc.store.js';
import './minutes.openapi.js';
import { MinutesRepository } from './minutes.repository.js';
import { MinutesService } from './minutes.service.js';

@Module({
  imports: [AccessModule, MeetingsModule, TypeOrmModule.forFeature(MINUTES_ENTITIES)],
  controllers: [MinutesController],
  providers: [MinutesAccess, MinutesDocStore, MinutesDocGateway, MinutesRepository, MinutesService],
  exports: [MinutesService, MinutesDocStore],
})
export class MinutesModule {}
