import { Module } from '@nestjs/common';
import { AccessModule } from '../../access/access.module.js';
import { ActionItemsModule } from '../action-items/action-items.module.js';
import { RegistersModule } from '../registers/registers.module.js';
import { ExportsController } from './exports.controller.js';
import './exports.openapi.js';
import { ExportsService } from './exports.service.js';

/** CSV and XLSX exports of the action items and of each register. */
@Module({
  imports: [AccessModule, ActionItemsModule, RegistersModule],
  controllers: [ExportsController],
  providers: [ExportsService],
})
export class ExportsModule {}
