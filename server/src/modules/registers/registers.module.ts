import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../../access/access.module.js';
import { BilateralController } from './bilateral/bilateral.controller.js';
import './bilateral/bilateral.openapi.js';
import { AGREEMENTS, BILATERAL_COMMITMENTS, BILATERAL_MEETINGS } from './bilateral/bilateral.register.js';
import { BilateralService } from './bilateral/bilateral.service.js';
import { childRecordController, committeeRecordController } from './common/register-controller.js';
import { RegisterKit } from './common/register-kit.js';
import { RegisterRecords } from './common/register-records.js';
import './negotiations/negotiations.openapi.js';
import { NEGOTIATION_ROUNDS, NEGOTIATIONS } from './negotiations/negotiations.register.js';
import { REGISTER_ENTITIES } from './registers.entities.js';
import { RndController } from './rnd/rnd.controller.js';
import './rnd/rnd.openapi.js';
import { RND_MILESTONES, RND_PROJECTS } from './rnd/rnd.register.js';
import { RndService } from './rnd/rnd.service.js';

/**
 * The registers: bilateral meetings (commitments, agreements), negotiations (rounds), R&D
 * projects (milestones). Every record type has the generic controller and service, driven by
 * its definition; the per-register controllers hold what only that register has.
 */
@Module({
  imports: [AccessModule, TypeOrmModule.forFeature(REGISTER_ENTITIES)],
  controllers: [
    committeeRecordController(BILATERAL_MEETINGS),
    childRecordController(BILATERAL_COMMITMENTS),
    committeeRecordController(AGREEMENTS),
    BilateralController,
    committeeRecordController(NEGOTIATIONS),
    childRecordController(NEGOTIATION_ROUNDS),
    RndController,
    committeeRecordController(RND_PROJECTS),
    childRecordController(RND_MILESTONES),
  ],
  providers: [RegisterKit, RegisterRecords, BilateralService, RndService],
  exports: [RegisterRecords],
})
export class RegistersModule {}
