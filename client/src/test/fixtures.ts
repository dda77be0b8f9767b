import type { ActionItem, Committee, EventEnvelope, Member, ProgressUpdate, User } from '@sidang/shared';

export const COMMITTEE_ID = '11111111-1111-4111-8111-111111111111';
export const CHAIR_ID = '22222222-2222-4222-8222-222222222222';
export const MEMBER_ID = '33333333-3333-4333-8333-333333333333';

let counter = 0;
/** A valid v4-shaped UUID, unique per call. */
export function uuid(): string {
  counter += 1;
  return `aaaaaaaa-aaaa-4aaa-8aaa-${counter.toString(16).padStart(12, '0')}`;
}

/** A change as the relay sends it: one event on a record of the committee, by the chair. */
export function anEnvelope(type: string, entityId: string, version: number, data: unknown, seq = 1): EventEnvelope {
  const at = '2026-03-12T01:00:00.000Z';
  return { seq, committeeId: COMMITTEE_ID, type, entityId, version, actorId: CHAIR_ID, at, data } as EventEnvelope;
}

/** The event of a record whose id and version are the envelope's (a hidden record sends just those). */
export function recordEnvelope(type: EventEnvelope['type'], data: { id: string; version: number }): EventEnvelope {
  return anEnvelope(type, data.id, data.version, data);
}

export function makeActionItem(overrides: Partial<ActionItem> = {}): ActionItem {
  return {
    id: uuid(),
    committeeId: COMMITTEE_ID,
    title: 'Validate the 16.1 Mt inferred resource estimate',
    description: 'Coordinate JMG field verification.',
    status: 'open',
    priority: 'medium',
    dueDate: '2025-07-01',
    ownerIds: [],
    ownerAgencies: ['JMG'],
    classification: 'OPEN',
    fieldClassifications: {},
    meetingId: null,
    agendaItemId: null,
    version: 1,
    createdById: CHAIR_ID,
    createdAt: '2025-06-01T01:00:00.000Z',
    updatedAt: '2025-06-01T01:00:00.000Z',
    ...overrides,
  };
}

export function makeProgressUpdate(actionItemId: string, overrides: Partial<ProgressUpdate> = {}): ProgressUpdate {
  return {
    id: uuid(),
    actionItemId,
    committeeId: COMMITTEE_ID,
    body: 'Field team mobilised to Hulu Perak.',
    authorId: MEMBER_ID,
    authorName: 'JMG officer',
    classification: 'OPEN',
    version: 1,
    createdAt: '2025-06-02T01:00:00.000Z',
    updatedAt: '2025-06-02T01:00:00.000Z',
    ...overrides,
  };
}

export const chairUser: User = {
  id: CHAIR_ID,
  email: 'chair@demo.sidang.my',
  name: 'Chair (MITI)',
  agency: 'MITI',
  clearance: 'SECRET',
  locale: 'en',
  isAdmin: false,
};

export const memberUser: User = {
  id: MEMBER_ID,
  email: 'member@demo.sidang.my',
  name: 'JMG officer',
  agency: 'JMG',
  clearance: 'CONFIDENTIAL',
  locale: 'en',
  isAdmin: false,
};

export const committee: Committee = {
  id: COMMITTEE_ID,
  parentId: null,
  code: 'JTK-REE',
  name: 'Technical Committee on Mid-level and Downstream REE',
  nameMs: 'Jawatankuasa Teknikal Pembangunan Industri REE Peringkat Pertengahan dan Hiliran',
  role: 'chair',
};

/** A member of the committee (an active JMG member unless told); `id` is the user's id, as the server sends it. */
export function makeMember(overrides: Partial<Member> = {}): Member {
  const userId = overrides.userId ?? uuid();
  const standing: Pick<Member, 'role' | 'active' | 'version'> = { role: 'member', active: true, version: 1 };
  return { id: userId, userId, committeeId: COMMITTEE_ID, name: 'JMG officer', agency: 'JMG', ...standing, ...overrides };
}

export const members: Member[] = [
  makeMember({ userId: CHAIR_ID, name: 'Chair (MITI)', agency: 'MITI', role: 'chair' }),
  makeMember({ userId: MEMBER_ID }),
];

/** A fetch that answers from a list of expected calls, recording what was sent. */
export interface FakeCall {
  method: string;
  url: string;
  body: unknown;
}

export function jsonResponse(status: number, body?: unknown): Response {
  // jsdom has no fetch Response: only what the API client reads.
  const text = body === undefined ? '' : JSON.stringify(body);
  return {
    status,
    ok: status >= 200 && status < 300,
    statusText: '',
    text: async () => text,
    json: async () => JSON.parse(text) as unknown,
  } as Response;
}
