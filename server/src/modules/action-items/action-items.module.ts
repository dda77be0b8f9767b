import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../../access/access.module.js';
import { ActionItemEntity } from './action-item.entity.js';
import { ActionItemsController } from './action-items.controller.js';
import './action-items.openapi.js';
import { ActionItemsRepository } from './action-items.repository.js';
import { ActionItemsService } from './action-items.service.js';
import { ProgressUpdateEntity } from './progress-update.entity.js';

@Module({
  imports: [AccessModule, TypeOrmModule.forFeature([ActionItemEntity, ProgressUpdateEntity])],
  controllers: [ActionItemsController],
  providers: [ActionItemsRepository, ActionItemsService],
  exports: [ActionItemsService],
})
export class ActionItemsModule {}
