import { describe, expect, it } from '@jest/globals';
import type { Attendance, Committee, Decision, PresenceAck } from '@sidang/shared';
import { QueryClient } from '@tanstack/react-query';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { queryKeys } from '../../../lib/query-keys.ts';
import { applyEnvelope } from '../../../lib/realtime/cache-apply.ts';
import type { RealtimeSocket } from '../../../lib/realtime/realtime-client.ts';
import { RealtimeProvider } from '../../../lib/realtime/realtime-provider.tsx';
import { fakeSocket } from '../../../test/fake-socket.ts';
import {
  CHAIR_ID,
  COMMITTEE_ID,
  committee,
  jsonResponse,
  MEMBER_ID,
  makeActionItem,
  makeProgressUpdate,
  members,
  recordEnvelope,
} from '../../../test/fixtures.ts';
import { type Handler, renderWithApp } from '../../../test/render.tsx';
import { ATTENDANCE_ID, MEETING_ID, makeAttendance, makeAttendee, makeDecision } from '../test-fixtures.ts';
import { AttendancePanel } from './attendance-panel.tsx';
import { ItemDecisions } from './decisions.tsx';
import { MattersArising } from './matters-arising.tsx';
import { PresenceRow } from './presence-row.tsx';

const ITEM_ID = 'cccccccc-cccc-4ccc-8ccc-000000000001';

function serveAttendance(attendance: Attendance): Handler {
  return ({ method, url, body }) => {
    if (method === 'GET' && url === `/api/meetings/${MEETING_ID}/attendance`) return jsonResponse(200, attendance);
    const put = url.match(/^\/api\/meetings\/[^/]+\/attendance\/([^/]+)$/);
    if (method === 'PUT' && put) {
      const { status } = body as { status: Attendance['attendees'][number]['status'] };
      return jsonResponse(200, {
        ...attendance,
        attendees: attendance.attendees.map((person) => (person.userId === put[1] ? { ...person, status } : person)),
        version: attendance.version + 1,
      });
    }
    return jsonResponse(404, { statusCode: 404, message: 'Not found' });
  };
}

