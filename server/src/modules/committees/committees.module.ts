import { Module } from '@nestjs/common';
import { AccessModule } from '../../access/access.module.js';
import { CommitteesController } from './committees.controller.js';
import { CommitteesService } from './committees.service.js';

@Module({
  imports: [AccessModule],
  controllers: [CommitteesController],
  providers: [CommitteesService],
})
export class CommitteesModule {}
