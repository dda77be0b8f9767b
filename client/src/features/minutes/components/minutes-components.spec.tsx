import { describe, expect, it } from '@jest/globals';
import type { CommentThread, MinutesRecord } from '@sidang/shared';
import { QueryClient, skipToken, useQuery } from '@tanstack/react-query';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { addDaysIso, todayInCommitteeZone } from '../../../lib/dates.ts';
import { minutesKeys } from '../../../lib/minutes-keys.ts';
import { applyEnvelope } from '../../../lib/realtime/cache-apply.ts';
import { jsonResponse, uuid } from '../../../test/fixtures.ts';
import { type Handler, renderWithApp } from '../../../test/render.tsx';
import { MINUTES_ID, MINUTES_MEETING_ID, makeComment, makeMinutesRecord, makeSection, makeVersion } from '../test-fixtures.ts';
import { CommentsPanel } from './comments-panel.tsx';
import { attendanceBlocks, offlineNoticeKey } from './minutes-page.tsx';
import { CompareView, pairSections } from './versions-compare.tsx';
import { WorkflowBar } from './workflow-bar.tsx';

const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });

/** The record as the page reads it: from the live cache the realtime registry patches. */
function LiveWorkflow({ canManage }: { canManage: boolean }) {
  const record = useQuery<MinutesRecord>({ queryKey: minutesKeys.record(MINUTES_MEETING_ID), queryFn: skipToken });
  return record.data ? <WorkflowBar record={record.data} canManage={canManage} /> : null;
}