describe(AttendancePanel.name, () => {
  it('should show the quorum from the payload and follow attendance.updated through the registry', async () => {
    const attendance = makeAttendance({ quorum: { required: 4, present: 5, met: true, voting: 3, counts: 'members' } });
    const { queryClient } = renderWithApp(<AttendancePanel meetingId={MEETING_ID} canManage={false} meId={undefined} />, {
      handler: serveAttendance(attendance),
    });
    const quorum = await screen.findByTestId('quorum');
    expect(quorum).toHaveAttribute('role', 'status');
    expect(quorum).toHaveTextContent('Quorum: 5 of 4 required — met');
    expect(quorum).toHaveClass('quorum--met');

    const later = { ...attendance, quorum: { required: 4, present: 3, met: false, voting: 3, counts: 'members' }, version: 2 };
    act(() => {
      expect(applyEnvelope(queryClient, recordEnvelope('attendance.updated', later))).toBe(true);
    });
    await waitFor(() => expect(screen.getByTestId('quorum')).toHaveTextContent('Quorum: 3 of 4 required — not met'));
    expect(screen.getByTestId('quorum')).toHaveClass('quorum--not-met');
    expect(later.id).toBe(ATTENDANCE_ID);
  });

  it('should list the present with the chair first, then in attendance, apologies and absent', async () => {
    const attendance = makeAttendance({
      attendees: [
        makeAttendee({ name: 'Zed Absent', status: 'absent' }),
        makeAttendee({ name: 'Aminah', status: 'present' }),
        makeAttendee({ name: 'Zainal Chair', role: 'chair', status: 'present' }),
        makeAttendee({ name: 'Guest', role: 'guest', status: 'in_attendance' }),
        makeAttendee({ name: 'Sorry', status: 'apologies' }),
      ],
    });
    renderWithApp(<AttendancePanel meetingId={MEETING_ID} canManage={false} meId={undefined} />, {
      handler: serveAttendance(attendance),
    });
    await screen.findByTestId('quorum');
    expect(screen.getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent)).toEqual([
      'Present (2)',
      'In attendance (1)',
      'Absent with apologies (1)',
      'Absent (1)',
    ]);
    expect(screen.getAllByTestId('attendee').map((row) => row.textContent?.split(/ \(| · /)[0])).toEqual([
      'Zainal Chair',
      'Aminah',
      'Guest',
      'Sorry',
      'Zed Absent',
    ]);
  });

  it('should send the PUT for the status the chair chose', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithApp(<AttendancePanel meetingId={MEETING_ID} canManage meId={CHAIR_ID} />, {
      handler: serveAttendance(makeAttendance()),
    });
    const select = await screen.findByRole('combobox', { name: 'Attendance of Aminah Hassan' });
    await user.selectOptions(select, 'apologies');
    await waitFor(() => expect(calls.some((call) => call.method === 'PUT')).toBe(true));
    expect(calls.filter((call) => call.method === 'PUT')).toEqual([
      { method: 'PUT', url: `/api/meetings/${MEETING_ID}/attendance/${MEMBER_ID}`, body: { status: 'apologies' } },
    ]);
    await waitFor(() => expect(screen.getByText(/^Aminah Hassan/).closest('li')).toHaveAttribute('data-status', 'apologies'));
    expect(screen.queryByRole('button', { name: "I'm here" })).not.toBeInTheDocument();
  });

  it('should keep a row in its group while the secretariat marks it, and name everyone "Name (AGENCY)" once', async () => {
    const user = userEvent.setup();
    const attendance = makeAttendance({
      attendees: [
        makeAttendee({ userId: MEMBER_ID, name: 'Aminah Hassan', agency: 'JMG', role: 'member', status: 'present' }),
        makeAttendee({ userId: CHAIR_ID, name: 'Pengerusi (MITI)', agency: 'MITI', role: 'chair', status: 'present' }),
      ],
    });
    renderWithApp(<AttendancePanel meetingId={MEETING_ID} canManage meId={CHAIR_ID} />, { handler: serveAttendance(attendance) });
    const select = await screen.findByRole('combobox', { name: 'Attendance of Aminah Hassan' });
    const names = () => screen.getAllByTestId('attendee').map((row) => row.querySelector('.attendance__name')?.textContent);
    expect(names()).toEqual(['Pengerusi (MITI) · Chair', 'Aminah Hassan (JMG)']);
    expect(screen.getByTestId('attendance-panel').textContent).not.toContain('(MITI) (MITI)');
    expect(screen.getByTestId('attendance-panel').textContent).not.toMatch(/MITI\s*MITI/);
    await user.selectOptions(select, 'apologies');
    const row = () => screen.getByText(/^Aminah Hassan/).closest('li') as HTMLElement;
    await waitFor(() => expect(row()).toHaveAttribute('data-status', 'apologies'));
    // Still under "Present", where the secretariat's hand is: no jump to "Apologies".
    expect(row().closest('.attendance__group')?.querySelector('h3')?.textContent).toMatch(/^Present/);
    expect(names()).toEqual(['Pengerusi (MITI) · Chair', 'Aminah Hassan (JMG)']);
  });

  it('should give a member only "I\'m here" and "Send apologies", for themself', async () => {
    const user = userEvent.setup();
    const attendance = makeAttendance({
      attendees: [
        makeAttendee({ userId: MEMBER_ID, name: 'Aminah Hassan', status: 'absent' }),
        makeAttendee({ userId: CHAIR_ID, role: 'chair' }),
      ],
    });
    const { calls } = renderWithApp(<AttendancePanel meetingId={MEETING_ID} canManage={false} meId={MEMBER_ID} />, {
      handler: serveAttendance(attendance),
    });
    const self = await screen.findByTestId('attendance-self');
    expect(
      within(self)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(["I'm here", 'Send apologies']);
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
    await user.click(within(self).getByRole('button', { name: 'Send apologies' }));
    await waitFor(() => expect(calls.filter((call) => call.method === 'PUT')).toHaveLength(1));
    expect(calls.find((call) => call.method === 'PUT')).toMatchObject({
      url: `/api/meetings/${MEETING_ID}/attendance/${MEMBER_ID}`,
      body: { status: 'apologies' },
    });
  });
});

