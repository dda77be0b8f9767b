import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { UserRowEntity } from './user-owned.entity.js';

/**
 * One signed-in device: access tokens carry its id (`sid`) and are refused once it is revoked;
 * its refresh token is stored only as a SHA-256 hash and changes on every use.
 */
@Entity({ name: 'sessions' })
@Index('IDX_sessions_user_active', ['userId', 'revokedAt'])
export class SessionEntity extends UserRowEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

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

  /** How it was signed in (`amr`): `pwd`, `pwd otp`, `pwd rec`, `pwd hwk`, `oidc`… A second factor is `otp`, `rec` or `hwk`. */
  @Column({ type: 'varchar', length: 40, default: 'pwd' })
  amr: string;

  /** The browser or app that signed in (User-Agent, cut to 400 characters). */
  @Column({ name: 'user_agent', type: 'varchar', length: 400, nullable: true })
  userAgent: string | null;

  /** The client address it signed in from. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  /** Last refresh (or sign-in): when the device was last seen. */
  @Column({ name: 'last_seen_at', type: 'timestamptz', nullable: true })
  lastSeenAt: Date | null;
}
