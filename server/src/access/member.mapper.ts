import type { Member } from '@sidang/shared';
import type { MembershipEntity } from './membership.entity.js';
import type { UserEntity } from './user.entity.js';

/**
 * The only place a membership becomes a wire shape. The clearance is included only when the
 * reader may know it (see `member.see-clearance`); change events never carry it.
 */
export function toMember(user: UserEntity, membership: MembershipEntity, withClearance = false): Member {
  return {
    id: user.id,
    userId: user.id,
    committeeId: membership.committeeId,
    name: user.name,
    agency: user.agency,
    role: membership.role,
    active: user.active,
    ...(withClearance ? { clearance: user.clearance } : {}),
    version: membership.version,
  };
}