describe('AttendancePanel guests, quorum counts and frozen attendance', () => {
  const GUEST_ID = 'dddddddd-dddd-4ddd-8ddd-000000000001';

  it('should say what the quorum counts', async () => {
    renderWithApp(<AttendancePanel meetingId={MEETING_ID} canManage={false} meId={undefined} />, {
      handler: serveAttendance(makeAttendance({ quorum: { required: 2, present: 2, met: true, voting: 3, counts: 'members' } })),
    });
    expect(await screen.findByTestId('quorum-counts')).toHaveTextContent(
      'Counts 3 voting members: the chair and members; not the secretariat, observers or guests.',
    );
  });

  it('should let the secretariat add a guest by name, agency and role, and remove one', async () => {
    const user = userEvent.setup();
    const guest = { id: GUEST_ID, meetingId: MEETING_ID, name: 'Dr Siti', agency: 'MINT', role: 'Presenter' };
    let attendance = makeAttendance({ guests: [] });
    const { calls } = renderWithApp(<AttendancePanel meetingId={MEETING_ID} canManage meId={CHAIR_ID} />, {
      handler: ({ method, url, body }) => {
        if (method === 'GET' && url === `/api/meetings/${MEETING_ID}/attendance`) return jsonResponse(200, attendance);
        if (method === 'POST' && url === `/api/meetings/${MEETING_ID}/guests`) {
          const created = { ...guest, ...(body as object) };
          attendance = { ...attendance, guests: [created], version: attendance.version + 1 };
          return jsonResponse(201, created);
        }
        if (method === 'DELETE' && url === `/api/meetings/${MEETING_ID}/guests/${GUEST_ID}`) {
          attendance = { ...attendance, guests: [], version: attendance.version + 1 };
          return jsonResponse(204);
        }
        return jsonResponse(404, { statusCode: 404, message: 'Not found' });
      },
    });
    const guests = await screen.findByTestId('guests');
    expect(within(guests).getByText('No guests added.')).toBeInTheDocument();
    await user.type(within(guests).getByLabelText('Name'), 'Dr Siti');
    await user.type(within(guests).getByLabelText('Agency'), 'MINT');
    await user.type(within(guests).getByLabelText('Attending as'), 'Presenter');
    await user.click(within(guests).getByRole('button', { name: 'Add guest' }));
    await waitFor(() => expect(screen.getAllByTestId('guest')).toHaveLength(1));
    expect(calls.find((call) => call.method === 'POST')).toMatchObject({ body: { name: 'Dr Siti', agency: 'MINT', role: 'Presenter' } });
    expect(screen.getByTestId('guest')).toHaveTextContent('Dr Siti (MINT) · Presenter');
    await user.click(screen.getByRole('button', { name: 'Remove Dr Siti' }));
    await waitFor(() => expect(screen.queryByTestId('guest')).not.toBeInTheDocument());
    expect(calls.some((call) => call.method === 'DELETE')).toBe(true);
  });

  it('should offer no changes once the minutes are published', async () => {
    const guest = { id: GUEST_ID, meetingId: MEETING_ID, name: 'Dr Siti', agency: 'MINT', role: 'Presenter' };
    renderWithApp(<AttendancePanel meetingId={MEETING_ID} canManage meId={CHAIR_ID} />, {
      handler: serveAttendance(makeAttendance({ guests: [guest], frozen: true })),
    });
    expect(await screen.findByTestId('attendance-frozen')).toHaveTextContent('The minutes are published: this attendance is final.');
    expect(screen.getByTestId('guest')).toHaveTextContent('Dr Siti');
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add guest' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove Dr Siti' })).not.toBeInTheDocument();
  });
});

