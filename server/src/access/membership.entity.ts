import type { Role } from '@sidang/shared';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CommitteeEntity } from './committee.entity.js';
import { UserEntity } from './user.entity.js';

@Entity({ name: 'memberships' })
export class MembershipEntity {
  @PrimaryColumn({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ type: 'int', default: 1 })
  version: number;

  @ManyToOne(() => CommitteeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'committee_id' })
  committee?: CommitteeEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;
}
