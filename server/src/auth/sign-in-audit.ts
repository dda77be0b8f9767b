import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuditEntryEntity } from '../changes/audit-entry.entity.js';

/** What is recorded of one sign-in event besides who and when. */
export interface SignInDetails {
  ip?: string | null;
  userAgent?: string | null;
  /** How: `pwd`, `otp`, `rec`, `hwk`, `oidc`, or the session's `amr`. */
  method?: string;
  sessionId?: string;
}

/**
 * Sign-in events in the audit trail (`entity_type` `sign-in`, no committee): who (`actor_id`),
 * how and from where (`after`); `entity_id` is the session, or a fresh id when none started.
 */
export type SignInVerb =
  | 'signed-in'
  | 'second-factor-asked'
  | 'second-factor-passed'
  | 'second-factor-failed'
  | 'stepped-up'
  | 'totp-enrolled'
  | 'totp-removed'
  | 'passkey-added'
  | 'passkey-removed'
  | 'recovery-codes-renewed'
  | 'session-revoked'
  | 'sso-signed-in'
  | 'sso-refused';

@Injectable()
export class SignInAudit {
  private readonly logger = new Logger(SignInAudit.name);

  constructor(@InjectRepository(AuditEntryEntity) private readonly audit: Repository<AuditEntryEntity>) {}

  /** Records one event of `userId`'s; a failure to record is logged, never a failed sign-in. */
  async record(userId: string, verb: SignInVerb, details: SignInDetails = {}): Promise<void> {
    try {
      await this.audit.insert({
        committeeId: null,
        seq: null,
        entityType: 'sign-in',
        entityId: details.sessionId ?? randomUUID(),
        verb,
        actorId: userId,
        before: null,
        after: {
          ip: details.ip ?? null,
          userAgent: details.userAgent?.slice(0, 400) ?? null,
          ...(details.method ? { method: details.method } : {}),
          ...(details.sessionId ? { sessionId: details.sessionId } : {}),
        },
        at: new Date(),
      });
    } catch (error) {
      this.logger.warn(`could not audit ${verb}: ${(error as Error).message}`);
    }
  }
}
