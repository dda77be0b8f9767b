import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessService } from './access.service.js';
import { CommitteeEntity } from './committee.entity.js';
import { MembershipEntity } from './membership.entity.js';
import { UserEntity } from './user.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, CommitteeEntity, MembershipEntity])],
  providers: [AccessService],
  exports: [AccessService, TypeOrmModule],
})
export class AccessModule {}