describe(WorkflowBar.name, () => {
  it('should offer only the next steps, ask once more, and send the confirmation with its version', async () => {
    const user = userEvent.setup();
    const record = makeMinutesRecord({ status: 'circulated', version: 4, commentsDueAt: '2099-12-14T15:59:59.000Z' });
    const handler: Handler = ({ method, url }) =>
      method === 'POST' && url === `/api/minutes/${MINUTES_ID}/transition`
        ? jsonResponse(200, { ...record, status: 'confirmed', confirmation: 'with_amendments', version: 5 })
        : jsonResponse(404, { statusCode: 404, message: 'Not found' });
    const { calls } = renderWithApp(<WorkflowBar record={record} canManage />, { handler });

    expect(screen.getByTestId('minutes-status')).toHaveTextContent('Circulated');
    expect(screen.getByTestId('comment-deadline')).toHaveTextContent('Comments by 14 Dec');
    expect(screen.getByTestId('minutes-to-draft')).toBeInTheDocument();
    expect(screen.getByTestId('minutes-to-confirmed')).toBeInTheDocument();
    expect(screen.queryByTestId('minutes-to-published')).toBeNull();

    // Confirming asks for its fields first (confirm-dialog.spec.tsx): nothing is sent yet.
    await user.click(screen.getByTestId('minutes-to-confirmed'));
    expect(screen.getByTestId('minutes-confirm-dialog')).toBeInTheDocument();
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);
  });

  it('should offer an optional comment deadline when circulating, sent as the end of that day in Kuala Lumpur', async () => {
    const user = userEvent.setup();
    const record = makeMinutesRecord({ status: 'draft', version: 3 });
    const handler: Handler = ({ method }) =>
      method === 'POST'
        ? jsonResponse(400, {
            statusCode: 400,
            code: 'invalid_input',
            message: 'commentsDueAt: must be in the future',
            issues: [{ field: 'commentsDueAt', path: 'commentsDueAt', code: 'invalid_value', message: 'must be in the future' }],
          })
        : jsonResponse(404, { statusCode: 404, message: 'Not found' });
    const { calls } = renderWithApp(<WorkflowBar record={record} canManage />, { handler });
    expect(screen.queryByLabelText('Comments by (optional)')).toBeNull();

    await user.click(screen.getByTestId('minutes-to-circulated'));
    const day = screen.getByLabelText('Comments by (optional)');
    expect(day).toHaveAttribute('type', 'date');
    expect(day).toHaveAttribute('min', addDaysIso(todayInCommitteeZone(), 1));
    fireEvent.change(day, { target: { value: '2031-12-14' } });
    // Keyboard: from the date to the step itself, and Enter takes it.
    await user.click(day);
    await user.tab();
    expect(screen.getByTestId('minutes-transition-proceed')).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      to: 'circulated',
      version: 3,
      commentsDueAt: '2031-12-14T23:59:59+08:00',
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('The comment deadline must be a day after today.');
  });

  it('should send no deadline when none is chosen, nor on any other step', async () => {
    const user = userEvent.setup();
    const handler: Handler = () => jsonResponse(200, makeMinutesRecord({ status: 'circulated', version: 2 }));
    const { calls } = renderWithApp(<WorkflowBar record={makeMinutesRecord({ version: 1 })} canManage />, { handler });
    await user.click(screen.getByTestId('minutes-to-circulated'));
    await user.click(screen.getByTestId('minutes-transition-proceed'));
    await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ to: 'circulated', version: 1 });
  });

  it('should offer publishing to the chair only', () => {
    const confirmed = makeMinutesRecord({ status: 'confirmed', confirmation: 'without_amendment' });
    const secretariat = renderWithApp(<WorkflowBar record={confirmed} canManage />);
    expect(screen.queryByTestId('minutes-to-published')).toBeNull();
    expect(screen.getByTestId('minutes-confirmation')).toHaveTextContent('Confirmed without amendment');
    secretariat.unmount();
    renderWithApp(<WorkflowBar record={confirmed} canManage canPublish />);
    expect(screen.getByTestId('minutes-to-published')).toBeInTheDocument();
  });

  it('should show no steps to a member, and say so when the version was stale', async () => {
    const user = userEvent.setup();
    const member = renderWithApp(<WorkflowBar record={makeMinutesRecord()} canManage={false} />);
    expect(member.container.querySelectorAll('button')).toHaveLength(0);
    member.unmount();

    const handler: Handler = () => jsonResponse(409, { statusCode: 409, message: 'Stale', current: makeMinutesRecord({ version: 2 }) });
    renderWithApp(<WorkflowBar record={makeMinutesRecord()} canManage />, { handler });
    await user.click(screen.getByTestId('minutes-to-circulated'));
    await user.click(screen.getByTestId('minutes-transition-proceed'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Someone changed the minutes meanwhile');
  });

  it('should follow a minutes.updated event through the realtime registry', async () => {
    const client = newClient();
    client.setQueryData(minutesKeys.record(MINUTES_MEETING_ID), makeMinutesRecord({ status: 'draft', version: 1 }));
    renderWithApp(<LiveWorkflow canManage />, { queryClient: client });
    expect(screen.getByTestId('minutes-status')).toHaveAttribute('data-status', 'draft');

    applyEnvelope(client, {
      seq: 10,
      committeeId: makeMinutesRecord().committeeId,
      type: 'minutes.updated',
      entityId: MINUTES_ID,
      version: 2,
      actorId: uuid(),
      at: new Date().toISOString(),
      data: makeMinutesRecord({ status: 'circulated', version: 2 }),
    });
    await waitFor(() => expect(screen.getByTestId('minutes-status')).toHaveAttribute('data-status', 'circulated'));
    // An older event does not take it back.
    applyEnvelope(client, {
      seq: 11,
      committeeId: makeMinutesRecord().committeeId,
      type: 'minutes.updated',
      entityId: MINUTES_ID,
      version: 1,
      actorId: uuid(),
      at: new Date().toISOString(),
      data: makeMinutesRecord({ status: 'draft', version: 1 }),
    });
    expect(screen.getByTestId('minutes-status')).toHaveAttribute('data-status', 'circulated');
  });
});

