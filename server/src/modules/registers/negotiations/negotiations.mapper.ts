import type { Negotiation, NegotiationRound } from '@sidang/shared';
import { versionAndTimes, versionAuthorAndTimes } from '../common/register.mapper.js';
import type { NegotiationEntity } from './negotiation.entity.js';
import type { NegotiationRoundEntity } from './negotiation-round.entity.js';

/** In full, as the change log keeps it; readers get `projectFor(negotiation, clearance)`. */
export function toNegotiation(entity: NegotiationEntity): Negotiation {
  return {
    id: entity.id,
    committeeId: entity.committeeId,
    title: entity.title,
    counterpart: entity.counterpart,
    kind: entity.kind,
    status: entity.status,
    position: entity.position,
    redLines: entity.redLines,
    fallback: entity.fallback,
    concessions: entity.concessions,
    classification: entity.classification,
    fieldClassifications: { ...entity.fieldClassifications },
    ...versionAuthorAndTimes(entity),
  };
}

export function toNegotiationRound(entity: NegotiationRoundEntity): NegotiationRound {
  return {
    id: entity.id,
    committeeId: entity.committeeId,
    negotiationId: entity.negotiationId,
    number: entity.number,
    startsOn: entity.startsOn,
    endsOn: entity.endsOn,
    venue: entity.venue,
    outcome: entity.outcome,
    nextSteps: entity.nextSteps,
    classification: entity.classification,
    ...versionAndTimes(entity),
  };
}
