import { beforeEach, describe, expect, it } from '@jest/globals';
import type { AgendaItem, Attendance, Meeting } from '@sidang/shared';
import { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../lib/query-keys.ts';
import { applyEnvelope } from '../../lib/realtime/cache-apply.ts';
import { anEnvelope, COMMITTEE_ID } from '../../test/fixtures.ts';
import { ATTENDANCE_ID, MEETING_ID, makeAgenda, makeAttendance, makeMeeting } from './test-fixtures.ts';

describe('meeting and agenda-item registrations', () => {
  let queryClient: QueryClient;
  const agendaKey = queryKeys.agendaItems(MEETING_ID);

  beforeEach(() => {
    queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  });

  it('should apply agenda-item.moved as an upsert and keep the agenda in number order', () => {
    const [opening, minutes, close] = makeAgenda([['Opening'], ['Minutes'], ['Close']]) as [AgendaItem, AgendaItem, AgendaItem];
    queryClient.setQueryData(agendaKey, [opening, minutes, close]);
    // The server moved "Close" to the top: every shifted item arrives as its own `moved` event.
    const moves = [
      { ...close, position: 0, number: '1', version: 2 },
      { ...opening, position: 1, number: '2', version: 2 },
      { ...minutes, position: 2, number: '3', version: 2 },
    ];
    for (const moved of moves) expect(applyEnvelope(queryClient, anEnvelope('agenda-item.moved', moved.id, 2, moved))).toBe(true);
    expect(queryClient.getQueryData<AgendaItem[]>(agendaKey)?.map((item) => `${item.number} ${item.title}`)).toEqual([
      '1 Close',
      '2 Opening',
      '3 Minutes',
    ]);
  });

  it('should place a moved sub-item after its parent (2 before 2.1 before 3)', () => {
    const items = makeAgenda([['Opening'], ['Papers', ['NdPr pilot']], ['Close']]);
    queryClient.setQueryData(agendaKey, items);
    const close = items[3] as AgendaItem;
    const papers = items[1] as AgendaItem;
    const underPapers = { ...close, parentId: papers.id, position: 1, number: '2.2', version: 2 };
    applyEnvelope(queryClient, anEnvelope('agenda-item.moved', close.id, 2, underPapers));
    expect(queryClient.getQueryData<AgendaItem[]>(agendaKey)?.map((item) => item.number)).toEqual(['1', '2', '2.1', '2.2']);
  });

  it('should apply meeting.current-item-changed to the meeting page', () => {
    const meeting = makeMeeting({ status: 'in_progress', version: 4 });
    queryClient.setQueryData(queryKeys.meeting(meeting.id), meeting);
    const changed = { ...meeting, currentAgendaItemId: 'aaaaaaaa-aaaa-4aaa-8aaa-00000000ffff', version: 5 };
    expect(applyEnvelope(queryClient, anEnvelope('meeting.current-item-changed', meeting.id, 5, changed))).toBe(true);
    expect(queryClient.getQueryData<Meeting>(queryKeys.meeting(meeting.id))?.currentAgendaItemId).toBe(changed.currentAgendaItemId);
    // The echo of the same change changes nothing.
    expect(applyEnvelope(queryClient, anEnvelope('meeting.current-item-changed', meeting.id, 5, changed))).toBe(false);
  });

  it('should patch an upcoming meeting into the upcoming list, soonest first', () => {
    const later = makeMeeting({ id: 'aaaaaaaa-aaaa-4aaa-8aaa-0000000000a1', startsAt: '2999-05-01T09:00:00+08:00', endsAt: null });
    queryClient.setQueryData(queryKeys.meetingList(COMMITTEE_ID, 'upcoming'), [later]);
    const sooner = makeMeeting({ id: 'aaaaaaaa-aaaa-4aaa-8aaa-0000000000a2', startsAt: '2999-04-01T09:00:00+08:00', endsAt: null });
    applyEnvelope(queryClient, anEnvelope('meeting.created', sooner.id, 1, sooner));
    expect(queryClient.getQueryData<Meeting[]>(queryKeys.meetingList(COMMITTEE_ID, 'upcoming'))?.map((m) => m.id)).toEqual([
      sooner.id,
      later.id,
    ]);
  });

  it('should refetch the upcoming list when a meeting in it closes', () => {
    const meeting = makeMeeting({ startsAt: '2999-05-01T09:00:00+08:00', endsAt: null, status: 'in_progress' });
    const key = queryKeys.meetingList(COMMITTEE_ID, 'upcoming');
    queryClient.setQueryData(key, [meeting]);
    applyEnvelope(queryClient, anEnvelope('meeting.updated', meeting.id, 2, { ...meeting, status: 'closed', version: 2 }));
    expect(queryClient.getQueryState(key)?.isInvalidated).toBe(true);
  });

  it.each(['deleted', 'hidden'] as const)('should drop the agenda of a meeting that was %s', (verb) => {
    const meeting = makeMeeting({ version: 2 });
    queryClient.setQueryData(queryKeys.meeting(meeting.id), meeting);
    queryClient.setQueryData(agendaKey, makeAgenda([['Opening']]));
    applyEnvelope(queryClient, anEnvelope(`meeting.${verb}`, meeting.id, 3, { id: meeting.id }));
    expect(queryClient.getQueryData(queryKeys.meeting(meeting.id))).toBeUndefined();
    expect(queryClient.getQueryData(agendaKey)).toBeUndefined();
  });
});

describe('attendance registration (a detail keyed by a field other than id)', () => {
  it('should upsert attendance.updated into the meeting-keyed detail, newer versions only', () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const key = queryKeys.attendance(MEETING_ID);
    queryClient.setQueryData(key, makeAttendance({ version: 3 }));
    const stale = makeAttendance({ version: 2, quorum: { required: 2, present: 0, met: false, voting: 3, counts: 'members' } });
    expect(applyEnvelope(queryClient, anEnvelope('attendance.updated', ATTENDANCE_ID, 2, stale))).toBe(false);
    expect(queryClient.getQueryData<Attendance>(key)?.quorum.met).toBe(true);
    const newer = makeAttendance({ version: 4, quorum: { required: 2, present: 1, met: false, voting: 3, counts: 'members' } });
    expect(applyEnvelope(queryClient, anEnvelope('attendance.updated', ATTENDANCE_ID, 4, newer))).toBe(true);
    expect(queryClient.getQueryData<Attendance>(key)).toMatchObject({ version: 4, quorum: { present: 1, met: false } });
    expect(queryClient.getQueryData(queryKeys.attendance(ATTENDANCE_ID))).toBeUndefined();
  });
});
