import { Injectable } from '@nestjs/common';
import {
  type ActionItem,
  type Classification,
  type createActionItemSchema,
  type FieldClassifications,
  isCleared,
  type ListActionItemsQuery,
  type MatterArising,
  type ProgressUpdate,
  projectFor,
  type UpdateActionItem,
} from '@sidang/shared';
import type { z } from 'zod';
import type { CommitteeAccess } from '../../access/access.service.js';
import { AccessService } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import { editedFieldLevels, fieldLevelsWithin } from '../../access/field-levels.js';
import { ChangesService } from '../../changes/changes.service.js';
import { derivedLevel, withDeclassification } from '../../changes/origin-level.js';
import { type RecordDefinition, RecordKit } from '../../changes/record-kit.js';
import {
  AboveClearanceException,
  ForbiddenError,
  InvalidFieldException,
  NotFoundError,
  NothingToChangeException,
  NotMembersException,
} from '../../common/errors.js';
import { todayIn } from '../../common/today.js';
import { ActionItemEntity } from './action-item.entity.js';
import { toActionItem, toProgressUpdate } from './action-items.mapper.js';
import { ActionItemsRepository } from './action-items.repository.js';
import { ProgressUpdateEntity } from './progress-update.entity.js';

/** The parsed body; the minutes section is an origin only actions raised from the minutes name. */
type CreateInput = Omit<z.output<typeof createActionItemSchema>, 'minutesSectionId'> & { minutesSectionId?: string | null };

/** Action items as the record kit writes them. */
const ACTION_ITEMS: RecordDefinition<ActionItemEntity, ActionItem> = {
  entityType: 'action-item',
  entity: ActionItemEntity,
  name: 'Action item',
  toWire: toActionItem,
};

@Injectable()
export class ActionItemsService {
  constructor(
    private readonly repository: ActionItemsRepository,
    private readonly access: AccessService,
    private readonly changes: ChangesService,
    private readonly records: RecordKit,
  ) {}

  async list(actor: Actor, committeeId: string, query: ListActionItemsQuery): Promise<ActionItem[]> {
    const access = await this.access.requireCommittee(actor, committeeId);
    const { owner, ...filters } = query;
    const items = await this.repository.list({
      ...filters,
      committeeId,
      clearance: access.clearance,
      ownedBy: owner === 'me' ? { userId: actor.id, agency: actor.agency } : owner ? { userId: owner } : undefined,
      today: todayIn(access.committee.timeZone),
    });
    return items.map((item) => projectFor(toActionItem(item), access.clearance));
  }

  async get(actor: Actor, id: string): Promise<ActionItem> {
    const { item, access } = await this.visible(actor, id);
    return projectFor(toActionItem(item), access.clearance);
  }

  async create(actor: Actor, committeeId: string, input: CreateInput): Promise<ActionItem> {
    const access = await this.access.requireCommittee(actor, committeeId);
    access.require('action-item.create');
    const { minutesSectionId = null, declassificationReason, ...fields } = input;
    if (fields.classification) this.assertClassifiable(access, fields.classification);
    await this.assertMembers(committeeId, fields.ownerIds);
    await this.assertOrigin(access, fields.meetingId, fields.agendaItemId, minutesSectionId);
    return this.changes.transact(actor, async (tx) => {
      // Raised from a meeting, an agenda item or a passage of the minutes: at least their level.
      const level = await derivedLevel(tx.manager, access, committeeId, {
        origins: [fields.meetingId, fields.agendaItemId, minutesSectionId],
        classification: fields.classification,
        declassificationReason,
      });
      this.assertClassifiable(access, level.classification);
      const saved = await this.records.create(
        ACTION_ITEMS,
        tx,
        access,
        {
          ...fields,
          classification: level.classification,
          fieldClassifications: this.fieldLevels(access, level.classification, fields.fieldClassifications),
          ownerIds: [...new Set(fields.ownerIds)],
          ownerAgencies: [...new Set(fields.ownerAgencies)],
          createdById: actor.id,
        },
        { logged: (wire) => withDeclassification(wire, level) },
      );
      return projectFor(saved, access.clearance);
    });
  }

  async update(actor: Actor, id: string, input: UpdateActionItem): Promise<ActionItem> {
    const { item, access } = await this.visible(actor, id);
    const { version, ...changes } = input;
    if (Object.keys(changes).length === 0) throw new NothingToChangeException();
    if (!access.may('action-item.edit')) {
      const ownsIt = item.ownerIds.includes(actor.id) || item.ownerAgencies.includes(actor.agency);
      if (!access.may('action-item.update-own-status') || !ownsIt) access.require('action-item.edit');
      if (Object.keys(changes).some((field) => field !== 'status'))
        throw new ForbiddenError('As an owner you may change the status of this item, and nothing else');
    }
    if (changes.classification) this.assertClassifiable(access, changes.classification);
    // A field withheld from the editor can be neither read nor overwritten by them.
    const withheld = projectFor(toActionItem(item), access.clearance).redactedFields ?? [];
    const touched = withheld.find((field) => field in changes || changes.fieldClassifications?.[field] !== undefined);
    if (touched) throw new AboveClearanceException(access.clearance, touched);
    const fieldClassifications =
      changes.fieldClassifications || changes.classification ? this.editedFieldLevels(access, item, changes) : undefined;
    if (changes.ownerIds) await this.assertMembers(item.committeeId, changes.ownerIds);

    return this.changes.transact(actor, async (tx) => {
      const patch: Partial<ActionItemEntity> = { ...changes };
      if (fieldClassifications) patch.fieldClassifications = fieldClassifications;
      if (changes.ownerIds) patch.ownerIds = [...new Set(changes.ownerIds)];
      if (changes.ownerAgencies) patch.ownerAgencies = [...new Set(changes.ownerAgencies)];
      return projectFor(await this.records.update(ACTION_ITEMS, tx, access, item, version, patch), access.clearance);
    });
  }

