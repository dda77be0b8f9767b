import { type Classification, type EventEnvelope, type FieldClassifications, projectFor } from '@sidang/shared';
import type { ChangeEventEntity } from '../changes/change-event.entity.js';

/**
 * The envelope of a logged change as a reader cleared to `clearance` may receive it: the
 * record projected for that clearance (fields above it removed, each at the higher of its
 * logged level and `currentFieldLevels`, the record's levels now). `null` makes the `hidden`
 * envelope that tells a reader who lost sight of the record to drop it.
 */
export function toEnvelope(
  event: ChangeEventEntity,
  clearance: Classification | null,
  currentFieldLevels?: FieldClassifications | null,
): EventEnvelope {
  return {
    seq: event.seq,
    committeeId: event.committeeId,
    type: `${event.entityType}.${clearance === null ? 'hidden' : event.verb}`,
    entityId: event.entityId,
    version: event.version,
    actorId: event.actorId,
    at: event.at.toISOString(),
    data: clearance === null ? { id: event.entityId } : projectFor(event.data, clearance, currentFieldLevels),
  } as EventEnvelope;
}

/** True when this change took the record out of sight of readers cleared below `level`. */
export function raisedLevel(event: ChangeEventEntity): boolean {
  return event.previousLevel !== null && event.previousLevel < event.level;
}
