import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../../access/access.module.js';
import { CommitteeSettingsEntity } from './committee-settings.entity.js';
import { CommitteeSettingsService } from './committee-settings.service.js';
import { CommitteesController } from './committees.controller.js';
import { CommitteesService } from './committees.service.js';

@Module({
  imports: [AccessModule, TypeOrmModule.forFeature([CommitteeSettingsEntity])],
  controllers: [CommitteesController],
  providers: [CommitteesService, CommitteeSettingsService],
  exports: [CommitteeSettingsService],
})
export class CommitteesModule {}
