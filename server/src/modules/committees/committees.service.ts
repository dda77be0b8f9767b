import { Injectable } from '@nestjs/common';
import type { Committee, Member } from '@sidang/shared';
import { AccessService } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import type { CommitteeEntity } from '../../access/committee.entity.js';
import { toMember } from '../../access/member.mapper.js';

function toCommittee(entity: CommitteeEntity, role: Committee['role']): Committee {
  return { id: entity.id, parentId: entity.parentId, code: entity.code, name: entity.name, nameMs: entity.nameMs, role };
}

@Injectable()
export class CommitteesService {
  constructor(private readonly access: AccessService) {}

  async list(actor: Actor): Promise<Committee[]> {
    return (await this.access.committeesOf(actor)).map(({ committee, role }) => toCommittee(committee, role));
  }

  async get(actor: Actor, committeeId: string): Promise<Committee> {
    const access = await this.access.requireCommittee(actor, committeeId);
    return toCommittee(access.committee, access.role);
  }

  async members(actor: Actor, committeeId: string): Promise<Member[]> {
    const access = await this.access.requireCommittee(actor, committeeId);
    const seesClearances = access.may('member.see-clearance') || actor.isAdmin;
    return (await this.access.membersOf(committeeId)).map(({ user, membership }) =>
      toMember(user, membership, seesClearances || user.id === actor.id),
    );
  }
}
