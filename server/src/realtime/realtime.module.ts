import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { CatchUpController } from './catch-up.controller.js';
import { CatchUpService } from './catch-up.service.js';
import { ChangeLogRepository } from './change-log.repository.js';
import { EventRelay } from './event-relay.js';
import { PresenceService } from './presence.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { RedisFanout } from './redis-fanout.js';

@Module({
  imports: [AccessModule],
  controllers: [CatchUpController],
  providers: [ChangeLogRepository, CatchUpService, EventRelay, PresenceService, RealtimeGateway, RedisFanout],
})
export class RealtimeModule {}
