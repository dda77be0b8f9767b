import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

/** The cookie that remembers a device the account has signed in on. */
export const DEVICE_COOKIE = 'sidang_device';
/** How long a device stays known without a new sign-in. */
export const DEVICE_TTL_SECONDS = 180 * 24 * 3600;

function accountKey(email: string): string {
  return createHash('sha256').update(email.toLowerCase()).digest('base64url').slice(0, 22);
}

/** Reads one cookie from a Cookie header (no cookie parser is installed for this one value). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/**
 * Signed proofs that a device has signed in to an account before. They exempt that device from
 * the per-account and per-address sign-in limits (see LoginThrottle), so guessing at an account
 * never locks its owner out of the devices they use. A device token is not an access token:
 * it carries `typ: "device"` and no session id, and authentication refuses it.
 */
@Injectable()
export class DeviceTokens {
  constructor(private readonly jwt: JwtService) {}

  issue(userId: string, email: string): Promise<string> {
    return this.jwt.signAsync(
      { typ: 'device', sub: userId, acct: accountKey(email), jti: randomUUID() },
      { expiresIn: DEVICE_TTL_SECONDS },
    );
  }

  /** The device's id when `token` was issued for the account of `email`; otherwise null. */
  async deviceFor(token: string | undefined, email: string): Promise<string | null> {
    if (!token || token.length > 2048) return null;
    try {
      const payload = await this.jwt.verifyAsync<{ typ?: unknown; acct?: unknown; jti?: unknown }>(token);
      return payload.typ === 'device' && payload.acct === accountKey(email) && typeof payload.jti === 'string' ? payload.jti : null;
    } catch {
      return null;
    }
  }
}
