import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access/access.module.js';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { ChangeBus } from './change-bus.js';
import { ChangeEventEntity } from './change-event.entity.js';
import { ChangesService } from './changes.service.js';
import { CommitteeSequenceEntity } from './committee-sequence.entity.js';
import { RecordKit } from './record-kit.js';
import { RecordScopeEntity } from './record-scope.entity.js';
import { UserBus } from './user-bus.js';

@Global()
@Module({
  imports: [AccessModule, TypeOrmModule.forFeature([ChangeEventEntity, AuditEntryEntity, CommitteeSequenceEntity, RecordScopeEntity])],
  providers: [ChangeBus, UserBus, ChangesService, RecordKit],
  exports: [ChangeBus, UserBus, ChangesService, RecordKit, TypeOrmModule],
})
export class ChangesModule {}