  async remove(actor: Actor, id: string, version: number): Promise<void> {
    const { item, access } = await this.visible(actor, id);
    access.require('action-item.delete');
    await this.changes.transact(actor, (tx) => this.records.remove(ACTION_ITEMS, tx, access, item, version));
  }

  async listUpdates(actor: Actor, id: string): Promise<ProgressUpdate[]> {
    const { item, access } = await this.visible(actor, id);
    const rows = await this.repository.updatesWithAuthors(id, access.clearance);
    return rows.map(({ update, authorName }) => toProgressUpdate(update, item, authorName));
  }

  async addUpdate(actor: Actor, id: string, body: string): Promise<ProgressUpdate> {
    const { access } = await this.visible(actor, id);
    access.require('progress-update.create');
    return this.changes.transact(actor, async (tx) => {
      // Locked so that the item's classification cannot move while the update is written.
      const item = await this.repository.lockAgainstChange(tx.manager, id);
      if (!item || !access.canSee(item.classification)) throw new NotFoundError('Action item');
      const updates: RecordDefinition<ProgressUpdateEntity, ProgressUpdate> = {
        entityType: 'progress-update',
        entity: ProgressUpdateEntity,
        name: 'Progress update',
        toWire: (update) => toProgressUpdate(update, item, actor.name),
      };
      // Written at the item's level: lowering the item later does not declassify it.
      const fields = { actionItemId: id, body, authorId: actor.id, classification: item.classification };
      return this.records.create(updates, tx, access, fields, { parent: { id } });
    });
  }

  /** The item and the actor's access to its committee; 404 for anything they may not see. */
  private async visible(actor: Actor, id: string): Promise<{ item: ActionItemEntity; access: CommitteeAccess }> {
    const { entity, access } = await this.records.visible(ACTION_ITEMS, actor, id);
    return { item: entity, access };
  }

  private assertClassifiable(access: CommitteeAccess, classification: Classification): void {
    if (!isCleared(access.clearance, classification)) throw new AboveClearanceException(access.clearance);
  }

  /** The field levels after an edit (access/field-levels.ts): levels the editor may not see are kept. */
  private editedFieldLevels(
    access: CommitteeAccess,
    stored: ActionItemEntity,
    changes: Pick<UpdateActionItem, 'classification' | 'fieldClassifications'>,
  ): FieldClassifications {
    return editedFieldLevels(access.clearance, stored, changes, (field) => new AboveClearanceException(access.clearance, field));
  }

  /** Field levels as stored: each within the author's clearance; those not above the item's own level are dropped. */
  private fieldLevels(access: CommitteeAccess, classification: Classification, levels: FieldClassifications): FieldClassifications {
    return fieldLevelsWithin(access.clearance, classification, levels, (field) => new AboveClearanceException(access.clearance, field));
  }

  /**
   * An origin must be a meeting of this committee the author may see, an agenda item of it and,
   * when raised from the minutes, that item's minutes section.
   */
  private async assertOrigin(
    access: CommitteeAccess,
    meetingId: string | null,
    agendaItemId: string | null,
    minutesSectionId: string | null,
  ): Promise<void> {
    if (agendaItemId && !meetingId) throw new InvalidFieldException('meetingId', 'is required with agendaItemId', 'required');
    if (minutesSectionId && !agendaItemId) throw new InvalidFieldException('agendaItemId', 'is required with minutesSectionId', 'required');
    if (!meetingId) return;
    const meeting = await this.changes.scopeOf(meetingId);
    if (!meeting || meeting.committeeId !== access.committee.id || meeting.level > access.clearanceLevel) {
      throw new InvalidFieldException('meetingId', 'must be a meeting of this committee');
    }
    if (!agendaItemId) return;
    const item = await this.changes.scopeOf(agendaItemId);
    if (!item || item.parentId !== meetingId || item.level > access.clearanceLevel) {
      throw new InvalidFieldException('agendaItemId', 'must be an agenda item of that meeting');
    }
    if (!minutesSectionId) return;
    const [section, state] = await Promise.all([this.changes.scopeOf(minutesSectionId), this.changes.recordState(minutesSectionId)]);
    if (!section || section.parentId !== agendaItemId || section.level > access.clearanceLevel || state?.entityType !== 'minutes-section') {
      throw new InvalidFieldException('minutesSectionId', 'must be the minutes section of that agenda item');
    }
  }

  /** Open actions that earlier meetings raised, each with its latest update the reader may see. */
  async openFromEarlierMeetings(actor: Actor, committeeId: string, meetingIds: readonly string[]): Promise<MatterArising[]> {
    const access = await this.access.requireCommittee(actor, committeeId);
    if (meetingIds.length === 0) return [];
    const items = await this.repository.openFromMeetings(committeeId, meetingIds, access.clearance);
    const latest = await this.repository.latestUpdates(
      items.map((item) => item.id),
      access.clearance,
    );
    return items.map((item) => {
      const update = latest.get(item.id);
      return {
        item: projectFor(toActionItem(item), access.clearance),
        latestUpdate: update ? toProgressUpdate(update.update, item, update.authorName) : null,
      };
    });
  }

  private async assertMembers(committeeId: string, ownerIds: string[]): Promise<void> {
    const missing = await this.access.nonMembers(committeeId, ownerIds);
    if (missing.length > 0) throw new NotMembersException(missing);
  }
}
