import { Injectable } from '@nestjs/common';
import type { ActivityPage, ActivityQuery } from '@sidang/shared';
import { AccessService } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import { toActivityEntry } from './activity.mapper.js';
import { ActivityRepository } from './activity.repository.js';

/** The audit trail made readable: a committee feed and per-record histories, need-to-know. */
@Injectable()
export class ActivityService {
  constructor(
    private readonly access: AccessService,
    private readonly repository: ActivityRepository,
  ) {}

  async page(actor: Actor, committeeId: string, query: ActivityQuery): Promise<ActivityPage> {
    const access = await this.access.requireCommittee(actor, committeeId);
    const rows = await this.repository.visible({
      committeeId,
      level: access.clearanceLevel,
      before: query.cursor === undefined ? undefined : Number(query.cursor),
      entityId: query.entityId,
      limit: query.limit,
    });
    const items = rows.map((row) => toActivityEntry(row, access.clearance));
    const last = items.at(-1);
    return { items, nextCursor: items.length === query.limit && last ? String(last.seq) : null };
  }
}
