import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type AgendaLanguage,
  type CommitteeSettings,
  DEFAULT_QUORUM_RULE,
  type QuorumRule,
  type UpdateCommitteeSettings,
} from '@sidang/shared';
import type { EntityManager, Repository } from 'typeorm';
import { AccessService } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import { CommitteeEntity } from '../../access/committee.entity.js';
import type { ChangeTx } from '../../changes/change-tx.js';
import { ChangesService } from '../../changes/changes.service.js';
import { type RecordDefinition, RecordKit } from '../../changes/record-kit.js';
import { NotFoundError, NothingToChangeException } from '../../common/errors.js';
import { CommitteeSettingsEntity } from './committee-settings.entity.js';

/** What a meeting's quorum depends on in a committee's settings. */
export interface QuorumSettings {
  rule: QuorumRule;
  /** Whether the secretariat votes (and counts for the quorum); default false. */
  secretariatVotes: boolean;
  /** The language of the standard agenda items (default Bahasa Malaysia). */
  agendaLanguage: AgendaLanguage;
}

/**
 * Told, inside the transaction that changed it, that a committee's quorum settings changed: a
 * slice whose records depend on them (a meeting's attendance) records their change in the same commit.
 */
export type QuorumRuleListener = (tx: ChangeTx, committeeId: string, previous: QuorumSettings) => Promise<void>;

function ruleOf(entity: CommitteeSettingsEntity | null): QuorumRule {
  if (!entity) return DEFAULT_QUORUM_RULE;
  return entity.quorumKind === 'count' && entity.quorumCount ? { kind: 'count', count: entity.quorumCount } : { kind: 'majority' };
}

function quorumSettingsOf(entity: CommitteeSettingsEntity | null): QuorumSettings {
  return { rule: ruleOf(entity), secretariatVotes: entity?.secretariatVotes ?? false, agendaLanguage: entity?.agendaLanguage ?? 'ms' };
}

function toSettings(committee: CommitteeEntity, entity: CommitteeSettingsEntity | null): CommitteeSettings {
  return {
    id: committee.id,
    committeeId: committee.id,
    quorumRule: ruleOf(entity),
    secretariatVotes: entity?.secretariatVotes ?? false,
    agendaLanguage: entity?.agendaLanguage ?? 'ms',
    recusedWithoutPapers: entity?.recusedWithoutPapers ?? false,
    classification: 'OPEN',
    version: entity?.version ?? 1,
    createdAt: (entity?.createdAt ?? committee.createdAt).toISOString(),
    updatedAt: (entity?.updatedAt ?? committee.createdAt).toISOString(),
  };
}

/** A committee's settings as the record kit writes them: one record per committee, open to every member. */
function settingsRecords(committee: CommitteeEntity): RecordDefinition<CommitteeSettingsEntity, CommitteeSettings> {
  return {
    entityType: 'committee-settings',
    entity: CommitteeSettingsEntity,
    name: 'Committee',
    toWire: (entity) => toSettings(committee, entity),
    level: () => 'OPEN',
    stored: { id: 'committeeId', version: 'version' },
    hardDelete: true,
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
    private readonly records: RecordKit,
  ) {}

  onQuorumRuleChanged(listener: QuorumRuleListener): void {
    this.listeners.push(listener);
  }

  /** The rule in force and who votes (inside a transaction, pass its manager). */
  async quorumSettings(committeeId: string, manager: EntityManager = this.settings.manager): Promise<QuorumSettings> {
    return quorumSettingsOf(await manager.findOne(CommitteeSettingsEntity, { where: { committeeId } }));
  }

  async get(actor: Actor, committeeId: string): Promise<CommitteeSettings> {
    const committee = await this.committeeFor(actor, committeeId, false);
    return toSettings(committee, await this.settings.findOne({ where: { committeeId } }));
  }

  /** The chair, the secretariat or an administrator sets the rule. */
  async update(actor: Actor, committeeId: string, input: UpdateCommitteeSettings): Promise<CommitteeSettings> {
    const committee = await this.committeeFor(actor, committeeId, true);
    if (
      input.quorumRule === undefined &&
      input.secretariatVotes === undefined &&
      input.agendaLanguage === undefined &&
      input.recusedWithoutPapers === undefined
    ) {
      throw new NothingToChangeException();
    }
    const definition = settingsRecords(committee);
    return this.changes.transact(actor, async (tx) => {
      // One writer at a time per committee: the row, or the committee while there is none.
      await tx.manager.query('SELECT id FROM committees WHERE id = $1 FOR UPDATE', [committeeId]);
      const stored =
        (await tx.manager.findOne(CommitteeSettingsEntity, { where: { committeeId } })) ?? (await this.defaults(tx, committee));
      const previous = quorumSettingsOf(stored);
      const patch: Partial<CommitteeSettingsEntity> = {};
      if (input.quorumRule) {
        patch.quorumKind = input.quorumRule.kind;
        patch.quorumCount = input.quorumRule.kind === 'count' ? input.quorumRule.count : null;
      }
      if (input.secretariatVotes !== undefined) patch.secretariatVotes = input.secretariatVotes;
      if (input.agendaLanguage !== undefined) patch.agendaLanguage = input.agendaLanguage;
      if (input.recusedWithoutPapers !== undefined) patch.recusedWithoutPapers = input.recusedWithoutPapers;
      const after = await this.records.update(definition, tx, actor, stored, input.version, patch);
      for (const listener of this.listeners) await listener(tx, committeeId, previous);
      return after;
    });
  }

  /**
   * Stores the defaults a committee without settings has (version 1, dated as the committee), so
   * that its first change is a compare-and-set like every other; the caller holds the committee's lock.
   */
  private async defaults(tx: ChangeTx, committee: CommitteeEntity): Promise<CommitteeSettingsEntity> {
    const entity = tx.manager.create(CommitteeSettingsEntity, {
      committeeId: committee.id,
      quorumKind: DEFAULT_QUORUM_RULE.kind,
      quorumCount: null,
      secretariatVotes: false,
      agendaLanguage: 'ms',
      recusedWithoutPapers: false,
      version: 1,
      createdAt: committee.createdAt,
      updatedAt: committee.createdAt,
    });
    await tx.manager.insert(CommitteeSettingsEntity, entity);
    return entity;
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
