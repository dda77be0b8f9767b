import {
  type BilateralMeeting,
  type Classification,
  clearedLevels,
  createAgreementSchema,
  createBilateralCommitmentSchema,
  createBilateralMeetingSchema,
  listAgreementsQuerySchema,
  listBilateralMeetingsQuerySchema,
  updateAgreementSchema,
  updateBilateralCommitmentSchema,
  updateBilateralMeetingSchema,
} from '@sidang/shared';
import type { EntityManager } from 'typeorm';
import type { CommitteeAccess } from '../../../access/access.service.js';
import { InvalidFieldException } from '../../../common/errors.js';
import { childRecordType, committeeRecordType, LIST_ALIAS } from '../common/register-records.js';
import { AgreementEntity } from './agreement.entity.js';
import { toAgreement, toBilateralCommitment, toBilateralMeeting } from './bilateral.mapper.js';
import { BilateralCommitmentEntity } from './bilateral-commitment.entity.js';
import { BilateralMeetingEntity } from './bilateral-meeting.entity.js';

/** Open commitments of each meeting among those at `levels`: a reader counts only what they may see. */
async function openCommitmentsOf(manager: EntityManager, meetingIds: string[], levels: Classification[]): Promise<Map<string, number>> {
  if (meetingIds.length === 0) return new Map();
  const rows: Array<{ id: string; open: string }> = await manager.query(
    `SELECT c.bilateral_meeting_id AS id, COUNT(*) AS open
     FROM bilateral_commitments c
     WHERE c.bilateral_meeting_id = ANY($1::uuid[]) AND c.deleted_at IS NULL AND c.status = 'open'
       AND c.classification = ANY($2::varchar[])
     GROUP BY c.bilateral_meeting_id`,
    [meetingIds, levels],
  );
  return new Map(rows.map((row) => [row.id, Number(row.open)]));
}

/** Meetings as a reader cleared for `levels` sees them: counting the open commitments they may see. */
async function withOpenCommitments(
  manager: EntityManager,
  rows: BilateralMeetingEntity[],
  levels: Classification[],
): Promise<BilateralMeeting[]> {
  const counts = await openCommitmentsOf(
    manager,
    rows.map((row) => row.id),
    levels,
  );
  return rows.map((row) => toBilateralMeeting(row, counts.get(row.id) ?? 0));
}

export const BILATERAL_MEETINGS = committeeRecordType({
  definition: {
    entityType: 'bilateral-meeting',
    entity: BilateralMeetingEntity,
    name: 'Bilateral meeting',
    // What the change log keeps: the open commitments anyone who sees the meeting sees.
    toWire: async (entity, manager) => {
      const counts = await openCommitmentsOf(manager, [entity.id], clearedLevels(entity.classification));
      return toBilateralMeeting(entity, counts.get(entity.id) ?? 0);
    },
  },
  schemas: { list: listBilateralMeetingsQuerySchema, create: createBilateralMeetingSchema, update: updateBilateralMeetingSchema },
  order: { column: 'date', direction: 'DESC' },
  equal: { country: 'country', level: 'level' },
  filter: (builder, query) => {
    if (query.from) builder.andWhere(`${LIST_ALIAS}.date >= :from`, { from: query.from });
    if (query.to) builder.andWhere(`${LIST_ALIAS}.date <= :to`, { to: query.to });
  },
  forReader: (rows, access, manager) => withOpenCommitments(manager, rows, clearedLevels(access.clearance)),
  fieldLevelled: (entity) => toBilateralMeeting(entity, 0),
  answerUpdate: async (meeting, access, manager) => {
    const counts = await openCommitmentsOf(manager, [meeting.id], clearedLevels(access.clearance));
    return { ...meeting, openCommitments: counts.get(meeting.id) ?? 0 };
  },
});

export const BILATERAL_COMMITMENTS = childRecordType({
  definition: { entityType: 'bilateral-commitment', entity: BilateralCommitmentEntity, name: 'Commitment', toWire: toBilateralCommitment },
  parent: BILATERAL_MEETINGS,
  segment: 'commitments',
  schemas: { create: createBilateralCommitmentSchema, update: updateBilateralCommitmentSchema },
  listed: (rows) => rows.sort(byDueDate).map(toBilateralCommitment),
  parentChanged: (before, after) => before.openCommitments !== after.openCommitments,
});

/** An agreement's meeting must be a bilateral meeting of this committee the author may see. */
async function assertMeetingOf(access: CommitteeAccess, meetingId: string | null, manager: EntityManager): Promise<void> {
  if (!meetingId) return;
  const meeting = await manager.findOne(BilateralMeetingEntity, { where: { id: meetingId } });
  if (!meeting || meeting.committeeId !== access.committee.id || !access.canSee(meeting.classification)) {
    throw new InvalidFieldException('bilateralMeetingId', 'must be a bilateral meeting of this committee');
  }
}

export const AGREEMENTS = committeeRecordType({
  definition: { entityType: 'agreement', entity: AgreementEntity, name: 'Agreement', toWire: toAgreement },
  schemas: { list: listAgreementsQuerySchema, create: createAgreementSchema, update: updateAgreementSchema },
  order: { column: 'title', direction: 'ASC' },
  equal: { country: 'country', status: 'status' },
  prepareCreate: async (input, access, manager) => {
    await assertMeetingOf(access, input.bilateralMeetingId, manager);
    return {};
  },
  checkUpdate: async (entity, changes, access, manager) => {
    const signedOn = changes.signedOn === undefined ? entity.signedOn : changes.signedOn;
    const expiresOn = changes.expiresOn === undefined ? entity.expiresOn : changes.expiresOn;
    if (signedOn && expiresOn && expiresOn < signedOn) {
      throw new InvalidFieldException(changes.expiresOn !== undefined ? 'expiresOn' : 'signedOn', 'expiresOn must not be before signedOn');
    }
    if (changes.bilateralMeetingId) await assertMeetingOf(access, changes.bilateralMeetingId, manager);
  },
});

export function byDueDate(a: { dueDate: string | null; createdAt: Date }, b: { dueDate: string | null; createdAt: Date }): number {
  if (a.dueDate !== b.dueDate) return a.dueDate === null ? 1 : b.dueDate === null ? -1 : a.dueDate < b.dueDate ? -1 : 1;
  return a.createdAt.getTime() - b.createdAt.getTime();
}
