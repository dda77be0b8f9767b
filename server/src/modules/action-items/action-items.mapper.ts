import { type ActionItem, higherOf, type ProgressUpdate } from '@sidang/shared';
import type { ActionItemEntity } from './action-item.entity.js';
import type { ProgressUpdateEntity } from './progress-update.entity.js';

/**
 * The only place an action item entity becomes a wire shape: in full, as the change log and
 * audit keep it. What leaves for a reader goes through `projectFor(item, clearance)`.
 */
export function toActionItem(entity: ActionItemEntity): ActionItem {
  return {
    id: entity.id,
    committeeId: entity.committeeId,
    title: entity.title,
    description: entity.description,
    status: entity.status,
    priority: entity.priority,
    dueDate: entity.dueDate,
    ownerIds: [...entity.ownerIds],
    ownerAgencies: [...entity.ownerAgencies],
    classification: entity.classification,
    fieldClassifications: { ...entity.fieldClassifications },
    meetingId: entity.meetingId,
    agendaItemId: entity.agendaItemId,
    version: entity.version,
    createdById: entity.createdById,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

export function toProgressUpdate(
  entity: ProgressUpdateEntity,
  item: Pick<ActionItemEntity, 'classification'>,
  authorName: string,
): ProgressUpdate {
  return {
    id: entity.id,
    actionItemId: entity.actionItemId,
    committeeId: entity.committeeId,
    body: entity.body,
    authorId: entity.authorId,
    authorName,
    // What governs it: its own level and its item's current one, whichever is higher.
    classification: higherOf(entity.classification, item.classification),
    version: entity.version,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}
