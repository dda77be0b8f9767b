import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type Classification,
  clearedLevels,
  type Decision,
  isCleared,
  meetingHasStarted,
  type UpdateDecision,
  type WithdrawDecision,
} from '@sidang/shared';
import type { Repository } from 'typeorm';
import { AccessService, type CommitteeAccess } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import type { ChangeTx } from '../../changes/change-tx.js';
import { ChangesService } from '../../changes/changes.service.js';
import { derivedLevel, withDeclassification } from '../../changes/origin-level.js';
import { type RecordDefinition, RecordKit } from '../../changes/record-kit.js';
import { AgendaItemEntity } from './agenda-item.entity.js';
import { DecisionEntity } from './decision.entity.js';
import { MeetingEntity } from './meeting.entity.js';
import { meetingErrors } from './meetings.errors.js';
import { toDecision } from './meetings.mapper.js';
import { MeetingsService } from './meetings.service.js';

/** Decisions as the record kit writes them. */
const DECISIONS: RecordDefinition<DecisionEntity, Decision> = {
  entityType: 'decision',
  entity: DecisionEntity,
  name: 'Decision',
  toWire: toDecision,
  // Never deleted: a withdrawn decision stays, marked (the table has no deleted_at).
  hardDelete: true,
};

/** Decisions recorded in place, against an agenda item; searchable per committee. */
@Injectable()
export class DecisionsService {
  constructor(
    @InjectRepository(DecisionEntity) private readonly decisions: Repository<DecisionEntity>,
    private readonly meetings: MeetingsService,
    private readonly access: AccessService,
    private readonly changes: ChangesService,
    private readonly records: RecordKit,
  ) {}

  async ofItem(actor: Actor, agendaItemId: string): Promise<Decision[]> {
    const { access } = await this.meetings.visibleItem(actor, agendaItemId);
    const rows = await this.decisions
      .createQueryBuilder('d')
      .where('d.agenda_item_id = :agendaItemId', { agendaItemId })
      .andWhere('d.classification IN (:...levels)', { levels: clearedLevels(access.clearance) })
      .orderBy('d.created_at', 'ASC')
      .getMany();
    return rows.map(toDecision);
  }

  async record(
    actor: Actor,
    agendaItemId: string,
    text: string,
    requested: { classification?: Classification; declassificationReason?: string } = {},
  ): Promise<Decision> {
    const { item, meeting, access } = await this.meetings.visibleItem(actor, agendaItemId);
    access.require('meeting.run');
    // Decisions are taken at the meeting: not while it is a draft or only scheduled. (A vote's
    // result comes through recordIn from a vote opened while the meeting was in progress.)
    if (!meetingHasStarted(meeting.status)) throw meetingErrors.notStarted(meeting.status);
    if (requested.classification && !isCleared(access.clearance, requested.classification)) {
      throw meetingErrors.aboveClearance(access.clearance);
    }
    return this.changes.transact(actor, (tx) => this.recordIn(tx, access, { item, meeting }, text, requested));
  }

  /**
   * Records a decision on `item` inside the caller's transaction (a vote's result, in the same
   * commit as its close): the item's and its meeting's level unless declassified.
   */
  async recordIn(
    tx: ChangeTx,
    access: CommitteeAccess,
    { item, meeting }: { item: Pick<AgendaItemEntity, 'id' | 'committeeId'>; meeting: Pick<MeetingEntity, 'id'> },
    text: string,
    requested: { classification?: Classification; declassificationReason?: string } = {},
  ): Promise<Decision> {
    const level = await derivedLevel(tx.manager, access, item.committeeId, { origins: [item.id], ...requested });
    const { classification } = level;
    if (!isCleared(access.clearance, classification)) throw meetingErrors.aboveClearance(access.clearance);
    const fields = { meetingId: meeting.id, agendaItemId: item.id, text, classification, createdById: tx.actor.id };
    return this.records.create(DECISIONS, tx, access, fields, {
      parent: { id: item.id },
      logged: (decision) => withDeclassification(decision, level),
    });
  }

  /**
   * A correction (chair, secretariat): the text replaced (and `correctedAt` set), or the level
   * changed by the rule of a derived record. The earlier text stays in the activity and audit.
   */
  async correct(actor: Actor, id: string, input: UpdateDecision): Promise<Decision> {
    const { entity, access } = await this.records.visible(DECISIONS, actor, id);
    access.require('meeting.run');
    const { version, text, classification, declassificationReason } = input;
    if (text === undefined && classification === undefined) throw meetingErrors.nothingToChange();
    if (classification && !isCleared(access.clearance, classification)) throw meetingErrors.aboveClearance(access.clearance);
    if (entity.version === version && entity.status === 'withdrawn') throw meetingErrors.decisionWithdrawn(toDecision(entity));
    return this.changes.transact(actor, async (tx) => {
      const patch: Partial<DecisionEntity> = {};
      let logged: ((decision: Decision) => Decision) | undefined;
      if (text !== undefined && text !== entity.text) {
        patch.text = text;
        patch.correctedAt = new Date();
      }
      if (classification !== undefined) {
        const level = await derivedLevel(tx.manager, access, entity.committeeId, {
          origins: [entity.agendaItemId],
          classification,
          declassificationReason,
        });
        patch.classification = level.classification;
        logged = (decision) => withDeclassification(decision, level);
      }
      return this.records.update(DECISIONS, tx, access, entity, version, patch, {
        parent: { id: entity.agendaItemId },
        ...(logged ? { logged } : {}),
      });
    });
  }

  /** A withdrawal (chair, secretariat): the decision stays, marked withdrawn, with the reason. */
  async withdraw(actor: Actor, id: string, input: WithdrawDecision): Promise<Decision> {
    const { entity, access } = await this.records.visible(DECISIONS, actor, id);
    access.require('meeting.run');
    if (entity.version === input.version && entity.status === 'withdrawn') throw meetingErrors.alreadyWithdrawn(toDecision(entity));
    return this.changes.transact(actor, (tx) =>
      this.records.update(
        DECISIONS,
        tx,
        access,
        entity,
        input.version,
        { status: 'withdrawn', withdrawalReason: input.reason.trim(), withdrawnAt: new Date(), withdrawnById: actor.id },
        { parent: { id: entity.agendaItemId } },
      ),
    );
  }

  /** The committee's decisions register: what the reader may see of it, newest meeting first. */
  async register(actor: Actor, committeeId: string, q?: string): Promise<Decision[]> {
    const access = await this.access.requireCommittee(actor, committeeId);
    const levels = clearedLevels(access.clearance);
    const query = this.decisions
      .createQueryBuilder('d')
      .innerJoin(AgendaItemEntity, 'a', 'a.id = d.agenda_item_id AND a.deleted_at IS NULL')
      .innerJoin(MeetingEntity, 'm', 'm.id = d.meeting_id AND m.deleted_at IS NULL')
      .where('d.committee_id = :committeeId', { committeeId })
      .andWhere('d.classification IN (:...levels) AND a.classification IN (:...levels) AND m.classification IN (:...levels)', { levels });
    if (q) query.andWhere("d.text ILIKE :pattern ESCAPE '\\'", { pattern: `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    const rows = await query.orderBy('m.starts_at', 'DESC').addOrderBy('d.created_at', 'DESC').limit(500).getMany();
    return rows.map(toDecision);
  }
}