describe('AttendancePanel invitations', () => {
  const invitation = (userId: string, name: string, response: 'accepted' | 'declined' | 'tentative' | null) => ({
    userId,
    name,
    response,
    respondedAt: response ? '2026-03-01T01:00:00.000Z' : null,
  });

  it('should let an invited member answer with a note, and show the answer they chose', async () => {
    const user = userEvent.setup();
    const attendance = makeAttendance({ invitations: [invitation(MEMBER_ID, 'Aminah Hassan', null)] });
    const { calls } = renderWithApp(<AttendancePanel meetingId={MEETING_ID} canManage={false} meId={MEMBER_ID} />, {
      handler: ({ method, url, body }) => {
        if (method === 'GET' && url === `/api/meetings/${MEETING_ID}/attendance`) return jsonResponse(200, attendance);
        if (method === 'PUT' && url === `/api/meetings/${MEETING_ID}/rsvp`) {
          return jsonResponse(200, {
            ...invitation(MEMBER_ID, 'Aminah Hassan', (body as { response: 'tentative' }).response),
            note: 'Late',
          });
        }
        return jsonResponse(404, { statusCode: 404, message: 'Not found' });
      },
    });
    const rsvp = await screen.findByTestId('rsvp');
    expect(within(rsvp).getByText('Will you attend?')).toBeInTheDocument();
    await user.type(within(rsvp).getByLabelText('Note for the secretariat (optional)'), 'Late');
    await user.click(within(rsvp).getByRole('button', { name: 'Tentative' }));
    await waitFor(() => expect(within(rsvp).getByRole('button', { name: 'Tentative' })).toHaveAttribute('aria-pressed', 'true'));
    expect(calls.find((call) => call.method === 'PUT')).toMatchObject({ body: { response: 'tentative', note: 'Late' } });
    expect(within(rsvp).getByText('Your answer: Tentative')).toBeInTheDocument();
    expect(screen.queryByTestId('invitations')).not.toBeInTheDocument();
  });

  it('should show the secretariat every answer with its note and send a reminder to those who have not answered', async () => {
    const user = userEvent.setup();
    const attendance = makeAttendance({
      invitations: [invitation(MEMBER_ID, 'Aminah Hassan', 'declined'), invitation(CHAIR_ID, "Dato' Chair", null)],
    });
    const { calls } = renderWithApp(<AttendancePanel meetingId={MEETING_ID} canManage meId={CHAIR_ID} />, {
      handler: ({ method, url }) => {
        if (method === 'GET' && url === `/api/meetings/${MEETING_ID}/attendance`) return jsonResponse(200, attendance);
        if (method === 'GET' && url === `/api/meetings/${MEETING_ID}/invitations`) {
          return jsonResponse(200, [
            { ...invitation(MEMBER_ID, 'Aminah Hassan', 'declined'), note: 'Abroad' },
            invitation(CHAIR_ID, "Dato' Chair", null),
          ]);
        }
        if (method === 'POST' && url === `/api/meetings/${MEETING_ID}/invitations/remind`) {
          return jsonResponse(200, { ...attendance, remindedAt: '2026-03-02T02:00:00.000Z', version: 2 });
        }
        return jsonResponse(404, { statusCode: 404, message: 'Not found' });
      },
    });
    const answers = await screen.findByTestId('invitations');
    await waitFor(() => expect(within(answers).getByText(/Abroad/)).toBeInTheDocument());
    expect(
      within(answers)
        .getAllByTestId('invitation')
        .map((row) => row.getAttribute('data-response')),
    ).toEqual(['declined', 'none']);
    expect(within(answers).getByText('(1 not answered)')).toBeInTheDocument();
    await user.click(within(answers).getByRole('button', { name: 'Send reminder to those who have not answered' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'POST' && call.url.endsWith('/invitations/remind'))).toBe(true));
  });
});

