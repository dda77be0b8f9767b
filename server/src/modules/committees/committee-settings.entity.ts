import type { AgendaLanguage, QuorumRule } from '@sidang/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { VersionedEntity } from '../../database/versioned.entity.js';

/** A committee's own settings; no row means the defaults (version 1). */
@Entity({ name: 'committee_settings' })
export class CommitteeSettingsEntity extends VersionedEntity {
  @PrimaryColumn({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  /** `majority` (more than half of the voting members) or `count` (a fixed number). */
  @Column({ name: 'quorum_kind', type: 'varchar', length: 16 })
  quorumKind: QuorumRule['kind'];

  @Column({ name: 'quorum_count', type: 'int', nullable: true })
  quorumCount: number | null;

  /** Whether the secretariat votes and counts for the quorum (default: not). */
  @Column({ name: 'secretariat_votes', type: 'boolean', default: false })
  secretariatVotes: boolean;

  /** The language of the standard agenda items: `ms` (default) or `en`. */
  @Column({ name: 'agenda_language', type: 'varchar', length: 2, default: 'ms' })
  agendaLanguage: AgendaLanguage;

  /** Whether one who stepped out of an agenda item over a declared interest gets none of its papers (default: they do). */
  @Column({ name: 'recused_without_papers', type: 'boolean', default: false })
  recusedWithoutPapers: boolean;
}
