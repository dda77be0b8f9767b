import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from '../../database/transformers.js';
import { UserOwnedEntity, UserRowEntity } from '../user-owned.entity.js';

/**
 * A user's authenticator app (TOTP). The shared secret is stored encrypted (AES-256-GCM) and
 * never sent again after enrolment. Until `confirmedAt` is set (a first code was right) it
 * does not count as a second factor.
 */
@Entity({ name: 'user_totp' })
export class UserTotpEntity extends UserOwnedEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** `iv.tag.ciphertext`, each base64url. */
  @Column({ name: 'secret_sealed', type: 'varchar', length: 400 })
  secretSealed: string;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  /** The time step of the last code accepted: a code works once. */
  @Column({ name: 'last_step', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  lastStep: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One recovery code, stored as a SHA-256 hash; `usedAt` once spent. */
@Entity({ name: 'user_recovery_codes' })
@Index('IDX_user_recovery_codes_user', ['userId'])
export class RecoveryCodeEntity extends UserRowEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}

/** A passkey (WebAuthn credential) registered by a user. */
@Entity({ name: 'user_passkeys' })
@Index('IDX_user_passkeys_user', ['userId'])
export class PasskeyEntity extends UserRowEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The credential id, base64url. */
  @Index('UQ_user_passkeys_credential', { unique: true })
  @Column({ name: 'credential_id', type: 'varchar', length: 1400 })
  credentialId: string;

  /** The COSE public key, base64url. */
  @Column({ name: 'public_key', type: 'text' })
  publicKey: string;

  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  counter: number;

  @Column({ type: 'varchar', length: 200, default: '' })
  transports: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;
}

export const MFA_ENTITIES = [UserTotpEntity, RecoveryCodeEntity, PasskeyEntity];
