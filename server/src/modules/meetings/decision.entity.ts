import type { Classification, DecisionStatus } from '@sidang/shared';
import { Column, Entity, Index } from 'typeorm';
import { CommitteeRowEntity } from '../../database/versioned.entity.js';

/** A decision recorded against an agenda item: the committee's decisions register. */
@Entity({ name: 'decisions' })
@Index('decisions_committee_idx', ['committeeId'])
@Index('decisions_agenda_item_idx', ['agendaItemId'])
export class DecisionEntity extends CommitteeRowEntity {
  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @Column({ name: 'agenda_item_id', type: 'uuid' })
  agendaItemId: string;

  @Column({ type: 'text' })
  text: string;

  /** Never below its agenda item's and meeting's levels when recorded. */
  @Column({ type: 'varchar', length: 16 })
  classification: Classification;

  /** `withdrawn`: kept and shown struck through, with its reason. */
  @Column({ type: 'varchar', length: 16, default: 'recorded' })
  status: DecisionStatus;

  @Column({ name: 'withdrawal_reason', type: 'text', nullable: true })
  withdrawalReason: string | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ name: 'withdrawn_by_id', type: 'uuid', nullable: true })
  withdrawnById: string | null;

  /** When its text was last corrected; the earlier texts stay in the audit trail. */
  @Column({ name: 'corrected_at', type: 'timestamptz', nullable: true })
  correctedAt: Date | null;

  @Column({ name: 'created_by_id', type: 'uuid' })
  createdById: string;

  @Column({ type: 'int', default: 1 })
  version: number;
}
