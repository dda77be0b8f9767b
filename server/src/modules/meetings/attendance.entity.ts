import type { AttendanceStatus } from '@sidang/shared';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One person's attendance at one meeting, as marked by the secretariat or by themselves. */
@Entity({ name: 'meeting_attendance' })
export class AttendanceEntity {
  @PrimaryColumn({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 16 })
  status: AttendanceStatus;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
