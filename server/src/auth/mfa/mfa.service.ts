import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { MfaChallenge, MfaMethod, RecoveryCodes, TotpEnrolment } from '@sidang/shared';
import { generateSecret, generateURI, verify } from 'otplib';
import { type DataSource, IsNull, type Repository } from 'typeorm';
import type { Actor } from '../../access/actor.js';
import { ApiException } from '../../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { SharedCounters } from '../shared-counters.js';
import { resolveTokenSecret } from '../token-secret.js';
import { PasskeyEntity, RecoveryCodeEntity, UserTotpEntity } from './mfa.entities.js';

/** How long the answer to a correct password stays good for the second factor. */
export const MFA_TOKEN_TTL_SECONDS = 5 * 60;
/** Wrong second factors one sign-in (one mfaToken) may try before it must start again. */
export const MFA_ATTEMPTS = 5;
/**
 * Requests one mfaToken may make in all (a passkey try is two: its options and its answer).
 * Counted on arrival, so requests sent at once cannot all pass before their failures are counted.
 */
export const MFA_TOKEN_REQUESTS = 2 * MFA_ATTEMPTS;
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = 'Sidang';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Milliseconds until a token's `exp` (seconds), at least one second: how long its counters must live. */
function tokenLifeLeft(exp: unknown): number {
  const left = typeof exp === 'number' ? exp * 1000 - Date.now() : MFA_TOKEN_TTL_SECONDS * 1000;
  return Math.max(left, 1000) + 5_000;
}

