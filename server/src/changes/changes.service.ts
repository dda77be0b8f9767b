import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { SessionEvents } from '../auth/session-events.js';
import { ChangeBus } from './change-bus.js';
import { ChangeTx } from './change-tx.js';

/**
 * The change pipeline: every write runs `work` in one transaction that stores the record,
 * its event (per-committee seq) and its audit row; only after commit is the bus told.
 */
@Injectable()
export class ChangesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bus: ChangeBus,
    @Optional() private readonly sessionEvents?: SessionEvents,
  ) {}

  async transact<T>(actor: Actor, work: (tx: ChangeTx) => Promise<T>): Promise<T> {
    let tx: ChangeTx | undefined;
    const result = await this.dataSource.transaction(async (manager) => {
      tx = new ChangeTx(manager, actor);
      return work(tx);
    });
    for (const committed of tx?.committed() ?? []) this.bus.publish(committed);
    // Before the write is answered: the next request here sees the changed account or membership.
    if (tx?.changedAccess) await this.sessionEvents?.accessChanged();
    return result;
  }

  /**
   * Where a record written through the pipeline stands: its committee, own level and governing
   * parent. Lets one slice check a reference to another's record without reaching into it.
   */
  async scopeOf(id: string): Promise<{ committeeId: string; level: number; parentId: string | null } | null> {
    const rows: Array<{ committee_id: string; level: number; parent_id: string | null }> = await this.dataSource.query(
      'SELECT committee_id, level, parent_id FROM record_scopes WHERE scope_id = $1',
      [id],
    );
    const row = rows[0];
    return row ? { committeeId: row.committee_id, level: Number(row.level), parentId: row.parent_id } : null;
  }

  /** The record's type and whether its last change deleted it, besides where it stands. */
  async recordState(
    id: string,
  ): Promise<{ committeeId: string; level: number; entityType: string; deleted: boolean; draft: boolean } | null> {
    const rows: Array<{ committee_id: string; level: number; entity_type: string; verb: string; draft: boolean }> =
      await this.dataSource.query(
        `SELECT s.committee_id, s.level, e.entity_type, e.verb, governing_draft(s.scope_id) AS draft
       FROM record_scopes s
       JOIN LATERAL (SELECT entity_type, verb FROM change_events
                     WHERE committee_id = s.committee_id AND entity_id = s.scope_id ORDER BY seq DESC LIMIT 1) e ON true
       WHERE s.scope_id = $1`,
        [id],
      );
    const row = rows[0];
    return row
      ? {
          committeeId: row.committee_id,
          level: Number(row.level),
          entityType: row.entity_type,
          deleted: row.verb === 'deleted',
          draft: row.draft === true,
        }
      : null;
  }

  /** The newest seq of a committee (0 before its first change). */
  async latestSeq(committeeId: string): Promise<number> {
    const rows: Array<{ last_seq: string }> = await this.dataSource.query(
      'SELECT last_seq FROM committee_sequences WHERE committee_id = $1',
      [committeeId],
    );
    return rows[0] ? Number(rows[0].last_seq) : 0;
  }
}
