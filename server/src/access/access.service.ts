import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type Classification, classificationLevel, isCleared, type Role } from '@sidang/shared';
import { type EntityManager, In, type Repository } from 'typeorm';
import type { Actor } from './actor.js';
import { CommitteeEntity } from './committee.entity.js';
import { MembershipEntity } from './membership.entity.js';
import { type Permission, roleMay } from './policy.js';
import { UserEntity } from './user.entity.js';

/** What one actor may see and do in one committee. */
export class CommitteeAccess {
  constructor(
    readonly actor: Actor,
    readonly committee: CommitteeEntity,
    readonly role: Role,
  ) {}

  get clearance(): Classification {
    return this.actor.clearance;
  }

  get clearanceLevel(): number {
    return classificationLevel(this.actor.clearance);
  }

  /** The chair and the secretariat see drafts (a meeting not yet scheduled and what it governs). */
  get seesDrafts(): boolean {
    return this.may('meeting.see-drafts');
  }

  canSee(classification: Classification): boolean {
    return isCleared(this.actor.clearance, classification);
  }

  may(permission: Permission): boolean {
    return roleMay(this.role, permission);
  }

  /** Throws 403 unless the role grants `permission`. */
  require(permission: Permission): void {
    if (!this.may(permission)) {
      throw new ForbiddenException(`Your role (${this.role}) may not ${permission.replace('.', ': ')}`);
    }
  }
}

/** What a live session may receive: see `AccessService.sessionScope`. */
export interface SessionScope {
  active: boolean;
  clearance: Classification;
  roles: Map<string, Role>;
}

/**
 * How long a membership read for a request is used for the next ones of the same session: as
 * long as the session itself is trusted (`SESSION_CACHE_MS` in auth/), and no longer than the
 * next change of an account, a membership or a committee (`forget`, on every instance).
 */
export const MEMBERSHIP_CACHE_MS = 1_000;

interface CachedMembership {
  committee: CommitteeEntity;
  role: Role;
  readAt: number;
}

/** The one place that decides membership and visibility. */
@Injectable()
export class AccessService {
  /**
   * Memberships read for an actor, by committee. Keyed by the actor object, which the session
   * cache hands to every request of one session until it reads the session again: a new session,
   * or the same one read again, reads its memberships again too. Only memberships found are kept,
   * so one added is seen at once.
   */
  private readMemberships = new WeakMap<Actor, Map<string, CachedMembership>>();
  /** Moves on each `forget`: a read begun before then is not kept. */
  private generation = 0;

  constructor(@InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>) {}

  /** Forgets every membership read (after a change of an account, a membership or a committee). */
  forget(): void {
    this.generation += 1;
    this.readMemberships = new WeakMap();
  }

  /** The actor's access to a committee, or null when they are not a member (or it does not exist). */
  async forCommittee(actor: Actor, committeeId: string): Promise<CommitteeAccess | null> {
    const now = Date.now();
    const cached = this.readMemberships.get(actor)?.get(committeeId);
    if (cached && now - cached.readAt < MEMBERSHIP_CACHE_MS) return new CommitteeAccess(actor, cached.committee, cached.role);
    const generation = this.generation;
    // A query builder rather than findOne: findOne with a relation costs TypeORM two queries.
    const membership = await this.memberships
      .createQueryBuilder('membership')
      .innerJoinAndSelect('membership.committee', 'committee')
      .where('membership.committee_id = :committeeId AND membership.user_id = :userId', { committeeId, userId: actor.id })
      .getOne();
    if (!membership?.committee) return null;
    if (generation === this.generation) {
      const mine = this.readMemberships.get(actor) ?? new Map<string, CachedMembership>();
      mine.set(committeeId, { committee: membership.committee, role: membership.role, readAt: now });
      this.readMemberships.set(actor, mine);
    }
    return new CommitteeAccess(actor, membership.committee, membership.role);
  }

  /** As `forCommittee`, but a non-member gets the same 404 as a missing committee. */
  async requireCommittee(actor: Actor, committeeId: string): Promise<CommitteeAccess> {
    const access = await this.forCommittee(actor, committeeId);
    if (!access) throw new NotFoundException('Committee not found');
    return access;
  }

  async committeesOf(actor: Actor): Promise<Array<{ committee: CommitteeEntity; role: Role }>> {
    const rows = await this.memberships.find({
      where: { userId: actor.id },
      relations: { committee: true },
      order: { committee: { code: 'ASC' } },
    });
    return rows.flatMap((row) => (row.committee ? [{ committee: row.committee, role: row.role }] : []));
  }

  /** Inside a transaction pass its manager (PGlite cannot answer another connection meanwhile). */
  async membersOf(committeeId: string, manager?: EntityManager): Promise<Array<{ user: UserEntity; membership: MembershipEntity }>> {
    const rows = await (manager ?? this.memberships.manager).find(MembershipEntity, { where: { committeeId }, relations: { user: true } });
    return rows
      .flatMap((row) => (row.user ? [{ user: row.user, membership: row }] : []))
      .sort((a, b) => a.user.name.localeCompare(b.user.name));
  }

  /** Those of `userIds` who are not members of the committee, in one query. */
  async nonMembers(committeeId: string, userIds: readonly string[]): Promise<string[]> {
    const wanted = [...new Set(userIds)];
    if (wanted.length === 0) return [];
    const found = await this.memberships.find({ where: { committeeId, userId: In(wanted) }, select: { userId: true } });
    const members = new Set(found.map((row) => row.userId));
    return wanted.filter((id) => !members.has(id));
  }

  async userExists(userId: string): Promise<boolean> {
    return (await this.memberships.manager.count(UserEntity, { where: { id: userId } })) > 0;
  }

  async isMember(committeeId: string, userId: string): Promise<boolean> {
    return (await this.memberships.count({ where: { committeeId, userId } })) > 0;
  }

  /**
   * What a live session of the user may receive now: the account's state and clearance and
   * the user's role in each committee. Null when the account is gone.
   */
  async sessionScope(userId: string): Promise<SessionScope | null> {
    const rows: Array<{ active: boolean; clearance: Classification; committee_id: string | null; role: Role | null }> =
      await this.memberships.manager.query(
        `SELECT u.active, u.clearance, m.committee_id, m.role
         FROM users u LEFT JOIN memberships m ON m.user_id = u.id
         WHERE u.id = $1`,
        [userId],
      );
    const first = rows[0];
    if (!first) return null;
    const roles = new Map<string, Role>();
    for (const row of rows) if (row.committee_id && row.role) roles.set(row.committee_id, row.role);
    return { active: first.active, clearance: first.clearance, roles };
  }

  /**
   * The ids of a committee's drafts and what they govern (a meeting not yet scheduled, its agenda
   * items and the papers on them): what a client that no longer sees drafts drops.
   */
  async draftIds(committeeId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.memberships.manager.query(
      `WITH drafts AS (SELECT id FROM meetings WHERE committee_id = $1 AND status = 'draft'),
            items AS (SELECT a.id FROM agenda_items a JOIN drafts m ON m.id = a.meeting_id)
       SELECT id FROM drafts
       UNION ALL SELECT id FROM items
       UNION ALL SELECT d.id FROM documents d JOIN items i ON i.id = d.parent_id`,
      [committeeId],
    );
    return rows.map((row) => row.id);
  }
}
