import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type CommitteeSettings, DEFAULT_QUORUM_RULE, type QuorumRule, type UpdateCommitteeSettings } from '@sidang/shared';
import type { EntityManager, Repository } from 'typeorm';
import { AccessService } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import { CommitteeEntity } from '../../access/committee.entity.js';
import type { ChangeTx } from '../../changes/change-tx.js';
import { ChangesService } from '../../changes/changes.service.js';
import { NotFoundError, StaleVersionException } from '../../common/errors.js';
import { CommitteeSettingsEntity } from './committee-settings.entity.js';

/**
 * Told, inside the transaction that changed it, that a committee's quorum rule changed: a slice
 * whose records depend on it (a meeting's attendance) records their change in the same commit.
 */
export type QuorumRuleListener = (tx: ChangeTx, committeeId: string, previous: QuorumRule) => Promise<void>;

function ruleOf(entity: CommitteeSettingsEntity | null): QuorumRule {
  if (!entity) return DEFAULT_QUORUM_RULE;
  return entity.quorumKind === 'count' && entity.quorumCount ? { kind: 'count', count: entity.quorumCount } : { kind: 'majority' };
}

function toSettings(committee: CommitteeEntity, entity: CommitteeSettingsEntity | null): CommitteeSettings {
  return {
    id: committee.id,
    committeeId: committee.id,
    quorumRule: ruleOf(entity),
    classification: 'OPEN',
    version: entity?.version ?? 1,
    createdAt: (entity?.createdAt ?? committee.createdAt).toISOString(),
    updatedAt: (entity?.updatedAt ?? committee.createdAt).toISOString(),
  };
}

/** A committee's settings (today its quorum rule), changed through the pipeline: audited and live. */
@Injectable()
export class CommitteeSettingsService {
  private readonly listeners: QuorumRuleListener[] = [];

  constructor(
    @InjectRepository(CommitteeSettingsEntity) private readonly settings: Repository<CommitteeSettingsEntity>,
    private readonly access: AccessService,
    private readonly changes: ChangesService,
  ) {}

  onQuorumRuleChanged(listener: QuorumRuleListener): void {
    this.listeners.push(listener);
  }

  /** The rule in force (inside a transaction, pass its manager). */
  async quorumRule(committeeId: string, manager: EntityManager = this.settings.manager): Promise<QuorumRule> {
    return ruleOf(await manager.findOne(CommitteeSettingsEntity, { where: { committeeId } }));
  }

  async get(actor: Actor, committeeId: string): Promise<CommitteeSettings> {
    const committee = await this.committeeFor(actor, committeeId, false);
    return toSettings(committee, await this.settings.findOne({ where: { committeeId } }));
  }

  /** The chair, the secretariat or an administrator sets the rule. */
  async update(actor: Actor, committeeId: string, input: UpdateCommitteeSettings): Promise<CommitteeSettings> {
    const committee = await this.committeeFor(actor, committeeId, true);
    return this.changes.transact(actor, async (tx) => {
      // One writer at a time per committee: the row, or the committee while there is none.
      await tx.manager.query('SELECT id FROM committees WHERE id = $1 FOR UPDATE', [committeeId]);
      const stored = await tx.manager.findOne(CommitteeSettingsEntity, { where: { committeeId } });
      const before = toSettings(committee, stored);
      if (before.version !== input.version) throw new StaleVersionException(before, input.version, before.version);
      const entity = stored ?? tx.manager.create(CommitteeSettingsEntity, { committeeId });
      entity.quorumKind = input.quorumRule.kind;
      entity.quorumCount = input.quorumRule.kind === 'count' ? input.quorumRule.count : null;
      entity.version = before.version + 1;
      const after = toSettings(committee, await tx.manager.save(entity));
      await tx.record({
        committeeId,
        entityType: 'committee-settings',
        entityId: committeeId,
        verb: 'updated',
        version: after.version,
        classification: 'OPEN',
        before,
        after,
      });
      for (const listener of this.listeners) await listener(tx, committeeId, before.quorumRule);
      return after;
    });
  }

  /** A member reads; to write, a chair or secretariat of it. An administrator does both in any committee. */
  private async committeeFor(actor: Actor, committeeId: string, write: boolean): Promise<CommitteeEntity> {
    if (actor.isAdmin) {
      const committee = await this.settings.manager.findOne(CommitteeEntity, { where: { id: committeeId } });
      if (!committee) throw new NotFoundError('Committee');
      return committee;
    }
    const access = await this.access.requireCommittee(actor, committeeId);
    if (write) access.require('meeting.manage');
    return access.committee;
  }
}
