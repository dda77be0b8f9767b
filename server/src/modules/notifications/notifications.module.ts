import { Module } from '@nestjs/common';
import { AccessModule } from '../../access/access.module.js';
import { MailOutboxRepository } from './mail-outbox.repository.js';
import { MailWorker } from './mail-worker.js';
import { NotificationsConsumer } from './notifications.consumer.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsScheduler } from './notifications.scheduler.js';
import { NotificationsService } from './notifications.service.js';
import './notifications.openapi.js';

/** Notifications: derived from the committed change log and the clock, stored per recipient, pushed live. */
@Module({
  imports: [AccessModule],
  controllers: [NotificationsController],
  providers: [
    NotificationsRepository,
    MailOutboxRepository,
    NotificationsService,
    NotificationsConsumer,
    NotificationsScheduler,
    MailWorker,
  ],
  exports: [NotificationsRepository],
})
export class NotificationsModule {}
