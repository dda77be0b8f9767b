import { Module } from '@nestjs/common';
import { AccessModule } from '../../access/access.module.js';
import { ActionItemsModule } from '../action-items/action-items.module.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/** A committee's reports: attendance per member over a year, action items per agency. */
@Module({
  imports: [AccessModule, ActionItemsModule],
  controllers: [ReportsController],
  providers: [ReportsService],
})
export class ReportsModule {}
