import type { QuorumRule } from '@sidang/shared';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A committee's own settings; no row means the defaults (version 1). */
@Entity({ name: 'committee_settings' })
export class CommitteeSettingsEntity {
  @PrimaryColumn({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  /** `majority` (more than half of the voting members) or `count` (a fixed number). */
  @Column({ name: 'quorum_kind', type: 'varchar', length: 16 })
  quorumKind: QuorumRule['kind'];

  @Column({ name: 'quorum_count', type: 'int', nullable: true })
  quorumCount: number | null;

  @Column({ type: 'int' })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
