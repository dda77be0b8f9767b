import { beforeEach, describe, expect, it } from '@jest/globals';
import type { BilateralCommitment, BilateralMeeting, EventEnvelope, Negotiation, NegotiationRound, RecordLink } from '@sidang/shared';
import { QueryClient } from '@tanstack/react-query';
import { registerKeys } from '../../lib/query-keys.ts';
import { applyEnvelope } from '../../lib/realtime/cache-apply.ts';
import { CHAIR_ID, COMMITTEE_ID, uuid } from '../../test/fixtures.ts';
import type { LinkEntry } from '../links/links-api.ts';
import { makeBilateral, makeCommitment, makeNegotiation, makeRound } from './test-fixtures.ts';

function envelope(type: string, entityId: string, version: number, data: unknown): EventEnvelope {
  return {
    seq: 1,
    committeeId: COMMITTEE_ID,
    type,
    entityId,
    version,
    actorId: CHAIR_ID,
    at: '2026-03-12T01:00:00.000Z',
    data,
  } as EventEnvelope;
}

describe('register records kept live', () => {
  let queryClient: QueryClient;

  beforeEach(() => {
    queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  });

  it('should add a created bilateral meeting to the register, latest first, and drop a deleted one', () => {
    const older = makeBilateral({ date: '2025-11-01' });
    queryClient.setQueryData(registerKeys.bilateralLists(COMMITTEE_ID), [older]);
    const newer = makeBilateral({ date: '2026-03-01', counterpart: 'KOMIR', country: 'KR' });
    expect(applyEnvelope(queryClient, envelope('bilateral-meeting.created', newer.id, 1, newer))).toBe(true);
    expect(queryClient.getQueryData<BilateralMeeting[]>(registerKeys.bilateralLists(COMMITTEE_ID))?.map((m) => m.id)).toEqual([
      newer.id,
      older.id,
    ]);
    applyEnvelope(queryClient, envelope('bilateral-meeting.deleted', older.id, 2, { id: older.id }));
    expect(queryClient.getQueryData<BilateralMeeting[]>(registerKeys.bilateralLists(COMMITTEE_ID))?.map((m) => m.id)).toEqual([newer.id]);
  });

  it('should remove a field from an open negotiation when its level is raised above the reader', () => {
    const marker = 'RED-LINE-MARKER-0042';
    const visible = makeNegotiation({ redLines: marker, fieldClassifications: {} });
    queryClient.setQueryData(registerKeys.negotiation(visible.id), visible);
    queryClient.setQueryData(registerKeys.negotiationLists(COMMITTEE_ID), [visible]);
    const { redLines: _removed, ...rest } = visible;
    const raised: Negotiation = { ...rest, version: 2, fieldClassifications: { redLines: 'SECRET' }, redactedFields: ['redLines'] };
    applyEnvelope(queryClient, envelope('negotiation.updated', visible.id, 2, raised));
    expect(JSON.stringify(queryClient.getQueryData(registerKeys.negotiation(visible.id)))).not.toContain(marker);
    expect(JSON.stringify(queryClient.getQueryData(registerKeys.negotiationLists(COMMITTEE_ID)))).not.toContain(marker);
    expect(queryClient.getQueryData<Negotiation>(registerKeys.negotiation(visible.id))?.redactedFields).toEqual(['redLines']);
  });

  it("should ignore a stale update (the echo of one's own write)", () => {
    const current = makeNegotiation({ version: 3, title: 'Current' });
    queryClient.setQueryData(registerKeys.negotiation(current.id), current);
    applyEnvelope(queryClient, envelope('negotiation.updated', current.id, 2, { ...current, version: 2, title: 'Stale' }));
    expect(queryClient.getQueryData<Negotiation>(registerKeys.negotiation(current.id))?.title).toBe('Current');
  });

  it("should patch a meeting's commitments in place and drop a hidden negotiation's rounds with it", () => {
    const meeting = makeBilateral();
    const first = makeCommitment(meeting.id);
    queryClient.setQueryData(registerKeys.commitments(meeting.id), [first]);
    const done: BilateralCommitment = { ...first, status: 'done', version: 2 };
    applyEnvelope(queryClient, envelope('bilateral-commitment.updated', first.id, 2, done));
    expect(queryClient.getQueryData<BilateralCommitment[]>(registerKeys.commitments(meeting.id))?.[0]?.status).toBe('done');

    const negotiation = makeNegotiation();
    queryClient.setQueryData(registerKeys.negotiation(negotiation.id), negotiation);
    queryClient.setQueryData<NegotiationRound[]>(registerKeys.rounds(negotiation.id), [makeRound(negotiation.id)]);
    applyEnvelope(queryClient, envelope('negotiation.hidden', negotiation.id, 2, { id: negotiation.id }));
    expect(queryClient.getQueryData(registerKeys.negotiation(negotiation.id))).toBeUndefined();
    expect(queryClient.getQueryData(registerKeys.rounds(negotiation.id))).toBeUndefined();
  });

  it('should drop a removed link from the records that show it', () => {
    const link: RecordLink = {
      id: uuid(),
      committeeId: COMMITTEE_ID,
      fromId: uuid(),
      fromType: 'bilateral-meeting',
      toId: uuid(),
      toType: 'action-item',
      classification: 'OPEN',
      version: 1,
      createdById: CHAIR_ID,
      createdAt: '2026-03-12T01:00:00.000Z',
      updatedAt: '2026-03-12T01:00:00.000Z',
    };
    const entry: LinkEntry = {
      id: link.id,
      linkId: link.id,
      recordId: link.toId,
      direction: 'outgoing',
      type: 'action-item',
      committeeId: COMMITTEE_ID,
      title: 'Draft the JICA follow-up note',
      classification: 'OPEN',
    };
    queryClient.setQueryData(registerKeys.links(link.fromId), [entry]);
    applyEnvelope(queryClient, envelope('record-link.deleted', link.id, 2, { id: link.id }));
    expect(queryClient.getQueryData<LinkEntry[]>(registerKeys.links(link.fromId))).toEqual([]);
  });
});
