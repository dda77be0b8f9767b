import type { AgendaItem, Attendance, Attendee, CommitteeSettings, Decision } from '@sidang/shared';
import { CHAIR_ID, COMMITTEE_ID, jsonResponse, MEMBER_ID, uuid } from '../../test/fixtures.ts';
import type { Handler } from '../../test/render.tsx';
import type { LiveMeeting } from './api/meetings-api.ts';

export const MEETING_ID = '44444444-4444-4444-8444-444444444444';

export function makeMeeting(overrides: Partial<LiveMeeting> = {}): LiveMeeting {
  return {
    id: MEETING_ID,
    committeeId: COMMITTEE_ID,
    title: 'Technical committee on mid-level and downstream REE',
    number: 'Bil. 3/2026',
    startsAt: '2026-03-12T09:30:00+08:00',
    endsAt: '2026-03-12T12:30:00+08:00',
    venue: 'Bilik Mesyuarat Utama, MITI',
    onlineUrl: null,
    status: 'scheduled',
    currentAgendaItemId: null,
    currentItemStartedAt: null,
    classification: 'OPEN',
    version: 1,
    createdAt: '2026-03-01T01:00:00.000Z',
    updatedAt: '2026-03-01T01:00:00.000Z',
    ...overrides,
  };
}

export function makeAgendaItem(overrides: Partial<AgendaItem> = {}): AgendaItem {
  return {
    id: uuid(),
    meetingId: MEETING_ID,
    committeeId: COMMITTEE_ID,
    parentId: null,
    position: 0,
    number: '1',
    title: "Chair's opening remarks",
    presenter: '',
    durationMinutes: null,
    classification: 'OPEN',
    version: 1,
    createdAt: '2026-03-01T01:00:00.000Z',
    updatedAt: '2026-03-01T01:00:00.000Z',
    ...overrides,
  };
}

/** A numbered agenda: top-level titles, each with optional sub-item titles. */
export function makeAgenda(spec: ReadonlyArray<[string, string[]?]>): AgendaItem[] {
  return spec.flatMap(([title, children = []], position) => {
    const parent = makeAgendaItem({ title, position, number: String(position + 1) });
    return [
      parent,
      ...children.map((child, index) =>
        makeAgendaItem({ title: child, parentId: parent.id, position: index, number: `${position + 1}.${index + 1}` }),
      ),
    ];
  });
}

export const ATTENDANCE_ID = '55555555-5555-4555-8555-555555555555';

export function makeAttendee(overrides: Partial<Attendee> = {}): Attendee {
  return { userId: uuid(), name: 'Member', agency: 'MITI', role: 'member', status: 'absent', ...overrides };
}

/** Attendance of MEETING_ID: the chair and the member present, quorum counted from them. */
export function makeAttendance(overrides: Partial<Attendance> = {}): Attendance {
  return {
    id: ATTENDANCE_ID,
    meetingId: MEETING_ID,
    committeeId: COMMITTEE_ID,
    attendees: [
      makeAttendee({ userId: MEMBER_ID, name: 'Aminah Hassan', role: 'member', status: 'present' }),
      makeAttendee({ userId: CHAIR_ID, name: "Dato' Chair", role: 'chair', status: 'present' }),
    ],
    guests: [],
    frozen: false,
    invitations: [],
    remindedAt: null,
    quorum: { required: 2, present: 2, met: true, voting: 3, counts: 'members' },
    currentItemQuorum: null,
    classification: 'OPEN',
    version: 1,
    ...overrides,
  };
}

export function makeDecision(overrides: Partial<Decision> = {}): Decision {
  return {
    id: uuid(),
    committeeId: COMMITTEE_ID,
    meetingId: MEETING_ID,
    agendaItemId: uuid(),
    text: 'The committee agreed to proceed.',
    classification: 'OPEN',
    status: 'recorded',
    withdrawalReason: null,
    withdrawnAt: null,
    correctedAt: null,
    createdById: CHAIR_ID,
    version: 1,
    createdAt: '2026-03-12T02:00:00.000Z',
    updatedAt: '2026-03-12T02:00:00.000Z',
    ...overrides,
  };
}

/** Where the committee's settings are read and changed. */
export const SETTINGS_URL = `/api/committees/${COMMITTEE_ID}/settings`;

/** COMMITTEE_ID's settings: majority quorum, agenda in Bahasa Malaysia, at `version` 1 unless overridden. */
export function makeSettings(overrides: Partial<CommitteeSettings> = {}): CommitteeSettings {
  return {
    id: COMMITTEE_ID,
    committeeId: COMMITTEE_ID,
    quorumRule: { kind: 'majority' },
    secretariatVotes: false,
    agendaLanguage: 'ms',
    recusedWithoutPapers: false,
    classification: 'OPEN',
    version: 1,
    createdAt: '2026-03-01T00:00:00.000Z',
    updatedAt: '2026-03-01T00:00:00.000Z',
    ...overrides,
  };
}

/**
 * The server the committee's settings are edited against: `settings` answers a GET of them,
 * `patch` (when given) a PATCH, and `more` any other call first (answering undefined to pass
 * it on); everything else is 404.
 */
export function serveSettings(settings: Handler, patch?: Handler, more?: (call: Parameters<Handler>[0]) => Response | undefined): Handler {
  return (call, init) => {
    const other = more?.(call);
    if (other) return other;
    if (call.method === 'GET' && call.url === SETTINGS_URL) return settings(call, init);
    if (call.method === 'PATCH' && call.url === SETTINGS_URL && patch) return patch(call, init);
    return jsonResponse(404, { statusCode: 404, code: 'not_found', message: 'Not found' });
  };
}

/** The attendance panel of MEETING_ID (attendance as `makeAttendance()`) beside the settings it edits. */
export function serveAttendanceSettings(settings: CommitteeSettings, patch?: Handler): Handler {
  return serveSettings(
    () => jsonResponse(200, settings),
    patch,
    (call) =>
      call.method === 'GET' && call.url === `/api/meetings/${MEETING_ID}/attendance` ? jsonResponse(200, makeAttendance()) : undefined,
  );
}
