import { describe, expect, it } from '@jest/globals';
import type { EventEnvelope } from '@sidang/shared';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { applyEnvelope } from '../../../lib/realtime/cache-apply.ts';
import { CHAIR_ID, COMMITTEE_ID, jsonResponse } from '../../../test/fixtures.ts';
import { renderWithApp } from '../../../test/render.tsx';
import { MEETING_ID, makeSettings, serveAttendanceSettings } from '../test-fixtures.ts';
import { AttendancePanel } from './attendance-panel.tsx';

describe('quorum rule on the attendance panel', () => {
  it('should let the chair set a fixed number, sending the version it was based on', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithApp(<AttendancePanel meetingId={MEETING_ID} canManage meId={CHAIR_ID} />, {
      handler: serveAttendanceSettings(makeSettings(), ({ body }) => jsonResponse(200, makeSettings({ ...(body as object), version: 2 }))),
    });
    expect(await screen.findByTestId('quorum-rule')).toHaveTextContent('Rule: More than half of the voting members');
    await user.click(screen.getByRole('button', { name: 'Change rule' }));
    await user.click(screen.getByRole('radio', { name: 'A fixed number of members' }));
    await user.type(screen.getByRole('spinbutton', { name: 'Members present needed' }), '3');
    await user.click(screen.getByRole('button', { name: 'Save rule' }));
    await waitFor(() => expect(screen.getByTestId('quorum-rule')).toHaveTextContent('Rule: 3 members present'));
    expect(calls.filter((call) => call.method === 'PATCH').map((call) => call.body)).toEqual([
      { version: 1, quorumRule: { kind: 'count', count: 3 } },
    ]);
  });

  it('should not offer a member the change, and follow a rule set elsewhere live', async () => {
    const { queryClient } = renderWithApp(<AttendancePanel meetingId={MEETING_ID} canManage={false} meId={undefined} />, {
      handler: serveAttendanceSettings(makeSettings()),
    });
    expect(await screen.findByTestId('quorum-rule')).toHaveTextContent('More than half');
    expect(screen.queryByRole('button', { name: 'Change rule' })).not.toBeInTheDocument();
    const changed = makeSettings({ quorumRule: { kind: 'count', count: 5 }, version: 2 });
    act(() => {
      applyEnvelope(queryClient, {
        seq: 9,
        committeeId: COMMITTEE_ID,
        type: 'committee-settings.updated',
        entityId: COMMITTEE_ID,
        version: 2,
        actorId: CHAIR_ID,
        at: '2026-03-12T01:00:00.000Z',
        data: changed,
      } as EventEnvelope);
    });
    await waitFor(() => expect(screen.getByTestId('quorum-rule')).toHaveTextContent('Rule: 5 members present'));
  });
});