describe(ItemDecisions.name, () => {
  it('should POST the decision typed and show one that arrives as decision.created', async () => {
    const user = userEvent.setup();
    const earlier = makeDecision({ agendaItemId: ITEM_ID, text: 'Minutes confirmed without amendment.' });
    const handler: Handler = ({ method, url, body }) => {
      if (url !== `/api/agenda-items/${ITEM_ID}/decisions`) return jsonResponse(404, { statusCode: 404, message: 'Not found' });
      if (method === 'GET') return jsonResponse(200, [earlier]);
      return jsonResponse(
        201,
        makeDecision({ agendaItemId: ITEM_ID, text: (body as { text: string }).text, createdAt: '2026-03-12T03:00:00.000Z' }),
      );
    };
    const { calls, queryClient } = renderWithApp(<ItemDecisions agendaItemId={ITEM_ID} number="3" canRecord />, { handler });
    expect(await screen.findByText('Minutes confirmed without amendment.')).toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: 'Record a decision on item 3' }), '  Pilot plant to proceed.  {Enter}');
    await waitFor(() => expect(calls.filter((call) => call.method === 'POST')).toHaveLength(1));
    expect(calls.find((call) => call.method === 'POST')).toMatchObject({
      url: `/api/agenda-items/${ITEM_ID}/decisions`,
      body: { text: 'Pilot plant to proceed.' },
    });
    expect(await screen.findByText('Pilot plant to proceed.')).toBeInTheDocument();

    const fromElsewhere: Decision = makeDecision({
      agendaItemId: ITEM_ID,
      text: 'Secretariat to circulate the paper.',
      createdAt: '2026-03-12T04:00:00.000Z',
    });
    act(() => {
      applyEnvelope(queryClient, recordEnvelope('decision.created', fromElsewhere));
    });
    await screen.findByText('Secretariat to circulate the paper.');
    expect(screen.getAllByTestId('decision').map((row) => row.querySelector('[data-testid="decision-text"]')?.textContent)).toEqual([
      'Minutes confirmed without amendment.',
      'Pilot plant to proceed.',
      'Secretariat to circulate the paper.',
    ]);
  });

  it('should not offer a member the record line', async () => {
    renderWithApp(<ItemDecisions agendaItemId={ITEM_ID} number="3" canRecord={false} />, {
      handler: () => jsonResponse(200, [makeDecision({ agendaItemId: ITEM_ID, text: 'Noted.' })]),
    });
    expect(await screen.findByText('Noted.')).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  });
});

describe(MattersArising.name, () => {
  it('should show each open action with its owners, an overdue due date and its latest update', async () => {
    const overdue = makeActionItem({
      title: 'Survey Hulu Perak',
      status: 'in_progress',
      dueDate: '2020-01-31',
      ownerIds: [MEMBER_ID],
      ownerAgencies: ['JMG'],
    });
    const onTime = makeActionItem({ title: 'Draft the tender', status: 'open', dueDate: '2999-12-31', ownerIds: [], ownerAgencies: [] });
    const handler: Handler = ({ url }) => {
      if (url === `/api/meetings/${MEETING_ID}/matters-arising`)
        return jsonResponse(200, [
          { item: overdue, latestUpdate: makeProgressUpdate(overdue.id, { body: 'Field team mobilised.', authorName: 'JMG officer' }) },
          { item: onTime, latestUpdate: null },
        ]);
      if (url === `/api/committees/${COMMITTEE_ID}/members`) return jsonResponse(200, members);
      return jsonResponse(404, { statusCode: 404, message: 'Not found' });
    };
    renderWithApp(<MattersArising meetingId={MEETING_ID} committeeId={COMMITTEE_ID} />, { handler });
    const [first, second] = await screen.findAllByTestId('matter');
    expect(within(first as HTMLElement).getByRole('link', { name: 'Survey Hulu Perak' })).toHaveAttribute(
      'href',
      `/c/${COMMITTEE_ID}/actions/${overdue.id}`,
    );
    expect(within(first as HTMLElement).getByTestId('overdue')).toHaveTextContent(/^Overdue since/);
    expect(first).toHaveClass('matters-arising__row--overdue');
    expect(first).toHaveTextContent('Field team mobilised.');
    await waitFor(() => expect(first).toHaveTextContent('Action: JMG officer, JMG'));
    expect(within(second as HTMLElement).queryByTestId('overdue')).not.toBeInTheDocument();
    expect(second).toHaveTextContent('No update yet.');
    expect(second).toHaveTextContent('No owner');
  });
});

