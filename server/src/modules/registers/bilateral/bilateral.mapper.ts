import type { Agreement, BilateralCommitment, BilateralMeeting } from '@sidang/shared';
import { versionAndTimes, versionAuthorAndTimes } from '../common/register.mapper.js';
import type { AgreementEntity } from './agreement.entity.js';
import type { BilateralCommitmentEntity } from './bilateral-commitment.entity.js';
import type { BilateralMeetingEntity } from './bilateral-meeting.entity.js';

/**
 * In full, as the change log keeps it; readers get `projectFor(meeting, clearance)`.
 * `openCommitments`: open commitments the reader may see.
 */
export function toBilateralMeeting(entity: BilateralMeetingEntity, openCommitments: number): BilateralMeeting {
  return {
    id: entity.id,
    committeeId: entity.committeeId,
    country: entity.country,
    counterpart: entity.counterpart,
    level: entity.level,
    date: entity.date,
    place: entity.place,
    ourDelegation: entity.ourDelegation,
    objectives: entity.objectives,
    outcomes: entity.outcomes,
    openCommitments,
    classification: entity.classification,
    fieldClassifications: { ...entity.fieldClassifications },
    ...versionAuthorAndTimes(entity),
  };
}

export function toBilateralCommitment(entity: BilateralCommitmentEntity): BilateralCommitment {
  return {
    id: entity.id,
    committeeId: entity.committeeId,
    bilateralMeetingId: entity.bilateralMeetingId,
    side: entity.side,
    text: entity.text,
    dueDate: entity.dueDate,
    status: entity.status,
    classification: entity.classification,
    ...versionAndTimes(entity),
  };
}

export function toAgreement(entity: AgreementEntity): Agreement {
  return {
    id: entity.id,
    committeeId: entity.committeeId,
    kind: entity.kind,
    title: entity.title,
    country: entity.country,
    status: entity.status,
    signedOn: entity.signedOn,
    expiresOn: entity.expiresOn,
    bilateralMeetingId: entity.bilateralMeetingId,
    classification: entity.classification,
    ...versionAuthorAndTimes(entity),
  };
}
