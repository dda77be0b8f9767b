import type { Classification } from '@sidang/shared';
import { Column, CreateDateColumn, DeleteDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * One item of a meeting's agenda, two levels deep. Governed by its meeting: a reader sees it
 * only when cleared for the meeting and for the item.
 */
@Entity({ name: 'agenda_items' })
@Index('agenda_items_meeting_idx', ['meetingId'])
export class AgendaItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  /** 0-based among its siblings; the server keeps siblings contiguous. */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  presenter: string;

  @Column({ name: 'duration_minutes', type: 'int', nullable: true })
  durationMinutes: number | null;

  @Column({ type: 'varchar', length: 16 })
  classification: Classification;

  @Column({ type: 'int' })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
