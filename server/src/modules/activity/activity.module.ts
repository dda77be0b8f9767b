import { Module } from '@nestjs/common';
import { AccessModule } from '../../access/access.module.js';
import { ActivityController } from './activity.controller.js';
import { ActivityRepository } from './activity.repository.js';
import { ActivityService } from './activity.service.js';

@Module({
  imports: [AccessModule],
  controllers: [ActivityController],
  providers: [ActivityRepository, ActivityService],
})
export class ActivityModule {}
