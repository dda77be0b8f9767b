import { Column, Entity, Index } from 'typeorm';
import { SoftDeletedRecordEntity } from '../../../database/versioned.entity.js';

/** An MoU, LoI or other instrument with a partner country. */
@Entity({ name: 'agreements' })
@Index('agreements_committee_idx', ['committeeId', 'country'])
export class AgreementEntity extends SoftDeletedRecordEntity {
  @Column({ type: 'varchar', length: 8 })
  kind: 'MoU' | 'LoI' | 'other';

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'varchar', length: 2 })
  country: string;

  @Column({ type: 'varchar', length: 24 })
  status: 'drafting' | 'under_negotiation' | 'signed' | 'lapsed';

  @Column({ name: 'signed_on', type: 'date', nullable: true })
  signedOn: string | null;

  @Column({ name: 'expires_on', type: 'date', nullable: true })
  expiresOn: string | null;

  @Column({ name: 'bilateral_meeting_id', type: 'uuid', nullable: true })
  bilateralMeetingId: string | null;

  @Column({ name: 'created_by_id', type: 'uuid' })
  createdById: string;
}
