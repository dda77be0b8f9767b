import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CLOSED_STATUSES, type Classification, clearedLevels, type ListActionItemsQuery } from '@sidang/shared';
import { type EntityManager, In, type Repository } from 'typeorm';
import { UserEntity } from '../../access/user.entity.js';
import { ActionItemEntity } from './action-item.entity.js';
import { ProgressUpdateEntity } from './progress-update.entity.js';

export interface ListFilter extends Omit<ListActionItemsQuery, 'owner'> {
  committeeId: string;
  clearance: Classification;
  /** Items owned by this user or by this agency. */
  ownedBy?: { userId: string; agency?: string };
  /** ISO date of "today" in the committee's time zone, for `overdue`. */
  today: string;
}

/** Queries only; rules live in the service. */
@Injectable()
export class ActionItemsRepository {
  constructor(
    @InjectRepository(ActionItemEntity) private readonly items: Repository<ActionItemEntity>,
    @InjectRepository(ProgressUpdateEntity) private readonly updates: Repository<ProgressUpdateEntity>,
  ) {}

  list(filter: ListFilter): Promise<ActionItemEntity[]> {
    const visible = clearedLevels(filter.clearance);
    const query = this.items
      .createQueryBuilder('item')
      .where('item.committee_id = :committeeId', { committeeId: filter.committeeId })
      .andWhere('item.classification IN (:...visible)', { visible });
    if (filter.status?.length) query.andWhere('item.status IN (:...status)', { status: filter.status });
    if (filter.ownedBy) {
      const { userId, agency } = filter.ownedBy;
      query.andWhere(agency ? '(:userId = ANY(item.owner_ids) OR :agency = ANY(item.owner_agencies))' : ':userId = ANY(item.owner_ids)', {
        userId,
        agency,
      });
    }
    if (filter.agency) query.andWhere(':ownerAgency = ANY(item.owner_agencies)', { ownerAgency: filter.agency });
    if (filter.overdue !== undefined) {
      const overdue = 'item.due_date < :today AND item.status NOT IN (:...closed)';
      query.andWhere(filter.overdue ? overdue : `(item.due_date IS NULL OR NOT (${overdue}))`, {
        today: filter.today,
        closed: CLOSED_STATUSES,
      });
    }
    return query.orderBy('item.due_date', 'ASC', 'NULLS LAST').addOrderBy('item.created_at', 'ASC').take(2000).getMany();
  }

  /** Inside a transaction pass its manager (PGlite cannot answer another connection meanwhile). */
  /**
   * Reads an item inside a change transaction with a share lock: a concurrent change of the
   * item (its classification, say) waits until this transaction ends.
   */
  lockAgainstChange(manager: EntityManager, id: string): Promise<ActionItemEntity | null> {
    return manager.findOne(ActionItemEntity, { where: { id }, lock: { mode: 'pessimistic_read' } });
  }

  /** The thread of an item, without the entries written at a level above `clearance`. */
  async updatesWithAuthors(
    actionItemId: string,
    clearance: Classification,
  ): Promise<Array<{ update: ProgressUpdateEntity; authorName: string }>> {
    const updates = await this.updates.find({
      where: { actionItemId, classification: In(clearedLevels(clearance)) },
      order: { createdAt: 'ASC' },
    });
    const names = await this.authorNames(
      this.updates.manager,
      updates.map((update) => update.authorId),
    );
    return updates.map((update) => ({ update, authorName: names.get(update.authorId) ?? '' }));
  }

  async authorNames(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const users = await manager.find(UserEntity, { where: { id: In([...new Set(ids)]) }, select: { id: true, name: true } });
    return new Map(users.map((user) => [user.id, user.name]));
  }

  /** Actions raised by these meetings that are still open, oldest due first. */
  openFromMeetings(committeeId: string, meetingIds: readonly string[], clearance: Classification): Promise<ActionItemEntity[]> {
    return this.items
      .createQueryBuilder('item')
      .where('item.committee_id = :committeeId AND item.meeting_id IN (:...meetingIds)', { committeeId, meetingIds })
      .andWhere('item.classification IN (:...visible)', { visible: clearedLevels(clearance) })
      .andWhere('item.status NOT IN (:...closed)', { closed: CLOSED_STATUSES })
      .orderBy('item.due_date', 'ASC', 'NULLS LAST')
      .addOrderBy('item.created_at', 'ASC')
      .getMany();
  }

  /** The newest update of each item that a reader cleared to `clearance` may see. */
  async latestUpdates(
    itemIds: readonly string[],
    clearance: Classification,
  ): Promise<Map<string, { update: ProgressUpdateEntity; authorName: string }>> {
    if (itemIds.length === 0) return new Map();
    const updates = await this.updates
      .createQueryBuilder('u')
      .distinctOn(['u.action_item_id'])
      .where('u.action_item_id IN (:...itemIds)', { itemIds })
      .andWhere('u.classification IN (:...visible)', { visible: clearedLevels(clearance) })
      .orderBy('u.action_item_id')
      .addOrderBy('u.created_at', 'DESC')
      .getMany();
    const names = await this.authorNames(
      this.updates.manager,
      updates.map((update) => update.authorId),
    );
    return new Map(updates.map((update) => [update.actionItemId, { update, authorName: names.get(update.authorId) ?? '' }]));
  }
}
