import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { Passkey, PasskeyOptions } from '@sidang/shared';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type WebAuthnCredential,
} from '@simplewebauthn/server';

type Transport = NonNullable<WebAuthnCredential['transports']>[number];

import type { Repository } from 'typeorm';
import type { Actor } from '../../access/actor.js';
import { ApiException } from '../../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { PasskeyEntity } from '../mfa/mfa.entities.js';

const CHALLENGE_SECONDS = 5 * 60;

/** The relying party: this app's origin and host name (APP_URL, else the request's own). */
export interface RelyingParty {
  origin: string;
  rpID: string;
}

export function toPasskey(entity: PasskeyEntity): Passkey {
  return {
    id: entity.id,
    name: entity.name,
    createdAt: entity.createdAt.toISOString(),
    lastUsedAt: entity.lastUsedAt?.toISOString() ?? null,
  };
}

/**
 * Passkeys (WebAuthn, @simplewebauthn/server): registered by a signed-in user, used as the
 * second factor of a sign-in. Each ceremony's challenge travels signed in a five-minute token
 * bound to the user and the ceremony, so any instance can finish it.
 */
@Injectable()
export class PasskeysService {
  constructor(
    @InjectRepository(PasskeyEntity) private readonly passkeys: Repository<PasskeyEntity>,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  relyingParty(requestOrigin: string): RelyingParty {
    const origin = new URL(this.config.APP_URL ?? requestOrigin).origin;
    return { origin, rpID: new URL(origin).hostname };
  }

  async registrationOptions(actor: Actor, rp: RelyingParty): Promise<PasskeyOptions> {
    const existing = await this.passkeys.find({ where: { userId: actor.id }, select: { credentialId: true, transports: true } });
    const options = await generateRegistrationOptions({
      rpName: 'Sidang',
      rpID: rp.rpID,
      userName: actor.email,
      userDisplayName: actor.name,
      attestationType: 'none',
      excludeCredentials: existing.map((key) => ({ id: key.credentialId, transports: transportsOf(key) })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    });
    return { challengeToken: await this.challengeToken('passkey-register', actor.id, options.challenge), options: { ...options } };
  }

  async register(actor: Actor, rp: RelyingParty, challengeToken: string, response: unknown, name?: string): Promise<Passkey> {
    const challenge = await this.readChallenge(challengeToken, 'passkey-register', actor.id, 403);
    let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      verified = await verifyRegistrationResponse({
        response: response as RegistrationResponseJSON,
        expectedChallenge: challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.rpID,
        requireUserVerification: false,
      });
    } catch {
      throw new ApiException(403, 'wrong_code', 'The passkey could not be verified; try again');
    }
    if (!verified.verified) throw new ApiException(403, 'wrong_code', 'The passkey could not be verified; try again');
    const { credential } = verified.registrationInfo;
    const saved = await this.passkeys.save({
      userId: actor.id,
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      transports: (credential.transports ?? []).join(','),
      name: name ?? 'Passkey',
      lastUsedAt: null,
    });
    return toPasskey(saved);
  }

  /** Options for signing in with one of the user's passkeys (none: null). */
  async authenticationOptions(userId: string, rp: RelyingParty): Promise<PasskeyOptions | null> {
    const keys = await this.passkeys.find({ where: { userId }, select: { credentialId: true, transports: true } });
    if (keys.length === 0) return null;
    const options = await generateAuthenticationOptions({
      rpID: rp.rpID,
      allowCredentials: keys.map((key) => ({ id: key.credentialId, transports: transportsOf(key) })),
      userVerification: 'preferred',
    });
    return { challengeToken: await this.challengeToken('passkey-sign-in', userId, options.challenge), options: { ...options } };
  }

  /** Whether `response` is a right answer of one of the user's passkeys (its counter moves on). */
  async authenticate(userId: string, rp: RelyingParty, challengeToken: string, response: unknown): Promise<boolean> {
    const challenge = await this.readChallenge(challengeToken, 'passkey-sign-in', userId, 401);
    const answer = response as AuthenticationResponseJSON;
    if (typeof answer?.id !== 'string') return false;
    const key = await this.passkeys.findOne({ where: { userId, credentialId: answer.id } });
    if (!key) return false;
    try {
      const verified = await verifyAuthenticationResponse({
        response: answer,
        expectedChallenge: challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.rpID,
        credential: {
          id: key.credentialId,
          publicKey: new Uint8Array(Buffer.from(key.publicKey, 'base64url')),
          counter: key.counter,
          transports: transportsOf(key),
        },
        requireUserVerification: false,
      });
      if (!verified.verified) return false;
      await this.passkeys.update({ id: key.id }, { counter: verified.authenticationInfo.newCounter, lastUsedAt: new Date() });
      return true;
    } catch {
      return false;
    }
  }

  private challengeToken(typ: string, userId: string, challenge: string): Promise<string> {
    return this.jwt.signAsync({ typ, sub: userId, challenge }, { expiresIn: CHALLENGE_SECONDS });
  }

  private async readChallenge(token: string, typ: string, userId: string, status: 401 | 403): Promise<string> {
    try {
      const payload = await this.jwt.verifyAsync<{ typ?: unknown; sub?: unknown; challenge?: unknown }>(token);
      if (payload.typ === typ && payload.sub === userId && typeof payload.challenge === 'string') return payload.challenge;
    } catch {
      // Refused below.
    }
    throw new ApiException(status, 'wrong_code', 'The passkey request has expired; try again');
  }
}

function transportsOf(key: Pick<PasskeyEntity, 'transports'>): Transport[] | undefined {
  return key.transports ? (key.transports.split(',') as Transport[]) : undefined;
}
