import type { AgendaItem } from '@sidang/shared';
import { COMMITTEE_ID, uuid } from '../../test/fixtures.ts';
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
