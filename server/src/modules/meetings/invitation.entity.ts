import type { RsvpResponse } from '@sidang/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A member's invitation to a meeting (made when it is scheduled) and their answer. */
@Entity({ name: 'meeting_invitations' })
export class InvitationEntity {
  @PrimaryColumn({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** Null until they answer. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  response: RsvpResponse | null;

  /** Seen by the chair and the secretariat (and its author) only. */
  @Column({ type: 'varchar', length: 500, default: '' })
  note: string;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  @Column({ name: 'invited_at', type: 'timestamptz', default: () => 'now()' })
  invitedAt: Date;
}
