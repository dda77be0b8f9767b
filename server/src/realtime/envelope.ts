import type { EventEnvelope } from '@sidang/shared';
import type { ChangeEventEntity } from '../changes/change-event.entity.js';

/** The envelope of a logged change; `hidden` tells a reader who lost sight of the record to drop it. */
export function toEnvelope(event: ChangeEventEntity, hidden = false): EventEnvelope {
  return {
    seq: event.seq,
    committeeId: event.committeeId,
    type: `${event.entityType}.${hidden ? 'hidden' : event.verb}`,
    entityId: event.entityId,
    version: event.version,
    actorId: event.actorId,
    at: event.at.toISOString(),
    data: hidden ? { id: event.entityId } : event.data,
  } as EventEnvelope;
}

/** True when this change took the record out of sight of readers cleared below `level`. */
export function raisedLevel(event: ChangeEventEntity): boolean {
  return event.previousLevel !== null && event.previousLevel < event.level;
}
