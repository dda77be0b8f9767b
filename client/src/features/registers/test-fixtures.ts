import type {
  Agreement,
  BilateralCommitment,
  BilateralMeeting,
  Negotiation,
  NegotiationRound,
  RndMilestone,
  RndProject,
  ValueChainStage,
} from '@sidang/shared';
import { CHAIR_ID, COMMITTEE_ID, chairUser, committee, jsonResponse, uuid } from '../../test/fixtures.ts';
import { notFound, type RecordedCall } from '../../test/render.tsx';

const STAMP = { createdAt: '2026-03-01T01:00:00.000Z', updatedAt: '2026-03-01T01:00:00.000Z', version: 1, committeeId: COMMITTEE_ID };

export function makeBilateral(overrides: Partial<BilateralMeeting> = {}): BilateralMeeting {
  return {
    id: uuid(),
    ...STAMP,
    classification: 'RESTRICTED',
    country: 'JP',
    counterpart: 'JICA',
    level: 'technical',
    date: '2026-02-10',
    place: 'Ipoh',
    ourDelegation: 'JMG, MITI',
    objectives: 'Technical cooperation on in-situ leaching monitoring.',
    outcomes: 'JICA to field two experts to JMG.',
    fieldClassifications: {},
    openCommitments: 0,
    createdById: CHAIR_ID,
    ...overrides,
  };
}

export function makeCommitment(bilateralMeetingId: string, overrides: Partial<BilateralCommitment> = {}): BilateralCommitment {
  return {
    id: uuid(),
    ...STAMP,
    classification: 'RESTRICTED',
    bilateralMeetingId,
    side: 'ours',
    text: 'Share the Hulu Perak groundwater baseline',
    dueDate: '2026-04-30',
    status: 'open',
    ...overrides,
  };
}

export function makeAgreement(overrides: Partial<Agreement> = {}): Agreement {
  return {
    id: uuid(),
    ...STAMP,
    classification: 'OPEN',
    kind: 'MoU',
    title: 'MoU on critical minerals cooperation',
    country: 'US',
    status: 'signed',
    signedOn: '2025-10-26',
    expiresOn: null,
    bilateralMeetingId: null,
    createdById: CHAIR_ID,
    ...overrides,
  };
}

export function makeNegotiation(overrides: Partial<Negotiation> = {}): Negotiation {
  return {
    id: uuid(),
    ...STAMP,
    classification: 'CONFIDENTIAL',
    title: 'Malaysia–EU FTA: raw materials chapter',
    counterpart: 'European Commission (DG TRADE)',
    kind: 'fta_chapter',
    status: 'in_progress',
    position: 'Keep the raw REE export moratorium outside the chapter.',
    redLines: 'No commitment on export duties for REE concentrates.',
    fallback: 'A review clause after five years.',
    concessions: 'Transparency on licensing.',
    fieldClassifications: { redLines: 'SECRET' },
    createdById: CHAIR_ID,
    ...overrides,
  };
}

export function makeRound(negotiationId: string, overrides: Partial<NegotiationRound> = {}): NegotiationRound {
  return {
    id: uuid(),
    ...STAMP,
    classification: 'CONFIDENTIAL',
    negotiationId,
    number: 1,
    startsOn: '2025-06-16',
    endsOn: '2025-06-20',
    venue: 'Brussels',
    outcome: 'Texts exchanged on export restrictions.',
    nextSteps: 'Intersessional call in July.',
    ...overrides,
  };
}

export function makeProject(overrides: Partial<RndProject> = {}): RndProject {
  return {
    id: uuid(),
    ...STAMP,
    classification: 'RESTRICTED',
    title: 'NdPr solvent-extraction pilot',
    leadInstitution: 'Nuclear Malaysia',
    partners: ['UKM', 'SIRIM'],
    fundingRm: 4_500_000,
    valueChainStage: 'separation',
    trlNow: 4,
    trlTarget: 6,
    notes: 'Pilot line at Bangi.',
    fieldClassifications: {},
    slipping: false,
    lateMilestones: 0,
    overdueMilestones: 0,
    createdById: CHAIR_ID,
    ...overrides,
  };
}

export function makeMilestone(rndProjectId: string, overrides: Partial<RndMilestone> = {}): RndMilestone {
  return {
    id: uuid(),
    ...STAMP,
    classification: 'RESTRICTED',
    rndProjectId,
    title: 'Carbonate purification at bench scale',
    gateCriteria: '99% purity on three consecutive batches',
    plannedOn: '2026-01-31',
    actualOn: null,
    status: 'in_progress',
    late: false,
    overdue: false,
    ...overrides,
  };
}

export const STAGES: ValueChainStage[] = [
  {
    code: 'mining',
    nameEn: 'Mining and in-situ leaching',
    nameMs: 'Perlombongan dan larut lesap in-situ',
    segment: 'upstream',
    position: 1,
  },
  {
    code: 'separation',
    nameEn: 'Cracking and solvent-extraction separation',
    nameMs: 'Pemisahan pengekstrakan pelarut',
    segment: 'midstream',
    position: 3,
  },
  { code: 'magnets', nameEn: 'NdFeB magnets', nameMs: 'Magnet NdFeB', segment: 'downstream', position: 6 },
];

/** Answers by path (query string ignored) from a table; the signed-in chair and committee by default. */
export function apiTable(table: Record<string, unknown>, user = chairUser, role = committee.role) {
  return (call: RecordedCall) => {
    const path = call.url.split('?')[0] ?? '';
    const key = `${call.method} ${path}`;
    if (key in table) {
      const answer = table[key];
      return typeof answer === 'function' ? (answer as (c: RecordedCall) => Response)(call) : jsonResponse(200, answer);
    }
    if (call.method === 'GET' && path === '/api/auth/me') return jsonResponse(200, user);
    if (call.method === 'GET' && path === `/api/committees/${COMMITTEE_ID}`) return jsonResponse(200, { ...committee, role });
    if (call.method === 'GET' && path === '/api/value-chain-stages') return jsonResponse(200, STAGES);
    if (call.method === 'GET' && path.endsWith('/links')) return jsonResponse(200, []);
    return notFound(call);
  };
}

export const page = <T>(items: T[]) => ({ items, nextCursor: null });
