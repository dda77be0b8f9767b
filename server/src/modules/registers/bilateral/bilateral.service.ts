import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type CountrySummary, projectFor } from '@sidang/shared';
import { type DataSource, In } from 'typeorm';
import { AccessService } from '../../../access/access.service.js';
import type { Actor } from '../../../access/actor.js';
import { RegisterKit } from '../common/register-kit.js';
import { AgreementEntity } from './agreement.entity.js';
import { toAgreement, toBilateralCommitment, toBilateralMeeting } from './bilateral.mapper.js';
import { byDueDate } from './bilateral.register.js';
import { BilateralCommitmentEntity } from './bilateral-commitment.entity.js';
import { BilateralMeetingEntity } from './bilateral-meeting.entity.js';

/** The per-country summary of the bilateral register (its records are served by `RegisterRecords`). */
@Injectable()
export class BilateralService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly kit: RegisterKit,
  ) {}

  /** One partner: engagements (latest first), open commitments (soonest due first), agreements. */
  async country(actor: Actor, committeeId: string, country: string): Promise<CountrySummary> {
    const access = await this.access.requireCommittee(actor, committeeId);
    const levels = this.kit.levels(access.clearance);
    const manager = this.dataSource.manager;
    const meetings = await manager.find(BilateralMeetingEntity, {
      where: { committeeId, country, classification: In(levels) },
      order: { date: 'DESC', id: 'DESC' },
    });
    const commitments = await this.kit.childrenOf(
      manager,
      BilateralCommitmentEntity,
      'bilateralMeetingId',
      meetings.map((meeting) => meeting.id),
      access.clearance,
    );
    const agreements = await manager.find(AgreementEntity, {
      where: { committeeId, country, classification: In(levels) },
      order: { title: 'ASC', id: 'ASC' },
    });
    return {
      country,
      engagements: meetings.map((meeting) =>
        projectFor(
          toBilateralMeeting(meeting, commitments.filter((c) => c.bilateralMeetingId === meeting.id && c.status === 'open').length),
          access.clearance,
        ),
      ),
      openCommitments: commitments
        .filter((commitment) => commitment.status === 'open')
        .sort(byDueDate)
        .map(toBilateralCommitment),
      agreements: agreements.map(toAgreement),
    };
  }
}
