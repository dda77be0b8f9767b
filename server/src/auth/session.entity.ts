import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../access/user.entity.js';

/**
 * One signed-in device: access tokens carry its id (`sid`) and are refused once it is revoked;
 * its refresh token is stored only as a SHA-256 hash and changes on every use.
 */
@Entity({ name: 'sessions' })
@Index('IDX_sessions_user_active', ['userId', 'revokedAt'])
export class SessionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  /** SHA-256 (hex) of the current refresh token's secret part. */
  @Column({ name: 'refresh_hash', type: 'varchar', length: 64 })
  refreshHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Refreshing moves it forward; past it the session can no longer be refreshed. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