describe(CommentsPanel.name, () => {
  const section = makeSection({ number: '3', title: 'Papers' });

  function threads(): CommentThread[] {
    const head = makeComment({ sectionId: section.id, body: 'Please name the agency.', quote: 'the agency will report' });
    return [
      { ...head, replies: [makeComment({ sectionId: section.id, parentId: head.id, body: 'JMG, noted.', authorName: 'Urus Setia' })] },
      { ...makeComment({ sectionId: section.id, body: 'Old point', resolved: true }), replies: [] },
    ];
  }

  it('should show open threads with their quote and replies, hide resolved ones until asked, and reply', async () => {
    const user = userEvent.setup();
    const list = threads();
    const reply = makeComment({ sectionId: section.id, parentId: list[0]?.id ?? null, body: 'Agreed.' });
    const handler: Handler = ({ method, url }) => {
      if (url === `/api/minutes/${MINUTES_ID}/comments` && method === 'GET') return jsonResponse(200, list);
      if (url === `/api/minutes/${MINUTES_ID}/comments` && method === 'POST') return jsonResponse(201, reply);
      return jsonResponse(404, { statusCode: 404, message: 'Not found' });
    };
    const { calls } = renderWithApp(
      <CommentsPanel minutesId={MINUTES_ID} sections={[section]} canComment draft={null} onDraftDone={() => undefined} />,
      {
        handler,
      },
    );
    const thread = await screen.findByTestId('comment-thread');
    expect(within(thread).getByText('the agency will report')).toBeInTheDocument();
    expect(within(thread).getByText('JMG, noted.')).toBeInTheDocument();
    expect(within(thread).getByText('Item 3')).toBeInTheDocument();
    expect(screen.queryByText('Old point')).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: 'Show resolved' }));
    expect(screen.getByText('Old point')).toBeInTheDocument();

    await user.type(within(thread).getByRole('textbox', { name: 'Reply to Pengerusi' }), 'Agreed.');
    await user.click(within(thread).getByRole('button', { name: 'Send reply' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ parentId: list[0]?.id, body: 'Agreed.' });
    expect(await within(thread).findByText('Agreed.')).toBeInTheDocument();
  });

  it('should start a thread on a selected passage with its anchor, and resolve a thread with its version', async () => {
    const user = userEvent.setup();
    const list = threads();
    const created = makeComment({ sectionId: section.id, body: 'Which year?', quote: '16.1 Mt inferred' });
    const head = list[0];
    const handler: Handler = ({ method, url }) => {
      if (url === `/api/minutes/${MINUTES_ID}/comments` && method === 'GET') return jsonResponse(200, list);
      if (url === `/api/minutes/${MINUTES_ID}/comments` && method === 'POST') return jsonResponse(201, created);
      if (head && url === `/api/minutes-comments/${head.id}` && method === 'PATCH')
        return jsonResponse(200, { ...head, replies: undefined, resolved: true, version: 2 });
      return jsonResponse(404, { statusCode: 404, message: 'Not found' });
    };
    let done = 0;
    const anchor = { start: 'AAE=', end: 'AAI=' };
    const { calls } = renderWithApp(
      <CommentsPanel
        minutesId={MINUTES_ID}
        sections={[section]}
        canComment
        draft={{ sectionId: section.id, quote: '16.1 Mt inferred', anchor }}
        onDraftDone={() => {
          done += 1;
        }}
      />,
      { handler },
    );
    const form = await screen.findByTestId('new-comment');
    expect(within(form).getByText(/16\.1 Mt inferred/)).toBeInTheDocument();
    await user.type(within(form).getByRole('textbox', { name: 'Comment' }), 'Which year?');
    await user.click(within(form).getByRole('button', { name: 'Post comment' }));
    await waitFor(() => expect(done).toBe(1));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      sectionId: section.id,
      quote: '16.1 Mt inferred',
      anchor,
      body: 'Which year?',
    });

    const threadsShown = await screen.findAllByTestId('comment-thread');
    const first = threadsShown.find((element) => within(element).queryByText('Please name the agency.'));
    await user.click(within(first as HTMLElement).getByRole('button', { name: 'Resolve' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'PATCH')).toBe(true));
    expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({ version: 1, resolved: true });
  });

  it('should offer no reply or resolve to a reader who may not comment', async () => {
    const handler: Handler = () => jsonResponse(200, threads());
    renderWithApp(
      <CommentsPanel minutesId={MINUTES_ID} sections={[section]} canComment={false} draft={null} onDraftDone={() => undefined} />,
      {
        handler,
      },
    );
    const thread = await screen.findByTestId('comment-thread');
    expect(within(thread).queryByRole('textbox')).toBeNull();
    expect(within(thread).queryByRole('button')).toBeNull();
  });
});

