import { Module } from '@nestjs/common';
import { AccessModule } from '../../access/access.module.js';
import { AdminController } from './admin.controller.js';
import './admin.openapi.js';
import { AdminRepository } from './admin.repository.js';
import { AdminService } from './admin.service.js';
import { MembershipsController } from './memberships.controller.js';
import { MembershipsService } from './memberships.service.js';

@Module({
  imports: [AccessModule],
  controllers: [AdminController, MembershipsController],
  providers: [AdminRepository, AdminService, MembershipsService],
})
export class AdminModule {}