function MeetingPageStandIn() {
  const [onPage, setOnPage] = useState(true);
  return (
    <>
      {onPage && <PresenceRow meetingId={MEETING_ID} />}
      <button type="button" onClick={() => setOnPage(false)}>
        leave
      </button>
    </>
  );
}

describe(PresenceRow.name, () => {
  function renderPresence(answer: PresenceAck) {
    const socket = Object.assign(fakeSocket(), {
      emitted: [] as Array<{ event: string; request: unknown }>,
      emit(event: string, request: unknown, ack?: (result: PresenceAck) => void) {
        socket.emitted.push({ event, request });
        if (event === 'presence:join') ack?.(answer);
        return socket;
      },
      off() {
        return socket;
      },
    });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    queryClient.setQueryData<Committee[]>(queryKeys.committees, [committee]);
    // The provider makes its socket once the page has painted: `made` says when.
    let resolveMade: () => void = () => undefined;
    const made = new Promise<void>((resolve) => (resolveMade = resolve));
    const createSocket = () => {
      resolveMade();
      return socket as unknown as RealtimeSocket;
    };
    renderWithApp(
      <RealtimeProvider token="t" committeeIds={[COMMITTEE_ID]} createSocket={createSocket}>
        <MeetingPageStandIn />
      </RealtimeProvider>,
      { queryClient },
    );
    // Leaving the page: the row goes, the socket stays.
    const leave = () => userEvent.click(screen.getByRole('button', { name: 'leave' }));
    const connect = () =>
      act(async () => {
        await made;
        socket.fire('connect');
      });
    return { socket, leave, connect };
  }

  it('should join on connect and reconnect, show who is here as chips with a count, follow updates and leave on unmount', async () => {
    const { socket, leave, connect } = renderPresence({ ok: true, present: [{ userId: CHAIR_ID, name: 'Chair (MITI)' }] });
    await connect();
    expect(socket.emitted).toContainEqual({ event: 'presence:join', request: { meetingId: MEETING_ID } });
    expect(await screen.findByText('1 here now')).toBeInTheDocument();
    expect(screen.getAllByTestId('presence-chip').map((chip) => chip.textContent)).toEqual(['Chair (MITI)']);

    await act(async () =>
      socket.fire('presence', {
        meetingId: MEETING_ID,
        present: [
          { userId: CHAIR_ID, name: 'Chair (MITI)' },
          { userId: MEMBER_ID, name: 'JMG officer' },
        ],
      }),
    );
    expect(screen.getAllByTestId('presence-chip').map((chip) => chip.textContent)).toEqual(['Chair (MITI)', 'JMG officer']);
    expect(screen.getByText('2 here now')).toBeInTheDocument();
    await act(async () => socket.fire('presence', { meetingId: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', present: [] }));
    expect(screen.getAllByTestId('presence-chip')).toHaveLength(2);

    await act(async () => socket.fire('disconnect', 'transport close'));
    expect(screen.queryByTestId('presence')).not.toBeInTheDocument();
    await act(async () => socket.fire('connect'));
    expect(socket.emitted.filter((entry) => entry.event === 'presence:join')).toHaveLength(2);
    expect(await screen.findByText('1 here now')).toBeInTheDocument();

    await leave();
    expect(screen.queryByTestId('presence')).not.toBeInTheDocument();
    expect(socket.emitted.at(-1)).toEqual({ event: 'presence:leave', request: { meetingId: MEETING_ID } });
  });

  it('should show nothing when the server refuses', async () => {
    const { socket, connect } = renderPresence({ ok: false, error: 'forbidden' });
    await connect();
    expect(socket.emitted).toContainEqual({ event: 'presence:join', request: { meetingId: MEETING_ID } });
    expect(screen.queryByTestId('presence')).not.toBeInTheDocument();
  });
});
