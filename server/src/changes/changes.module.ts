import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { ChangeBus } from './change-bus.js';
import { ChangeEventEntity } from './change-event.entity.js';
import { ChangesService } from './changes.service.js';
import { CommitteeSequenceEntity } from './committee-sequence.entity.js';
import { RecordScopeEntity } from './record-scope.entity.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ChangeEventEntity, AuditEntryEntity, CommitteeSequenceEntity, RecordScopeEntity])],
  providers: [ChangeBus, ChangesService],
  exports: [ChangeBus, ChangesService, TypeOrmModule],
})
export class ChangesModule {}
