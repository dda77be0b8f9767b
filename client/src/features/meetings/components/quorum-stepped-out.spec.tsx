import { describe, expect, it } from '@jest/globals';
import type { Attendance } from '@sidang/shared';
import { act, screen, waitFor } from '@testing-library/react';
import { i18n } from '../../../lib/i18n/i18n.ts';
import { applyEnvelope } from '../../../lib/realtime/cache-apply.ts';
import { CHAIR_ID, jsonResponse, MEMBER_ID, recordEnvelope } from '../../../test/fixtures.ts';
import { type Handler, renderWithApp } from '../../../test/render.tsx';
import { MEETING_ID, makeAttendance } from '../test-fixtures.ts';
import { AttendancePanel } from './attendance-panel.tsx';

const ITEM_ID = 'cccccccc-cccc-4ccc-8ccc-000000000009';

function serve(attendance: Attendance): Handler {
  return ({ method, url }) =>
    method === 'GET' && url === `/api/meetings/${MEETING_ID}/attendance`
      ? jsonResponse(200, attendance)
      : jsonResponse(404, { statusCode: 404, code: 'not_found', message: 'Not found' });
}

/** The meeting on ITEM_ID: three voting members present, `out` of them stepped out of the item. */
function onItem(out: string[], version: number): Attendance {
  const voting = 3 - out.length;
  const present = 3 - out.length;
  const required = Math.floor(voting / 2) + 1;
  return makeAttendance({
    quorum: { required: 2, present: 3, met: true, voting: 3, counts: 'members' },
    currentItemQuorum: {
      agendaItemId: ITEM_ID,
      meetingId: MEETING_ID,
      quorum: { required, present, met: present >= required, voting, counts: 'members' },
      steppedOut: out,
    },
    version,
  });
}

describe('the meeting quorum while an item is current', () => {
  it('should count out those who stepped out of the current item, say how many, and follow the item live', async () => {
    const { queryClient } = renderWithApp(<AttendancePanel meetingId={MEETING_ID} canManage={false} meId={undefined} />, {
      handler: serve(onItem([MEMBER_ID, CHAIR_ID], 1)),
    });
    const quorum = await screen.findByTestId('quorum');
    // The item's quorum (1 of 1 voting member present), not the meeting's whole (3 of 2).
    expect(quorum).toHaveTextContent('Quorum: 1 of 1 required — met');
    expect(screen.getByTestId('quorum-stepped-out')).toHaveTextContent('2 stepped out of this item');
    expect(screen.getByTestId('quorum-counts')).toHaveTextContent('Counts 1 voting member');

    // A declaration on the current item arrives as a new version of the attendance.
    act(() => {
      expect(applyEnvelope(queryClient, recordEnvelope('attendance.updated', onItem([MEMBER_ID], 2)))).toBe(true);
    });
    await waitFor(() => expect(screen.getByTestId('quorum-stepped-out')).toHaveTextContent('1 stepped out of this item'));
    expect(screen.getByTestId('quorum')).toHaveTextContent('Quorum: 2 of 2 required — met');

    // The meeting leaves the item: the whole meeting's quorum, nobody counted out.
    act(() => {
      const between = { ...onItem([], 3), currentItemQuorum: null };
      expect(applyEnvelope(queryClient, recordEnvelope('attendance.updated', between))).toBe(true);
    });
    await waitFor(() => expect(screen.getByTestId('quorum')).toHaveTextContent('Quorum: 3 of 2 required — met'));
    expect(screen.queryByTestId('quorum-stepped-out')).toBeNull();
  });

  it('should say it in Bahasa Malaysia', async () => {
    await i18n.changeLanguage('ms');
    try {
      const view = renderWithApp(<AttendancePanel meetingId={MEETING_ID} canManage={false} meId={undefined} />, {
        handler: serve(onItem([MEMBER_ID], 1)),
      });
      expect(await screen.findByTestId('quorum-stepped-out')).toHaveTextContent('1 keluar bagi perkara ini');
      expect(screen.getByTestId('quorum')).toHaveTextContent('Korum: 2 daripada 2 diperlukan — cukup');
      view.unmount();
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('should show the whole meeting to a reader below the current item (the server withholds its quorum as null)', async () => {
    renderWithApp(<AttendancePanel meetingId={MEETING_ID} canManage={false} meId={undefined} />, {
      handler: serve({ ...onItem([MEMBER_ID], 1), currentItemQuorum: null, redactedFields: ['currentItemQuorum'] } as Attendance),
    });
    expect(await screen.findByTestId('quorum')).toHaveTextContent('Quorum: 3 of 2 required — met');
    expect(screen.queryByTestId('quorum-stepped-out')).toBeNull();
  });
});
