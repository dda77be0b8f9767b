import { Injectable } from '@nestjs/common';
import type { Member, MemberCandidate, Role } from '@sidang/shared';
import { AccessService } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import { toMember } from '../../access/member.mapper.js';
import { ChangesService } from '../../changes/changes.service.js';
import { RecordKit } from '../../changes/record-kit.js';
import { NotFoundError, SelfChangeException } from '../../common/errors.js';
import { memberRecords, toMemberCandidate } from './admin.mapper.js';
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
    private readonly records: RecordKit,
  ) {}

  /** Creates the membership or changes its role; `created` tells the controller which. */
  async put(actor: Actor, committeeId: string, userId: string, role: Role): Promise<{ member: Member; created: boolean }> {
    await this.requireManager(actor, committeeId, userId);
    return this.changes.transact(actor, async (tx) => {
      const user = await this.repository.lockUser(tx.manager, userId);
      if (!user) throw new NotFoundError('User');
      const existing = await this.repository.lockMembership(tx.manager, committeeId, userId);
      const members = memberRecords(user);
      if (!existing) {
        const after = await this.records.create(members, tx, { committee: { id: committeeId } }, { userId, role });
        return { member: { ...after, clearance: user.clearance }, created: true };
      }
      // The role is set whatever the membership's version: the user's row lock orders the writers.
      if (existing.role !== role) await this.records.update(members, tx, actor, existing, existing.version, { role });
      return { member: toMember(user, existing, true), created: false };
    });
  }

  async remove(actor: Actor, committeeId: string, userId: string): Promise<void> {
    await this.requireManager(actor, committeeId, userId);
    await this.changes.transact(actor, async (tx) => {
      const user = await this.repository.lockUser(tx.manager, userId);
      if (!user) throw new NotFoundError('User');
      const existing = await this.repository.lockMembership(tx.manager, committeeId, userId);
      if (!existing) throw new NotFoundError('Membership');
      await this.records.remove(memberRecords(user), tx, actor, existing, existing.version);
    });
  }

  /** Every member with clearances, for an administrator (who need not be a member). */
  async listForAdmin(actor: Actor, committeeId: string): Promise<Member[]> {
    requireAdmin(actor);
    if (!(await this.repository.findCommittee(committeeId))) throw new NotFoundError('Committee');
    return (await this.access.membersOf(committeeId)).map(({ user, membership }) => toMember(user, membership, true));
  }

  /** Active accounts a manager of the committee may add. */
  async candidates(actor: Actor, committeeId: string): Promise<MemberCandidate[]> {
    await this.requireManager(actor, committeeId);
    return (await this.repository.candidates(committeeId)).map(toMemberCandidate);
  }

  /**
   * Administrators manage every committee; its chair manages theirs (403); others do not see it
   * (404). Nobody manages their own membership (403 `self_change`): a chair cannot step down or
   * leave alone either, so a committee is never left without a chair by its own chair.
   */
  private async requireManager(actor: Actor, committeeId: string, subjectId?: string): Promise<void> {
    if (actor.isAdmin) {
      if (!(await this.repository.findCommittee(committeeId))) throw new NotFoundError('Committee');
    } else {
      const access = await this.access.requireCommittee(actor, committeeId);
      access.require('member.manage');
    }
    // After the checks above, so a committee the actor may not see still answers 404.
    if (subjectId === actor.id) throw new SelfChangeException('membership');
  }
}
