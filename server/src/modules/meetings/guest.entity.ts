import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Someone at a meeting who is not a member of its committee (a presenter, an agency's officer): "Hadir bersama". */
@Entity({ name: 'meeting_guests' })
@Index('meeting_guests_meeting_idx', ['meetingId'])
export class GuestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  agency: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  role: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
