import type { AdminCommittee, AdminUser, Member, MemberCandidate } from '@sidang/shared';
import type { CommitteeEntity } from '../../access/committee.entity.js';
import { toMember } from '../../access/member.mapper.js';
import { MembershipEntity } from '../../access/membership.entity.js';
import type { UserEntity } from '../../access/user.entity.js';
import { toUser } from '../../auth/auth.service.js';
import type { RecordDefinition } from '../../changes/record-kit.js';

/** The only place a user account becomes the administrators' wire shape; never the password hash. */
export function toAdminUser(entity: UserEntity): AdminUser {
  const { locale: _locale, ...user } = toUser(entity);
  return {
    ...user,
    active: entity.active,
    version: entity.version,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

export function toAdminCommittee(entity: CommitteeEntity, memberCount: number): AdminCommittee {
  return {
    id: entity.id,
    parentId: entity.parentId,
    code: entity.code,
    name: entity.name,
    nameMs: entity.nameMs,
    memberCount,
    createdAt: entity.createdAt.toISOString(),
  };
}

/** What the audit trail keeps of a committee. */
export function toCommitteeAudit(entity: CommitteeEntity): object {
  return { id: entity.id, parentId: entity.parentId, code: entity.code, name: entity.name, nameMs: entity.nameMs };
}

export function toMemberCandidate(entity: UserEntity): MemberCandidate {
  return { id: entity.id, name: entity.name, email: entity.email, agency: entity.agency };
}

/**
 * `user`'s memberships as the record kit writes them: one per committee, open to every member,
 * their events never carrying a clearance.
 */
export function memberRecords(user: UserEntity): RecordDefinition<MembershipEntity, Member> {
  return {
    entityType: 'member',
    entity: MembershipEntity,
    name: 'Membership',
    toWire: (membership) => toMember(user, membership),
    level: () => 'OPEN',
    stored: { id: 'userId', version: 'version', perCommittee: true },
    hardDelete: true,
  };
}