/** `abcde-fghij`: 10 characters of an alphabet without look-alikes (about 50 bits). */
function newRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(10);
  const chars = [...bytes].map((byte) => alphabet[byte % alphabet.length]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** A recovery code as typed: lower-case, the dash optional, spaces ignored. */
function normalRecoveryCode(code: string): string {
  const bare = code.toLowerCase().replace(/[\s-]/g, '');
  return bare.length === 10 ? `${bare.slice(0, 5)}-${bare.slice(5)}` : bare;
}

export class WrongCodeException extends ApiException {
  constructor(status: 401 | 403, message = 'That code is not right (or was already used)') {
    super(status, 'wrong_code', message);
  }
}

/** What a second factor proved: `otp` (authenticator), `rec` (a recovery code), `hwk` (a passkey). */
export type SecondFactor = 'otp' | 'rec' | 'hwk';

/**
 * Second factors: authenticator apps (TOTP, secrets sealed with AES-256-GCM), single-use
 * recovery codes (hashed), and the short-lived token that carries a sign-in from the password
 * to its second factor.
 */
@Injectable()
export class MfaService {
  private readonly logger = new Logger(MfaService.name);
  private key?: Promise<Buffer>;

  constructor(
    @InjectRepository(UserTotpEntity) private readonly totps: Repository<UserTotpEntity>,
    @InjectRepository(RecoveryCodeEntity) private readonly recovery: Repository<RecoveryCodeEntity>,
    @InjectRepository(PasskeyEntity) private readonly passkeys: Repository<PasskeyEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly counters: SharedCounters,
  ) {}

  /** The second factors a user can sign in with (none: the password alone signs in). */
  async methodsOf(userId: string): Promise<MfaMethod[]> {
    const [totp, passkeys, codes] = await Promise.all([
      this.totps.findOne({ where: { userId }, select: { userId: true, confirmedAt: true } }),
      this.passkeys.count({ where: { userId } }),
      this.recovery.count({ where: { userId, usedAt: IsNull() } }),
    ]);
    const methods: MfaMethod[] = [];
    if (totp?.confirmedAt) methods.push('totp');
    if (passkeys > 0) methods.push('passkey');
    if (methods.length > 0 && codes > 0) methods.push('recovery');
    return methods;
  }

  async summary(userId: string): Promise<{ totp: boolean; passkeys: PasskeyEntity[]; recoveryCodesLeft: number }> {
    const [totp, passkeys, recoveryCodesLeft] = await Promise.all([
      this.totps.findOne({ where: { userId }, select: { userId: true, confirmedAt: true } }),
      this.passkeys.find({ where: { userId }, order: { createdAt: 'ASC' } }),
      this.recovery.count({ where: { userId, usedAt: IsNull() } }),
    ]);
    return { totp: !!totp?.confirmedAt, passkeys, recoveryCodesLeft };
  }

  /** The answer to a correct password when the account has a second factor. */
  async challenge(userId: string, methods: MfaMethod[]): Promise<MfaChallenge> {
    const mfaToken = await this.jwt.signAsync({ typ: 'mfa', sub: userId, jti: randomUUID() }, { expiresIn: MFA_TOKEN_TTL_SECONDS });
    return { mfaRequired: true, mfaToken, methods };
  }

  /**
   * The user an mfaToken was issued to, and its id; a 401 for a bad, expired or used-up one.
   * Every call counts as one of the token's MFA_TOKEN_REQUESTS; its wrong codes (MFA_ATTEMPTS)
   * are counted by `failed`. Both counts live in the database, so every instance sees them.
   */
  async readChallenge(token: string): Promise<{ userId: string; jti: string }> {
    let payload: { typ?: unknown; sub?: unknown; jti?: unknown; exp?: unknown } | undefined;
    try {
      payload = await this.jwt.verifyAsync<{ typ?: unknown; sub?: unknown; jti?: unknown; exp?: unknown }>(token);
    } catch {
      // Refused below.
    }
    if (payload?.typ === 'mfa' && typeof payload.sub === 'string' && typeof payload.jti === 'string') {
      const jti = payload.jti;
      const ttl = tokenLifeLeft(payload.exp);
      const [requests, failures] = await Promise.all([
        this.counters.add(`mfa:requests:${jti}`, ttl),
        this.counters.read(`mfa:failed:${jti}`),
      ]);
      if (requests <= MFA_TOKEN_REQUESTS && failures < MFA_ATTEMPTS) return { userId: payload.sub, jti };
    }
    throw new ApiException(401, 'unauthorized', 'The sign-in has expired or had too many wrong codes; sign in again');
  }

  /** Counts a wrong answer against an mfaToken (on every instance). Never rejects: a failure is logged. */
  async failed(jti: string): Promise<void> {
    try {
      await this.counters.add(`mfa:failed:${jti}`, MFA_TOKEN_TTL_SECONDS * 1000);
    } catch (error) {
      this.logger.error(`a wrong code could not be counted: ${(error as Error).message}`);
    }
  }

  /** Ends an mfaToken once it has been used (on every instance). Never rejects: a failure is logged. */
  async spent(jti: string): Promise<void> {
    try {
      await this.counters.raise(`mfa:failed:${jti}`, MFA_TOKEN_TTL_SECONDS * 1000, MFA_ATTEMPTS);
    } catch (error) {
      this.logger.error(`a used sign-in token could not be marked: ${(error as Error).message}`);
    }
  }

  /** Checks a code: an authenticator code (each works once), else a recovery code (spent). */
  async verifyCode(userId: string, code: string): Promise<SecondFactor | null> {
    const trimmed = code.replace(/\s/g, '');
    if (/^\d{6}$/.test(trimmed)) {
      const totp = await this.totps.findOne({ where: { userId } });
      if (totp?.confirmedAt && (await this.acceptTotp(totp, trimmed))) return 'otp';
      return null;
    }
    const hash = sha256(normalRecoveryCode(trimmed));
    const spent = await this.recovery.update({ userId, codeHash: hash, usedAt: IsNull() }, { usedAt: new Date() });
    return spent.affected ? 'rec' : null;
  }

  /** Starts (or restarts) enrolling an authenticator app; refused while one is confirmed. */
  async beginTotp(actor: Actor): Promise<TotpEnrolment> {
    const existing = await this.totps.findOne({ where: { userId: actor.id }, select: { userId: true, confirmedAt: true } });
    if (existing?.confirmedAt) throw new ApiException(409, 'conflict', 'An authenticator app is already set up; remove it first');
    const secret = generateSecret();
    const secretSealed = await this.seal(secret);
    await this.totps.upsert({ userId: actor.id, secretSealed, confirmedAt: null, lastStep: null }, ['userId']);
    return { secret, otpauthUri: generateURI({ issuer: ISSUER, label: actor.email, secret }) };
  }

  /** Confirms the pending authenticator with its first code; answers the new recovery codes. */
  async confirmTotp(actor: Actor, code: string): Promise<RecoveryCodes> {
    const totp = await this.totps.findOne({ where: { userId: actor.id } });
    if (!totp || totp.confirmedAt) throw new ApiException(409, 'conflict', 'No authenticator app is waiting to be confirmed; start again');
    if (!(await this.acceptTotp(totp, code.replace(/\s/g, '')))) throw new WrongCodeException(403);
    await this.totps.update({ userId: actor.id }, { confirmedAt: new Date() });
    return this.newRecoveryCodes(actor.id);
  }

  async removeTotp(userId: string): Promise<boolean> {
    const removed = await this.totps.delete({ userId });
    if (await this.hasNoFactor(userId)) await this.recovery.delete({ userId });
    return !!removed.affected;
  }

  async removePasskey(userId: string, id: string): Promise<boolean> {
    const removed = await this.passkeys.delete({ id, userId });
    if (await this.hasNoFactor(userId)) await this.recovery.delete({ userId });
    return !!removed.affected;
  }

  /** Replaces every recovery code of the user with ten new ones (shown once). */
  async newRecoveryCodes(userId: string): Promise<RecoveryCodes> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(RecoveryCodeEntity, { userId });
      await manager.insert(
        RecoveryCodeEntity,
        codes.map((code) => ({ userId, codeHash: sha256(code), usedAt: null })),
      );
    });
    return { recoveryCodes: codes };
  }

  private async hasNoFactor(userId: string): Promise<boolean> {
    const [totp, passkeys] = await Promise.all([this.totps.count({ where: { userId } }), this.passkeys.count({ where: { userId } })]);
    return totp === 0 && passkeys === 0;
  }

  /** A right code of this authenticator, not used before (compare-and-set on its time step). */
  private async acceptTotp(totp: UserTotpEntity, token: string): Promise<boolean> {
    if (!/^\d{6}$/.test(token)) return false;
    let result: Awaited<ReturnType<typeof verify>>;
    try {
      const secret = await this.open(totp.secretSealed);
      result = await verify({ secret, token, epochTolerance: 30, ...(totp.lastStep !== null ? { afterTimeStep: totp.lastStep } : {}) });
    } catch {
      return false;
    }
    if (!result.valid || !('timeStep' in result)) return false;
    const step = result.timeStep;
    const where = totp.lastStep === null ? { userId: totp.userId, lastStep: IsNull() } : { userId: totp.userId, lastStep: totp.lastStep };
    const moved = await this.totps.update(where, { lastStep: step });
    return !!moved.affected;
  }

  private sealingKey(): Promise<Buffer> {
    this.key ??= (async () => {
      const base = this.config.MFA_ENCRYPTION_KEY ?? (await resolveTokenSecret(this.dataSource, this.config.JWT_SECRET));
      return Buffer.from(hkdfSync('sha256', base, 'sidang-mfa', 'totp-secret', 32));
    })();
    return this.key;
  }

  private async seal(plain: string): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await this.sealingKey(), iv);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.');
  }

  private async open(sealed: string): Promise<string> {
    const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
    if (!iv || !tag || !data) throw new Error('malformed sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', await this.sealingKey(), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  }
}
