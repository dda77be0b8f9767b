import { Injectable } from '@nestjs/common';
import type { CatchUpPage } from '@sidang/shared';
import { AccessService } from '../access/access.service.js';
import type { Actor } from '../access/actor.js';
import { ChangesService } from '../changes/changes.service.js';
import { ChangeLogRepository } from './change-log.repository.js';
import { toEnvelope } from './envelope.js';

/** What a reconnecting client missed, filtered exactly as live delivery is. */
@Injectable()
export class CatchUpService {
  constructor(
    private readonly access: AccessService,
    private readonly changes: ChangesService,
    private readonly log: ChangeLogRepository,
  ) {}

  async page(actor: Actor, committeeId: string, after: number, limit: number): Promise<CatchUpPage> {
    const access = await this.access.requireCommittee(actor, committeeId);
    // Read the head first: events committed while the page is read belong to the next page.
    const latestSeq = await this.changes.latestSeq(committeeId);
    const rows = await this.log.visibleAfter(
      committeeId,
      after,
      latestSeq,
      { level: access.clearanceLevel, drafts: access.seesDrafts, userId: actor.id },
      limit,
    );
    const hasMore = rows.length === limit;
    const last = rows.at(-1);
    return {
      events: rows.map((row) => toEnvelope(row, row.level > access.clearanceLevel ? null : access.clearance, row.currentFieldLevels)),
      hasMore,
      nextAfter: hasMore && last ? last.seq : Math.max(after, latestSeq),
      latestSeq,
    };
  }
}
