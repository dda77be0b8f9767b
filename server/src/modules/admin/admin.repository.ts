import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, type Repository } from 'typeorm';
import { CommitteeEntity } from '../../access/committee.entity.js';
import { MembershipEntity } from '../../access/membership.entity.js';
import { UserEntity } from '../../access/user.entity.js';

/** True for PostgreSQL's unique_violation, e.g. an e-mail or committee code taken meanwhile. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ?? (error as { code?: unknown }).code;
  return code === '23505';
}

/** Queries only; rules live in the services. Inside a transaction every method takes its manager. */
@Injectable()
export class AdminRepository {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(CommitteeEntity) private readonly committees: Repository<CommitteeEntity>,
  ) {}

  listUsers(): Promise<UserEntity[]> {
    return this.users.find({ order: { name: 'ASC', email: 'ASC' } });
  }

  findUser(id: string, manager: EntityManager = this.users.manager): Promise<UserEntity | null> {
    return manager.findOne(UserEntity, { where: { id } });
  }

  emailTaken(email: string, manager: EntityManager = this.users.manager): Promise<boolean> {
    return manager.exists(UserEntity, { where: { email } });
  }

  /**
   * The user row, locked for the rest of the transaction: changes of one account and of its
   * memberships are serialised (always user first, then memberships, then committee seqs).
   */
  lockUser(manager: EntityManager, id: string): Promise<UserEntity | null> {
    return manager.findOne(UserEntity, { where: { id }, lock: { mode: 'for_no_key_update' } });
  }

  /** The user's memberships in committee order (the order committee seqs are locked in), locked. */
  lockMembershipsOf(manager: EntityManager, userId: string): Promise<MembershipEntity[]> {
    return manager.find(MembershipEntity, {
      where: { userId },
      order: { committeeId: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  lockMembership(manager: EntityManager, committeeId: string, userId: string): Promise<MembershipEntity | null> {
    return manager.findOne(MembershipEntity, { where: { committeeId, userId }, lock: { mode: 'pessimistic_write' } });
  }

  findCommittee(id: string, manager: EntityManager = this.committees.manager): Promise<CommitteeEntity | null> {
    return manager.findOne(CommitteeEntity, { where: { id } });
  }

  codeTaken(code: string, manager: EntityManager = this.committees.manager): Promise<boolean> {
    return manager.createQueryBuilder(CommitteeEntity, 'committee').where('lower(committee.code) = lower(:code)', { code }).getExists();
  }

  /** Every committee and working group with its member count, parents first, by code. */
  async listCommittees(): Promise<Array<{ committee: CommitteeEntity; memberCount: number }>> {
    const { entities, raw } = await this.committees
      .createQueryBuilder('committee')
      .addSelect((sub) => sub.select('count(*)::int').from(MembershipEntity, 'm').where('m.committee_id = committee.id'), 'member_count')
      .orderBy('committee.code', 'ASC')
      .getRawAndEntities<{ member_count: number }>();
    return entities.map((committee, index) => ({ committee, memberCount: Number(raw[index]?.member_count ?? 0) }));
  }

  async memberCount(committeeId: string, manager: EntityManager = this.committees.manager): Promise<number> {
    return manager.count(MembershipEntity, { where: { committeeId } });
  }

  /** Active accounts that are not members of the committee, by name. */
  candidates(committeeId: string): Promise<UserEntity[]> {
    return this.users
      .createQueryBuilder('user')
      .where('user.active = true')
      .andWhere('NOT EXISTS (SELECT 1 FROM memberships m WHERE m.committee_id = :committeeId AND m.user_id = user.id)', { committeeId })
      .orderBy('user.name', 'ASC')
      .take(1000)
      .getMany();
  }
}
