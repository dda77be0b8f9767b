import type { Classification, MeetingStatus } from '@sidang/shared';
import { Column, Entity, Index } from 'typeorm';
import { SoftDeletedRecordEntity } from '../../database/versioned.entity.js';

/** A meeting of a committee, numbered per committee and year ("Bil. 3/2026"). */
@Entity({ name: 'meetings' })
@Index('meetings_committee_number_idx', ['committeeId', 'year', 'numberInYear'], { unique: true })
@Index('meetings_committee_starts_idx', ['committeeId', 'startsAt'])
export class MeetingEntity extends SoftDeletedRecordEntity {
  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** Year of `startsAt` in the committee's zone, and the meeting's number within it. */
  @Column({ type: 'int' })
  year: number;

  /** Assigned when the meeting is scheduled (null while a draft). */
  @Column({ name: 'number_in_year', type: 'int', nullable: true })
  numberInYear: number | null;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @Column({ type: 'varchar', length: 300, default: '' })
  venue: string;

  @Column({ name: 'online_url', type: 'varchar', length: 2000, nullable: true })
  onlineUrl: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: MeetingStatus;

  @Column({ name: 'current_agenda_item_id', type: 'uuid', nullable: true })
  currentAgendaItemId: string | null;

  /** When the current item became current: the per-item timer runs from here. */
  @Column({ name: 'current_item_started_at', type: 'timestamptz', nullable: true })
  currentItemStartedAt: Date | null;

  /**
   * The current item's level, kept beside the pointer so that every wire shape of the meeting
   * (REST, change log, calendar) knows the pointer's field level without another read.
   */
  @Column({ name: 'current_item_classification', type: 'varchar', length: 16, nullable: true })
  currentItemClassification: Classification | null;

  /** The meeting's attendance is a record of its own (id and version), governed by the meeting. */
  @Column({ name: 'attendance_id', type: 'uuid' })
  attendanceId: string;

  @Column({ name: 'attendance_version', type: 'int', default: 1 })
  attendanceVersion: number;

  /** When the secretariat last reminded those who have not answered the invitation. */
  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt: Date | null;

  @Column({ name: 'created_by_id', type: 'uuid' })
  createdById: string;
}