describe(CompareView.name, () => {
  const sectionId = uuid();
  const dropped = uuid();
  const v1 = makeVersion(1, [
    {
      sectionId,
      agendaItemId: uuid(),
      number: '2',
      title: 'Papers',
      classification: 'OPEN',
      text: 'JMG will report in May.',
      actionLine: null,
    },
    {
      sectionId: dropped,
      agendaItemId: uuid(),
      number: '3',
      title: 'Other business',
      classification: 'OPEN',
      text: 'None.',
      actionLine: null,
    },
  ]);
  const v2 = makeVersion(2, [
    {
      sectionId,
      agendaItemId: uuid(),
      number: '2',
      title: 'Papers',
      classification: 'OPEN',
      text: 'JMG and NRES will report in June.',
      actionLine: { kind: 'action', agencies: ['JMG', 'NRES'], actionItemIds: [] },
    },
  ]);

  it('should pair sections of two versions and mark the words removed and added', () => {
    const pairs = pairSections(v1, v2);
    expect(pairs.map((pair) => pair.number)).toEqual(['2', '3']);
    const papers = pairs[0];
    expect(papers?.parts.filter((part) => part.removed).map((part) => part.value.trim())).toEqual(expect.arrayContaining(['May']));
    expect(
      papers?.parts
        .filter((part) => part.added)
        .map((part) => part.value)
        .join(' '),
    ).toContain('June');
    expect(
      papers?.parts
        .filter((part) => part.added)
        .map((part) => part.value)
        .join(' '),
    ).toContain('Action: JMG, NRES');
    expect(pairs[1]?.right).toBeUndefined();
  });

  it('should show the older version on the left with removals and the newer on the right with additions', () => {
    const { container } = renderWithApp(<CompareView left={v1} right={v2} />);
    const [left, right] = [...container.querySelectorAll('.minutes-compare__section')][0]?.querySelectorAll('.minutes-compare__side') ?? [];
    expect(left?.querySelector('del')?.textContent).toContain('May');
    expect(left?.querySelector('ins')).toBeNull();
    expect([...(right?.querySelectorAll('ins') ?? [])].map((ins) => ins.textContent).join(' ')).toContain('June');
    expect(right?.querySelector('del')).toBeNull();
    expect(screen.getByText('Not in this version')).toBeInTheDocument();
  });

  it('should say when two versions do not differ', () => {
    renderWithApp(<CompareView left={v1} right={makeVersion(3, v1.sections)} />);
    expect(screen.getByText('No differences.')).toBeInTheDocument();
  });
});

describe('offline notice', () => {
  it('should tell only someone who may type that their typing is kept', () => {
    expect(offlineNoticeKey(true, 'draft')).toBe('minutes.offlineBanner');
    expect(offlineNoticeKey(false, 'draft')).toBe('minutes.offlineReadOnly');
    expect(offlineNoticeKey(true, 'circulated')).toBe('minutes.offlineReadOnly');
  });
});

describe('attendance blocks', () => {
  it('should list the chair first among those present, and keep guests and the secretariat in their own blocks', () => {
    const person = (name: string, role: string, status: 'present' | 'apologies' | 'absent' | 'in_attendance') => ({
      userId: uuid(),
      name,
      agency: 'MITI',
      role,
      status,
    });
    const blocks = attendanceBlocks([
      person('Ahli A', 'member', 'present'),
      person('Pengerusi', 'chair', 'present'),
      person('Urus Setia', 'secretariat', 'present'),
      person('Jemputan', 'guest', 'in_attendance'),
      person('Ahli B', 'member', 'apologies'),
      person('Ahli C', 'member', 'absent'),
    ]);
    expect(blocks.present.map((a) => a.name)).toEqual(['Pengerusi', 'Ahli A']);
    expect(blocks.inAttendance.map((a) => a.name)).toEqual(['Jemputan']);
    expect(blocks.apologies.map((a) => a.name)).toEqual(['Ahli B']);
    expect(blocks.secretariat.map((a) => a.name)).toEqual(['Urus Setia']);
  });

  it('should name the secretariat once, in its own block, whether marked present or in attendance', () => {
    const secretariat = {
      userId: uuid(),
      name: 'Urus Setia (MITI)',
      agency: 'MITI',
      role: 'secretariat',
      status: 'in_attendance' as const,
    };
    const blocks = attendanceBlocks([secretariat]);
    expect(blocks.secretariat.map((a) => a.name)).toEqual(['Urus Setia (MITI)']);
    expect(blocks.inAttendance).toEqual([]);
    expect(blocks.present).toEqual([]);
  });

  it('should put the meeting\'s guests who are not members under "Hadir bersama", by name', () => {
    const member = { userId: uuid(), name: 'Ahli A', agency: 'MITI', role: 'member', status: 'present' as const };
    const guest = { id: uuid(), meetingId: uuid(), name: 'Dr Bentang', agency: 'MINT', role: 'Presenter' };
    const blocks = attendanceBlocks(
      [member, { ...member, userId: uuid(), name: 'Zaid Jemputan', role: 'guest', status: 'in_attendance' }],
      [guest],
    );
    expect(blocks.inAttendance.map((a) => [a.name, a.agency])).toEqual([
      ['Dr Bentang', 'MINT'],
      ['Zaid Jemputan', 'MITI'],
    ]);
    expect(blocks.present.map((a) => a.name)).toEqual(['Ahli A']);
  });
});
