import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { AgendaItem } from '@sidang/shared';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { applyEnvelope } from '../../../lib/realtime/cache-apply.ts';
import { CHAIR_ID, COMMITTEE_ID, committee, jsonResponse } from '../../../test/fixtures.ts';
import { type Handler, renderWithApp } from '../../../test/render.tsx';
import type { LiveMeeting } from '../api/meetings-api.ts';
import { MEETING_ID, makeAgenda, makeMeeting } from '../test-fixtures.ts';
import { MeetingPage } from './meeting-page.tsx';
import { pressKeys, stubRowGeometry } from './test-geometry.ts';

const ROUTE = '/c/:committeeId/meetings/:meetingId';
const PATH = `/c/${COMMITTEE_ID}/meetings/${MEETING_ID}`;

interface World {
  meeting: LiveMeeting;
  agenda: AgendaItem[];
  role?: 'chair' | 'member';
  /** Answers to `POST …/move`, in order (then 200 with the item). */
  moveAnswers?: Array<(body: { version: number }) => Response>;
}

function serve(world: World): Handler {
  return ({ method, url, body }) => {
    if (url === `/api/committees/${COMMITTEE_ID}`) return jsonResponse(200, { ...committee, role: world.role ?? 'chair' });
    if (url === `/api/meetings/${MEETING_ID}`) return jsonResponse(200, world.meeting);
    if (method === 'GET' && url === `/api/meetings/${MEETING_ID}/agenda-items`) return jsonResponse(200, world.agenda);
    if (method === 'POST' && url === `/api/meetings/${MEETING_ID}/agenda-items`) {
      const created = { ...world.agenda[0], ...(body as object), id: 'aaaaaaaa-aaaa-4aaa-8aaa-00000000cafe', version: 1 };
      return jsonResponse(201, created);
    }
    const move = url.match(/^\/api\/agenda-items\/([^/]+)\/move$/);
    if (method === 'POST' && move) {
      const answer = world.moveAnswers?.shift();
      if (answer) return answer(body as { version: number });
      const item = world.agenda.find((candidate) => candidate.id === move[1]);
      return jsonResponse(200, { ...item, ...(body as object), version: (item?.version ?? 1) + 1 });
    }
    return jsonResponse(404, { statusCode: 404, message: 'Not found' });
  };
}

function event(type: 'meeting.current-item-changed', meeting: LiveMeeting) {
  return {
    seq: meeting.version,
    committeeId: COMMITTEE_ID,
    type,
    entityId: meeting.id,
    version: meeting.version,
    actorId: CHAIR_ID,
    at: '2026-03-12T01:00:00.000Z',
    data: meeting,
  } as const;
}

