import { Injectable } from '@nestjs/common';
import type { ActivityPage, ActivityQuery } from '@sidang/shared';
import { AccessService } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import { idsToName, linkEnds, toActivityEntry, withNames } from './activity.mapper.js';
import { ActivityRepository } from './activity.repository.js';

/**
 * The audit trail made readable: a committee feed and per-record histories, need-to-know. Each
 * entry names what its changed fields point at and the record that governs it (read only where
 * the reader may see them), so that a screen can say it in words (`describeChange`).
 */
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
      drafts: access.seesDrafts,
      userId: actor.id,
      before: query.cursor === undefined ? undefined : Number(query.cursor),
      entityId: query.entityId,
      limit: query.limit,
    });
    const entries = rows.map((row) => ({ entry: toActivityEntry(row, access.clearance), ends: linkEnds(row) }));
    const ids = [...new Set(entries.flatMap(({ entry, ends }) => idsToName(entry, ends)))];
    const [records, members] = await Promise.all([
      this.repository.namedRecords(committeeId, { level: access.clearanceLevel, drafts: access.seesDrafts, userId: actor.id }, ids),
      this.repository.memberNames(committeeId, ids),
    ]);
    const lookup = {
      records: new Map(records.map((record) => [record.entity_id, record])),
      members: new Map(members.map((member) => [member.id, member.name])),
    };
    const items = entries.map(({ entry, ends }) => withNames(entry, lookup, access.clearance, ends));
    const last = items.at(-1);
    return { items, nextCursor: items.length === query.limit && last ? String(last.seq) : null };
  }
}
