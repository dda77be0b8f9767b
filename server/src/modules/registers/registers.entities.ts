import { AgreementEntity } from './bilateral/agreement.entity.js';
import { BilateralCommitmentEntity } from './bilateral/bilateral-commitment.entity.js';
import { BilateralMeetingEntity } from './bilateral/bilateral-meeting.entity.js';
import { NegotiationEntity } from './negotiations/negotiation.entity.js';
import { NegotiationRoundEntity } from './negotiations/negotiation-round.entity.js';
import { RndMilestoneEntity } from './rnd/rnd-milestone.entity.js';
import { RndProjectEntity } from './rnd/rnd-project.entity.js';
import { ValueChainStageEntity } from './rnd/value-chain-stage.entity.js';

/** Every entity of the registers, for the schema (server/src/entities.ts). */
export const REGISTER_ENTITIES = [
  BilateralMeetingEntity,
  BilateralCommitmentEntity,
  AgreementEntity,
  NegotiationEntity,
  NegotiationRoundEntity,
  RndProjectEntity,
  RndMilestoneEntity,
  ValueChainStageEntity,
];