describe(MeetingPage.name, () => {
  let restore: () => void;
  const scrolled: string[] = [];
  const behaviours: string[] = [];
  beforeEach(() => {
    restore = stubRowGeometry();
    scrolled.length = 0;
    behaviours.length = 0;
    Element.prototype.scrollIntoView = function scrollIntoView(this: Element, options?: boolean | ScrollIntoViewOptions) {
      scrolled.push(this.getAttribute('data-number') ?? '?');
      behaviours.push(typeof options === 'object' ? (options.behavior ?? 'auto') : 'auto');
    };
  });
  afterEach(() => {
    restore();
    delete (Element.prototype as { scrollIntoView?: unknown }).scrollIntoView;
  });

  it('should fetch the meeting as an .ics file with the token, and say so when it fails', async () => {
    const base = serve({ meeting: makeMeeting(), agenda: makeAgenda([['Opening']]) });
    let answer = 500;
    const { calls } = renderWithApp(<MeetingPage />, {
      route: ROUTE,
      path: PATH,
      handler: (call) =>
        call.url.endsWith('/ics')
          ? ({ status: answer, ok: answer === 200, statusText: '', text: async () => 'BEGIN:VCALENDAR' } as Response)
          : base(call),
    });
    const button = await screen.findByRole('button', { name: 'Add to calendar (.ics)' });
    await userEvent.click(button);
    expect(await screen.findByText('Could not get the calendar file. Please try again.')).toBeTruthy();
    expect(calls.filter((call) => call.url === `/api/meetings/${MEETING_ID}/ics`)).toHaveLength(1);
    answer = 200;
    URL.createObjectURL = () => 'blob:meeting';
    URL.revokeObjectURL = () => undefined;
    await userEvent.click(button);
    await waitFor(() => expect(screen.queryByText('Could not get the calendar file. Please try again.')).toBeNull());
    expect(calls.filter((call) => call.url === `/api/meetings/${MEETING_ID}/ics`)).toHaveLength(2);
  });

  it('should link to the minutes of the meeting', async () => {
    renderWithApp(<MeetingPage />, {
      route: ROUTE,
      path: PATH,
      handler: serve({ meeting: makeMeeting(), agenda: makeAgenda([['Opening']]) }),
    });
    const link = await screen.findByRole('link', { name: 'Open the minutes of this meeting' });
    expect(link.getAttribute('href')).toBe(`${PATH}/minutes`);
  });

  it("should show an agenda item's linked records only once asked, to a member too, without fetching them before", async () => {
    const agenda = makeAgenda([['Opening'], ['Papers']]);
    const [, papers] = agenda as [AgendaItem, AgendaItem];
    const base = serve({ meeting: makeMeeting(), agenda, role: 'member' });
    const { calls } = renderWithApp(<MeetingPage />, {
      route: ROUTE,
      path: PATH,
      handler: (call) =>
        call.url === `/api/records/${papers.id}/links`
          ? jsonResponse(200, [
              {
                linkId: 'bbbbbbbb-bbbb-4bbb-8bbb-00000000000b',
                direction: 'incoming',
                type: 'action-item',
                id: 'cccccccc-cccc-4ccc-8ccc-00000000000c',
                committeeId: COMMITTEE_ID,
                title: 'JMG to report on the Lynas residue',
                classification: 'OPEN',
              },
            ])
          : base(call),
    });
    const toggle = await screen.findByRole('button', { name: 'Linked records of item 2' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByTestId('links-panel')).toBeNull();
    expect(calls.some((call) => call.url.includes('/links'))).toBe(false);
    await userEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const panel = await screen.findByTestId('links-panel');
    expect(await within(panel).findByRole('link', { name: /JMG to report on the Lynas residue/ })).toBeTruthy();
    await userEvent.click(toggle);
    expect(screen.queryByTestId('links-panel')).toBeNull();
  });

  it('should send the move the keyboard asked for, and keep the server order until the server answers', async () => {
    const agenda = makeAgenda([['Opening'], ['Minutes'], ['Matters arising']]);
    const [opening] = agenda as [AgendaItem];
    const { calls } = renderWithApp(<MeetingPage />, { route: ROUTE, path: PATH, handler: serve({ meeting: makeMeeting(), agenda }) });
    const handle = await screen.findByRole('button', { name: 'Move item 1: Opening' });
    await pressKeys(handle, ['Space', 'ArrowDown', 'ArrowDown', 'Space']);
    await waitFor(() => expect(calls.filter((call) => call.url.endsWith('/move'))).toHaveLength(1));
    const move = calls.find((call) => call.url.endsWith('/move'));
    expect(move).toMatchObject({
      method: 'POST',
      url: `/api/agenda-items/${opening.id}/move`,
      body: { version: 1, parentId: null, position: 2 },
    });
  });

  it('should retry a stale move once at the stored version, then say so calmly', async () => {
    const agenda = makeAgenda([['Opening'], ['Minutes']]);
    const [opening] = agenda as [AgendaItem];
    const stale = (version: number) => () =>
      jsonResponse(409, { statusCode: 409, message: 'version: stale', current: { ...opening, version } });
    const { calls } = renderWithApp(<MeetingPage />, {
      route: ROUTE,
      path: PATH,
      handler: serve({ meeting: makeMeeting(), agenda, moveAnswers: [stale(3), stale(4)] }),
    });
    await pressKeys(await screen.findByRole('button', { name: 'Move item 1: Opening' }), ['Space', 'ArrowDown', 'Space']);
    expect(await screen.findByTestId('move-failed')).toHaveTextContent('The agenda changed while you were moving this item');
    const moves = calls.filter((call) => call.url.endsWith('/move')).map((call) => (call.body as { version: number }).version);
    expect(moves).toEqual([1, 3]);
    expect(screen.getAllByTestId('agenda-item').map((row) => row.textContent?.includes('Opening'))).toEqual([true, false]);
  });

  it('should mark the current item with aria-current="step" and announce it', async () => {
    const agenda = makeAgenda([['Opening'], ['Papers', ['NdPr pilot', 'Magnet plant']]]);
    const magnet = agenda[3] as AgendaItem;
    const meeting = makeMeeting({ status: 'in_progress', version: 3 });
    const { queryClient } = renderWithApp(<MeetingPage />, {
      route: ROUTE,
      path: PATH,
      handler: serve({ meeting, agenda, role: 'member' }),
    });
    await screen.findAllByTestId('agenda-item');
    expect(screen.getByTestId('live-now')).toHaveTextContent('No item is current yet.');
    act(() => {
      applyEnvelope(queryClient, event('meeting.current-item-changed', { ...meeting, currentAgendaItemId: magnet.id, version: 4 }));
    });
    const current = await screen.findByRole('listitem', { current: 'step' });
    expect(current).toHaveAttribute('data-agenda-id', magnet.id);
    const region = screen.getByTestId('live-now');
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(region).toHaveTextContent('Now on item 2.2: Magnet plant');
    expect(document.querySelectorAll('[aria-current="step"]')).toHaveLength(1);
  });

  it('should announce the move without a title when the reader may not see the current item', async () => {
    const agenda = makeAgenda([['Opening']]);
    const meeting = makeMeeting({ status: 'in_progress', currentAgendaItemId: 'aaaaaaaa-aaaa-4aaa-8aaa-00000000beef' });
    renderWithApp(<MeetingPage />, { route: ROUTE, path: PATH, handler: serve({ meeting, agenda, role: 'member' }) });
    await screen.findAllByTestId('agenda-item');
    expect(screen.getByTestId('live-now')).toHaveTextContent('Now on an item you are not cleared to see');
    expect(document.querySelector('[aria-current="step"]')).toBeNull();
  });

  it('should announce only the number of an item the reader may not see, when the meeting carries it', async () => {
    const meeting = makeMeeting({
      status: 'in_progress',
      currentAgendaItemId: 'aaaaaaaa-aaaa-4aaa-8aaa-00000000beef',
      currentAgendaItemNumber: '3.2',
    });
    renderWithApp(<MeetingPage />, {
      route: ROUTE,
      path: PATH,
      handler: serve({ meeting, agenda: makeAgenda([['Opening']]), role: 'member' }),
    });
    await screen.findAllByTestId('agenda-item');
    expect(screen.getByTestId('live-now')).toHaveTextContent(/^Now on item 3\.2$/);
  });

  it('should follow the current item, stop following on request, and rejoin in one click', async () => {
    const agenda = makeAgenda([['Opening'], ['Minutes'], ['Matters arising']]);
    const [opening, minutes, arising] = agenda as [AgendaItem, AgendaItem, AgendaItem];
    let meeting = makeMeeting({ status: 'in_progress', currentAgendaItemId: opening.id, version: 5 });
    const { queryClient } = renderWithApp(<MeetingPage />, {
      route: ROUTE,
      path: PATH,
      handler: serve({ meeting, agenda, role: 'member' }),
    });
    await screen.findAllByTestId('agenda-item');
    await waitFor(() => expect(scrolled).toEqual(['1']));
    const moveOn = (item: AgendaItem) => {
      meeting = { ...meeting, currentAgendaItemId: item.id, version: meeting.version + 1 };
      act(() => {
        applyEnvelope(queryClient, event('meeting.current-item-changed', meeting));
      });
    };

    moveOn(minutes);
    await waitFor(() => expect(scrolled).toEqual(['1', '2']));

    await userEvent.click(screen.getByRole('button', { name: 'Stop following' }));
    moveOn(arising);
    expect(await screen.findByTestId('live-now')).toHaveTextContent('Now on item 3: Matters arising');
    expect(scrolled).toEqual(['1', '2']);

    await userEvent.click(screen.getByRole('button', { name: 'Follow the meeting' }));
    await waitFor(() => expect(scrolled).toEqual(['1', '2', '3']));
    // The page opens on the current item at once (nothing moves under a first click or key);
    // the chair's later moves glide there.
    expect(behaviours).toEqual(['auto', 'smooth', 'smooth']);
    expect(screen.getByRole('button', { name: 'Stop following' })).toBeInTheDocument();
  });

  it('should offer the chair "Next item" and set the item after the current one', async () => {
    const agenda = makeAgenda([['Opening'], ['Minutes']]);
    const [opening, minutes] = agenda as [AgendaItem, AgendaItem];
    const meeting = makeMeeting({ status: 'in_progress', currentAgendaItemId: opening.id });
    const { calls } = renderWithApp(<MeetingPage />, { route: ROUTE, path: PATH, handler: serve({ meeting, agenda }) });
    await userEvent.click(await screen.findByRole('button', { name: 'Next item' }));
    await waitFor(() =>
      expect(calls).toContainEqual({ method: 'POST', url: `/api/meetings/${MEETING_ID}/current-item`, body: { agendaItemId: minutes.id } }),
    );
  });

  it('should move the chair to the next and previous item with N, P and Alt+arrows, never while typing, and say so on the page', async () => {
    const agenda = makeAgenda([['Opening'], ['Minutes'], ['Papers']]);
    const [opening, minutes, papers] = agenda as [AgendaItem, AgendaItem, AgendaItem];
    const meeting = makeMeeting({ status: 'in_progress', currentAgendaItemId: minutes.id });
    const { calls } = renderWithApp(<MeetingPage />, { route: ROUTE, path: PATH, handler: serve({ meeting, agenda }) });
    const next = await screen.findByRole('button', { name: 'Next item' });
    expect(next).toHaveAttribute('aria-keyshortcuts', 'N Alt+ArrowDown');
    expect(screen.getByRole('button', { name: 'Previous item' })).toHaveAttribute('aria-keyshortcuts', 'P Alt+ArrowUp');
    expect(screen.getByTestId('live-shortcuts')).toHaveTextContent('N or Alt+↓ next item, P or Alt+↑ previous item');
    const posted = () => calls.filter((call) => call.url === `/api/meetings/${MEETING_ID}/current-item`).map((call) => call.body);
    await userEvent.keyboard('n');
    await waitFor(() => expect(posted()).toEqual([{ agendaItemId: papers.id }]));
    await waitFor(() => expect(next).not.toBeDisabled());
    await userEvent.keyboard('p');
    await waitFor(() => expect(posted()).toEqual([{ agendaItemId: papers.id }, { agendaItemId: opening.id }]));
    await waitFor(() => expect(next).not.toBeDisabled());
    await userEvent.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await waitFor(() => expect(posted()).toHaveLength(3));
    expect(posted()[2]).toEqual({ agendaItemId: papers.id });
    // Typing an n in a field is typing, not a shortcut.
    const field = document.createElement('input');
    document.body.append(field);
    await userEvent.type(field, 'np');
    field.remove();
    expect(posted()).toHaveLength(3);
  });

  it('should give a member no shortcuts', async () => {
    const agenda = makeAgenda([['Opening'], ['Minutes']]);
    const meeting = makeMeeting({ status: 'in_progress', currentAgendaItemId: (agenda[0] as AgendaItem).id });
    const { calls } = renderWithApp(<MeetingPage />, { route: ROUTE, path: PATH, handler: serve({ meeting, agenda, role: 'member' }) });
    await screen.findByTestId('live-bar');
    expect(screen.queryByTestId('live-shortcuts')).not.toBeInTheDocument();
    await userEvent.keyboard('n');
    expect(calls.filter((call) => call.method === 'POST')).toEqual([]);
  });

  it('should put an item under another from its edit form, asking the server to move it there', async () => {
    const agenda = makeAgenda([['Opening'], ['Papers', ['NdPr pilot']], ['Magnet plant']]);
    const [, papers, , magnet] = agenda as [AgendaItem, AgendaItem, AgendaItem, AgendaItem];
    const { calls } = renderWithApp(<MeetingPage />, { route: ROUTE, path: PATH, handler: serve({ meeting: makeMeeting(), agenda }) });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit item 3' }));
    await userEvent.selectOptions(screen.getByLabelText('Place'), 'Sub-item of 2 Papers');
    await userEvent.click(screen.getByTestId('save-agenda-item'));
    await waitFor(() =>
      expect(calls).toContainEqual({
        method: 'POST',
        url: `/api/agenda-items/${magnet.id}/move`,
        body: { version: 1, parentId: papers.id, position: 1 },
      }),
    );
    expect(calls.some((call) => call.method === 'PATCH')).toBe(false);
  });

  it('should add a sub-item with presenter and time allocation', async () => {
    const agenda = makeAgenda([['Opening'], ['Papers']]);
    const papers = agenda[1] as AgendaItem;
    const { calls } = renderWithApp(<MeetingPage />, { route: ROUTE, path: PATH, handler: serve({ meeting: makeMeeting(), agenda }) });
    await userEvent.click(await screen.findByTestId('add-agenda-item'));
    await userEvent.type(screen.getByLabelText(/^Title/), 'NdPr solvent-extraction pilot');
    await userEvent.type(screen.getByLabelText('Presenter'), 'MOSTI');
    await userEvent.type(screen.getByLabelText('Time allocation (minutes)'), '15');
    await userEvent.selectOptions(screen.getByLabelText('Place'), 'Sub-item of 2 Papers');
    await userEvent.click(screen.getByTestId('save-agenda-item'));
    await waitFor(() =>
      expect(calls.find((call) => call.method === 'POST')).toEqual({
        method: 'POST',
        url: `/api/meetings/${MEETING_ID}/agenda-items`,
        body: {
          title: 'NdPr solvent-extraction pilot',
          presenter: 'MOSTI',
          durationMinutes: 15,
          classification: 'OPEN',
          parentId: papers.id,
        },
      }),
    );
    await waitFor(() => expect(screen.queryByTestId('save-agenda-item')).not.toBeInTheDocument());
  });

  it('should say the meeting is not there when the server answers 404', async () => {
    renderWithApp(<MeetingPage />, {
      route: ROUTE,
      path: `/c/${COMMITTEE_ID}/meetings/aaaaaaaa-aaaa-4aaa-8aaa-0000000dead0`,
      handler: serve({ meeting: makeMeeting(), agenda: [] }),
    });
    expect(await screen.findByText('This meeting does not exist or you may not see it.')).toBeInTheDocument();
  });

  it('should show the meeting without controls to a member', async () => {
    const agenda = makeAgenda([['Opening']]);
    renderWithApp(<MeetingPage />, { route: ROUTE, path: PATH, handler: serve({ meeting: makeMeeting(), agenda, role: 'member' }) });
    const row = (await screen.findAllByTestId('agenda-item'))[0] as HTMLElement;
    // Only the linked records, which every reader may open, and declaring one's own interest.
    expect(
      within(row)
        .getAllByRole('button')
        .map((button) => button.getAttribute('aria-label')),
    ).toEqual(['Linked records of item 1', 'Declare an interest in item 1']);
    expect(screen.queryByRole('button', { name: 'Start meeting' })).not.toBeInTheDocument();
    expect(screen.getByTestId('meeting-number')).toHaveTextContent('Bil. 3/2026');
  });

  it('should say a draft is seen by the chair and the secretariat only, with no number yet', async () => {
    const agenda = makeAgenda([['Opening']]);
    renderWithApp(<MeetingPage />, {
      route: ROUTE,
      path: PATH,
      handler: serve({ meeting: makeMeeting({ status: 'draft', number: null }), agenda }),
    });
    expect(await screen.findByTestId('draft-notice')).toHaveTextContent('only the chair and the secretariat see it');
    expect(screen.getByTestId('meeting-number')).toHaveTextContent('Draft: numbered when scheduled');
  });

  it('should offer the chair decision capture only once the meeting has started', async () => {
    const agenda = makeAgenda([['Opening']]);
    const { unmount } = renderWithApp(<MeetingPage />, { route: ROUTE, path: PATH, handler: serve({ meeting: makeMeeting(), agenda }) });
    await screen.findAllByTestId('agenda-item');
    expect(screen.queryByRole('textbox', { name: 'Record a decision on item 1' })).not.toBeInTheDocument();
    unmount();
    renderWithApp(<MeetingPage />, {
      route: ROUTE,
      path: PATH,
      handler: serve({ meeting: makeMeeting({ status: 'in_progress' }), agenda }),
    });
    expect(await screen.findByRole('textbox', { name: 'Record a decision on item 1' })).toBeInTheDocument();
  });
});
