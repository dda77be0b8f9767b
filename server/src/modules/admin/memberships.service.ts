import { Injectable } from '@nestjs/common';
import type { Member, MemberCandidate, Role } from '@sidang/shared';
import { AccessService } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import { toMember } from '../../access/member.mapper.js';
import { MembershipEntity } from '../../access/membership.entity.js';
import { ChangesService } from '../../changes/changes.service.js';
import { StaleVersionException } from '../../common/errors.js';
import { CommitteeNotFoundException, LastChairException, MembershipNotFoundException, UserNotFoundException } from './admin.errors.js';
import { toMemberCandidate } from './admin.mapper.js';
import { AdminRepository } from './admin.repository.js';
import { requireAdmin } from './admin.service.js';

/**
 * Memberships: administrators manage every committee's, a chair their own committee's
 * (`member.manage`). Each change is a `member.*` event of the committee, recorded in the same
 * transaction; events never carry a clearance.
 */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly repository: AdminRepository,
    private readonly access: AccessService,
    private readonly changes: ChangesService,
  ) {}

  /** Creates the membership or changes its role; `created` tells the controller which. */
  async put(actor: Actor, committeeId: string, userId: string, role: Role): Promise<{ member: Member; created: boolean }> {
    await this.requireManager(actor, committeeId);
    return this.changes.transact(actor, async (tx) => {
      const user = await this.repository.lockUser(tx.manager, userId);
      if (!user) throw new UserNotFoundException();
      const existing = await this.repository.lockMembership(tx.manager, committeeId, userId);
      if (!existing) {
        const saved = await tx.manager.save(tx.manager.create(MembershipEntity, { committeeId, userId, role, version: 1 }));
        const after = toMember(user, saved);
        await tx.record({
          committeeId,
          entityType: 'member',
          entityId: userId,
          verb: 'created',
          version: saved.version,
          classification: 'OPEN',
          before: null,
          after,
        });
        return { member: toMember(user, saved, true), created: true };
      }
      if (existing.role === role) return { member: toMember(user, existing, true), created: false };
      if (existing.role === 'chair') await this.assertNotLastChair(tx.manager, actor, committeeId, userId);
      const version = existing.version + 1;
      if (!(await this.repository.updateMembershipAtVersion(tx.manager, committeeId, userId, existing.version, { role, version }))) {
        throw new StaleVersionException(toMember(user, existing), existing.version, existing.version + 1);
      }
      const updated = Object.assign(new MembershipEntity(), existing, { role, version });
      await tx.record({
        committeeId,
        entityType: 'member',
        entityId: userId,
        verb: 'updated',
        version,
        classification: 'OPEN',
        before: toMember(user, existing),
        after: toMember(user, updated),
      });
      return { member: toMember(user, updated, true), created: false };
    });
  }

  async remove(actor: Actor, committeeId: string, userId: string): Promise<void> {
    await this.requireManager(actor, committeeId);
    await this.changes.transact(actor, async (tx) => {
      const user = await this.repository.lockUser(tx.manager, userId);
      if (!user) throw new UserNotFoundException();
      const existing = await this.repository.lockMembership(tx.manager, committeeId, userId);
      if (!existing) throw new MembershipNotFoundException();
      if (existing.role === 'chair') await this.assertNotLastChair(tx.manager, actor, committeeId, userId);
      if (!(await this.repository.deleteMembershipAtVersion(tx.manager, committeeId, userId, existing.version))) {
        throw new MembershipNotFoundException();
      }
      await tx.record({
        committeeId,
        entityType: 'member',
        entityId: userId,
        verb: 'deleted',
        version: existing.version + 1,
        classification: 'OPEN',
        before: toMember(user, existing),
        after: null,
      });
    });
  }

  /** Every member with clearances, for an administrator (who need not be a member). */
  async listForAdmin(actor: Actor, committeeId: string): Promise<Member[]> {
    requireAdmin(actor);
    if (!(await this.repository.findCommittee(committeeId))) throw new CommitteeNotFoundException();
    return (await this.access.membersOf(committeeId)).map(({ user, membership }) => toMember(user, membership, true));
  }

  /** Active accounts a manager of the committee may add. */
  async candidates(actor: Actor, committeeId: string): Promise<MemberCandidate[]> {
    await this.requireManager(actor, committeeId);
    return (await this.repository.candidates(committeeId)).map(toMemberCandidate);
  }

  /** Administrators manage every committee; its chair manages theirs (403); others do not see it (404). */
  private async requireManager(actor: Actor, committeeId: string): Promise<void> {
    if (actor.isAdmin) {
      if (!(await this.repository.findCommittee(committeeId))) throw new CommitteeNotFoundException();
      return;
    }
    const access = await this.access.requireCommittee(actor, committeeId);
    access.require('member.manage');
  }

  /** A chair may not step down (or remove themself) while no other chair remains; administrators may. */
  private async assertNotLastChair(
    manager: Parameters<AdminRepository['lockCommitteeAndReadChairs']>[0],
    actor: Actor,
    committeeId: string,
    userId: string,
  ): Promise<void> {
    if (actor.isAdmin || actor.id !== userId) return;
    const chairs = await this.repository.lockCommitteeAndReadChairs(manager, committeeId);
    if (chairs.every((id) => id === userId)) throw new LastChairException();
  }
}
