import type { Classification } from '@sidang/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampedEntity } from '../../database/versioned.entity.js';

/** A decision recorded against an agenda item: the committee's decisions register. */
@Entity({ name: 'decisions' })
@Index('decisions_committee_idx', ['committeeId'])
@Index('decisions_agenda_item_idx', ['agendaItemId'])
export class DecisionEntity extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @Column({ name: 'agenda_item_id', type: 'uuid' })
  agendaItemId: string;

  @Column({ type: 'text' })
  text: string;

  /** Never below its agenda item's and meeting's levels when recorded. */
  @Column({ type: 'varchar', length: 16 })
  classification: Classification;

  @Column({ name: 'created_by_id', type: 'uuid' })
  createdById: string;

  @Column({ type: 'int', default: 1 })
  version: number;
}
