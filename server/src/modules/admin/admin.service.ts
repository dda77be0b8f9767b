import { Injectable } from '@nestjs/common';
import type {
  AdminCommittee,
  AdminUser,
  createCommitteeSchema,
  createUserSchema,
  updateCommitteeSchema,
  updateUserSchema,
} from '@sidang/shared';
import type { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { CommitteeEntity } from '../../access/committee.entity.js';
import { toMember } from '../../access/member.mapper.js';
import { UserEntity } from '../../access/user.entity.js';
import { AuthService, hashPassword } from '../../auth/auth.service.js';
import type { ChangeTx } from '../../changes/change-tx.js';
import { ChangesService } from '../../changes/changes.service.js';
import { type RecordDefinition, RecordKit } from '../../changes/record-kit.js';
import {
  AlreadyInUseException,
  ForbiddenError,
  InvalidFieldException,
  NotFoundError,
  NothingToChangeException,
  SelfChangeException,
  StaleVersionException,
} from '../../common/errors.js';
import { revokeCalendarFeed } from '../meetings/calendar-feed.service.js';
import { memberRecords, toAdminCommittee, toAdminUser, toCommitteeAudit } from './admin.mapper.js';
import { AdminRepository, isUniqueViolation } from './admin.repository.js';

type CreateUserInput = z.output<typeof createUserSchema>;
type UpdateUserInput = z.output<typeof updateUserSchema>;
type CreateCommitteeInput = z.output<typeof createCommitteeSchema>;
type UpdateCommitteeInput = z.output<typeof updateCommitteeSchema>;

/** Throws 403 unless the actor is an administrator. */
export function requireAdmin(actor: Actor): void {
  if (!actor.isAdmin) throw new ForbiddenError('Only administrators may manage accounts and committees');
}

/**
 * 403 `self_change` when an account change on the actor's own account touches their access:
 * clearance, administrator role or active state. Refused whatever the value (the client sends
 * only the fields that changed), so the rule does not depend on reading the stored account.
 */
function assertNoSelfChange(changes: Omit<UpdateUserInput, 'version'>): void {
  for (const field of ['clearance', 'isAdmin', 'active'] as const) {
    if (changes[field] !== undefined) throw new SelfChangeException(field);
  }
}

/** User accounts as the record kit writes them: of no committee, so audited without an event. */
const USERS: RecordDefinition<UserEntity, AdminUser, 'user'> = {
  entityType: 'user',
  entity: UserEntity,
  name: 'User',
  toWire: toAdminUser,
  level: () => 'OPEN',
  hardDelete: true,
};

/**
 * Accounts and committees. Every change is one transaction of the change pipeline: the audit
 * row of the account or committee and, for an account, a `member.updated` event in every
 * committee the user belongs to, so each committee's log carries it in order.
 */
@Injectable()
export class AdminService {
  constructor(
    private readonly repository: AdminRepository,
    private readonly changes: ChangesService,
    private readonly auth: AuthService,
    private readonly records: RecordKit,
  ) {}

  async listUsers(actor: Actor): Promise<AdminUser[]> {
    requireAdmin(actor);
    return (await this.repository.listUsers()).map(toAdminUser);
  }

  async createUser(actor: Actor, input: CreateUserInput): Promise<AdminUser> {
    requireAdmin(actor);
    if (await this.repository.emailTaken(input.email)) throw new AlreadyInUseException('email');
    const passwordHash = await hashPassword(input.password);
    try {
      const { password: _password, ...fields } = input;
      return await this.changes.transact(actor, (tx) =>
        this.records.create(USERS, tx, null, { ...fields, passwordHash, locale: 'en', active: true }),
      );
    } catch (error) {
      // Taken by a concurrent create between the check and the insert.
      if (isUniqueViolation(error)) throw new AlreadyInUseException('email');
      throw error;
    }
  }

  async updateUser(actor: Actor, id: string, input: UpdateUserInput): Promise<AdminUser> {
    requireAdmin(actor);
    const { version, ...changes } = input;
    if (Object.keys(changes).length === 0) throw new NothingToChangeException();
    if (id === actor.id) assertNoSelfChange(changes);
    const deactivating = changes.active === false;
    const changed = await this.changeUser(actor, id, version, changes, {
      // The feed URL is a credential of its own: it must not outlive the account, nor come back with a reactivation.
      alsoInTransaction: deactivating ? (tx) => revokeCalendarFeed(tx.manager, id) : undefined,
    });
    // A deactivated account's sessions end everywhere (its sockets close, its refresh tokens die).
    if (deactivating) await this.auth.revokeAll(id);
    return changed;
  }

  async resetPassword(actor: Actor, id: string, password: string): Promise<AdminUser> {
    requireAdmin(actor);
    const user = await this.repository.findUser(id);
    if (!user) throw new NotFoundError('User');
    const passwordHash = await hashPassword(password);
    // Whoever held the old password could have copied the feed URL too: the reset ends both.
    const changed = await this.changeUser(
      actor,
      id,
      null,
      { passwordHash },
      {
        auditExtra: { passwordReset: true },
        alsoInTransaction: (tx) => revokeCalendarFeed(tx.manager, id),
      },
    );
    // Whoever held the old password is signed out on every device.
    await this.auth.revokeAll(id);
    return changed;
  }

  async listCommittees(actor: Actor): Promise<AdminCommittee[]> {
    requireAdmin(actor);
    return (await this.repository.listCommittees()).map(({ committee, memberCount }) => toAdminCommittee(committee, memberCount));
  }

  async createCommittee(actor: Actor, input: CreateCommitteeInput): Promise<AdminCommittee> {
    requireAdmin(actor);
    if (input.parentId) {
      const parent = await this.repository.findCommittee(input.parentId);
      if (!parent) throw new InvalidFieldException('parentId', 'no such committee');
      if (parent.parentId)
        throw new InvalidFieldException('parentId', 'a working group cannot have working groups of its own', 'nested_group');
    }
    if (await this.repository.codeTaken(input.code)) throw new AlreadyInUseException('code');
    try {
      return await this.changes.transact(actor, async (tx) => {
        const saved = await tx.manager.save(tx.manager.create(CommitteeEntity, input));
        await tx.recordAudit({
          entityType: 'committee',
          entityId: saved.id,
          verb: 'created',
          before: null,
          after: toCommitteeAudit(saved),
        });
        return toAdminCommittee(saved, 0);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AlreadyInUseException('code');
      throw error;
    }
  }

  async updateCommittee(actor: Actor, id: string, input: UpdateCommitteeInput): Promise<AdminCommittee> {
    requireAdmin(actor);
    if (Object.keys(input).length === 0) throw new NothingToChangeException();
    return this.changes.transact(actor, async (tx) => {
      const committee = await tx.manager.findOne(CommitteeEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!committee) throw new NotFoundError('Committee');
      const before = toCommitteeAudit(committee);
      Object.assign(committee, input);
      const saved = await tx.manager.save(committee);
      await tx.recordAudit({ entityType: 'committee', entityId: id, verb: 'updated', before, after: toCommitteeAudit(saved) });
      return toAdminCommittee(saved, await this.repository.memberCount(id, tx.manager));
    });
  }

  /**
   * One change of an account: compare-and-set on its version (`expected` null: whatever it is
   * now), its audit row, and a `member.updated` event with a bumped membership version in every
   * committee it belongs to, and `alsoInTransaction` — all in one transaction.
   */
  private changeUser(
    actor: Actor,
    id: string,
    expected: number | null,
    patch: Partial<UserEntity>,
    { auditExtra = {}, alsoInTransaction }: { auditExtra?: object; alsoInTransaction?: (tx: ChangeTx) => Promise<void> } = {},
  ): Promise<AdminUser> {
    return this.changes.transact(actor, async (tx) => {
      const user = await this.repository.lockUser(tx.manager, id);
      if (!user) throw new NotFoundError('User');
      const before = Object.assign(new UserEntity(), user);
      const after = await this.records.update(USERS, tx, actor, user, expected ?? user.version, patch, {
        logged: (wire) => ({ ...wire, ...auditExtra }),
      });
      await this.announceToCommittees(tx, before, user);
      await alsoInTransaction?.(tx);
      return after;
    });
  }

  /** A `member.updated` in every committee of the user, in committee order (the lock order of seqs). */
  private async announceToCommittees(tx: ChangeTx, before: UserEntity, after: UserEntity): Promise<void> {
    const members = memberRecords(after);
    for (const membership of await this.repository.lockMembershipsOf(tx.manager, after.id)) {
      // Locked above, so this cannot move; refuse rather than write an event out of step.
      if (!(await this.records.bump(members, tx, membership, toMember(before, membership)))) {
        throw new StaleVersionException(null, membership.version, membership.version + 1);
      }
    }
  }
}
