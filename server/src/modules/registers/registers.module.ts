import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../../access/access.module.js';
import { AgreementEntity } from './bilateral/agreement.entity.js';
import { BilateralController } from './bilateral/bilateral.controller.js';
import './bilateral/bilateral.openapi.js';
import { BilateralService } from './bilateral/bilateral.service.js';
import { BilateralCommitmentEntity } from './bilateral/bilateral-commitment.entity.js';
import { BilateralMeetingEntity } from './bilateral/bilateral-meeting.entity.js';
import { RegisterKit } from './common/register-kit.js';
import { NegotiationEntity } from './negotiations/negotiation.entity.js';
import { NegotiationRoundEntity } from './negotiations/negotiation-round.entity.js';
import { NegotiationsController } from './negotiations/negotiations.controller.js';
import './negotiations/negotiations.openapi.js';
import { NegotiationsService } from './negotiations/negotiations.service.js';
import { RndController } from './rnd/rnd.controller.js';
import './rnd/rnd.openapi.js';
import { RndService } from './rnd/rnd.service.js';
import { RndMilestoneEntity } from './rnd/rnd-milestone.entity.js';
import { RndProjectEntity } from './rnd/rnd-project.entity.js';
import { ValueChainStageEntity } from './rnd/value-chain-stage.entity.js';

/** The registers: bilateral meetings (commitments, agreements), negotiations (rounds), R&D projects (milestones). */
@Module({
  imports: [
    AccessModule,
    TypeOrmModule.forFeature([
      BilateralMeetingEntity,
      BilateralCommitmentEntity,
      AgreementEntity,
      NegotiationEntity,
      NegotiationRoundEntity,
      RndProjectEntity,
      RndMilestoneEntity,
      ValueChainStageEntity,
    ]),
  ],
  controllers: [BilateralController, NegotiationsController, RndController],
  providers: [RegisterKit, BilateralService, NegotiationsService, RndService],
  exports: [BilateralService, NegotiationsService, RndService],
})
export class RegistersModule {}
