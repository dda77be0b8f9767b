import { describe, expect, it, jest } from '@jest/globals';
import type { CommitteeHome } from '@sidang/shared';
import { fireEvent, screen, within } from '@testing-library/react';
import { i18n } from '../../../lib/i18n/i18n.ts';
import { COMMITTEE_ID, committee, jsonResponse, uuid } from '../../../test/fixtures.ts';
import { renderWithApp } from '../../../test/render.tsx';
import { HomePage, HomeView, type HomeViewProps } from './home-page.tsx';
// The home loads the invitation answer lazily: linked here once so every test's import finds it.
import '../../meetings/index.ts';

const MEETING_ID = uuid();
const NEXT_ID = uuid();
const ITEM_ID = uuid();
const PAPER_ID = uuid();

function aHome(overrides: Partial<CommitteeHome> = {}): CommitteeHome {
  return {
    committeeId: COMMITTEE_ID,
    today: '2026-06-15',
    myActions: [
      {
        id: uuid(),
        committeeId: COMMITTEE_ID,
        title: 'Late report',
        status: 'open',
        dueDate: '2026-06-01',
        classification: 'OPEN',
        overdue: true,
      },
      {
        id: uuid(),
        committeeId: COMMITTEE_ID,
        title: 'Soon brief',
        status: 'in_progress',
        dueDate: '2026-06-18',
        classification: 'OPEN',
        overdue: false,
      },
    ],
    inProgress: {
      id: MEETING_ID,
      committeeId: COMMITTEE_ID,
      title: 'Mesyuarat JTK',
      number: 'Bil. 3/2026',
      startsAt: '2026-06-15T09:30:00+08:00',
      endsAt: null,
      venue: 'Bilik 1',
      onlineUrl: null,
      status: 'in_progress',
      classification: 'OPEN',
      papers: [],
      rsvp: null,
      unreadPapers: [],
    },
    nextMeeting: {
      id: NEXT_ID,
      committeeId: COMMITTEE_ID,
      title: 'Mesyuarat seterusnya',
      number: 'Bil. 4/2026',
      startsAt: '2026-07-01T09:30:00+08:00',
      endsAt: null,
      venue: '',
      onlineUrl: null,
      status: 'scheduled',
      classification: 'OPEN',
      papers: [
        { id: PAPER_ID, title: 'Kertas 1', classification: 'RESTRICTED' },
        { id: uuid(), title: 'Kertas dibaca', classification: 'OPEN' },
      ],
      rsvp: null,
      unreadPapers: [{ id: PAPER_ID, number: 'Kertas Bil. 3/2026', title: 'Kertas 1', classification: 'RESTRICTED' }],
    },
    minutesToReview: [
      {
        id: uuid(),
        committeeId: COMMITTEE_ID,
        meetingId: MEETING_ID,
        meetingTitle: 'Mesyuarat JTK',
        meetingNumber: 'Bil. 2/2026',
        commentDeadline: null,
      },
    ],
    sinceLastVisit: {
      since: '2026-06-14T01:00:00.000Z',
      changes: [
        {
          seq: 9,
          at: '2026-06-15T01:00:00.000Z',
          committeeId: COMMITTEE_ID,
          entityType: 'action-item',
          entityId: ITEM_ID,
          parentId: null,
          verb: 'updated',
          actorName: 'Pengerusi',
          title: 'Late report',
          changes: [{ field: 'status', before: 'open', after: 'blocked' }],
        },
      ],
    },
    overview: {
      overdueByAgency: [{ agency: 'JMG', count: 3 }],
      negotiationsByStatus: [
        { status: 'preparing', count: 0 },
        { status: 'in_progress', count: 2 },
        { status: 'suspended', count: 0 },
        { status: 'concluded', count: 0 },
        { status: 'abandoned', count: 0 },
      ],
      milestonesSlipping: [],
    },
    ...overrides,
  };
}

function renderView(props: Partial<HomeViewProps> = {}) {
  const onTab = jest.fn<HomeViewProps['onTab']>();
  const view = renderWithApp(
    <HomeView
      committeeId={COMMITTEE_ID}
      title="JTK-REE"
      memberRole="member"
      home={aHome()}
      state="success"
      onRetry={jest.fn()}
      tab="me"
      onTab={onTab}
      {...props}
    />,
  );
  return { ...view, onTab };
}

describe(HomeView.name, () => {
  it('should show my actions overdue first, the meeting to join, the next meeting with its papers, minutes and changes', async () => {
    renderView();
    const actions = screen.getAllByTestId('home-action');
    expect(actions.map((row) => row.getAttribute('data-overdue'))).toEqual(['true', 'false']);
    expect(within(actions[0] as HTMLElement).getByRole('link', { name: 'Late report' })).toHaveAttribute(
      'href',
      expect.stringContaining(`/c/${COMMITTEE_ID}/actions/`),
    );
    expect(screen.getByTestId('home-join-live')).toHaveAttribute('href', `/c/${COMMITTEE_ID}/meetings/${MEETING_ID}`);
    expect(within(screen.getByTestId('home-next-meeting')).getByText(/Bil\. 4\/2026/)).toBeInTheDocument();
    expect(screen.getByTestId('home-papers-summary')).toHaveTextContent('2 papers · 1 not opened');
    expect(within(screen.getByTestId('home-minutes')).getByRole('link')).toHaveAttribute(
      'href',
      `/c/${COMMITTEE_ID}/meetings/${MEETING_ID}/minutes`,
    );
    const change = await screen.findByTestId('home-change');
    expect(change).toHaveTextContent(/^Pengerusi changed the action “Late report” · Status: Not started → Blocked/);
    expect(within(change).getByRole('link')).toHaveAttribute('href', `/c/${COMMITTEE_ID}/actions/${ITEM_ID}`);
    // A member has no committee-wide tab.
    expect(screen.queryByRole('tablist')).toBeNull();
  });

  it("should list the next meeting's papers I have not opened, each opening the reader, and say when all are read, in both languages", async () => {
    const { unmount } = renderView();
    const rows = screen.getAllByTestId('home-paper');
    expect(rows).toHaveLength(1); // the paper already read is not listed
    expect(within(rows[0] as HTMLElement).getByRole('link', { name: 'Kertas Bil. 3/2026 · Kertas 1' })).toHaveAttribute(
      'href',
      `/c/${COMMITTEE_ID}/meetings/${NEXT_ID}/papers/${PAPER_ID}`,
    );
    unmount();
    const home = aHome();
    const allRead = aHome({ nextMeeting: home.nextMeeting ? { ...home.nextMeeting, unreadPapers: [] } : null });
    const again = renderView({ home: allRead });
    expect(screen.queryByTestId('home-paper')).toBeNull();
    expect(screen.getByTestId('home-papers-summary')).toHaveTextContent('2 papers · All papers read');
    again.unmount();
    await i18n.changeLanguage('ms');
    try {
      renderView({ home: allRead });
      expect(screen.getByTestId('home-papers-summary')).toHaveTextContent('2 kertas · Semua kertas telah dibaca');
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('should keep the sections in place with skeleton rows while loading, and say when each is empty', () => {
    const { unmount } = renderView({ home: undefined, state: 'pending' });
    for (const id of ['actions', 'next-meeting', 'minutes', 'since']) {
      expect(screen.getByTestId(`home-section-${id}`)).toHaveAttribute('aria-busy', 'true');
    }
    unmount();
    renderView({
      home: aHome({
        myActions: [],
        inProgress: null,
        nextMeeting: null,
        minutesToReview: [],
        sinceLastVisit: { since: null, changes: [] },
      }),
    });
    expect(screen.getByText('Nothing of yours is overdue or due this week.')).toBeInTheDocument();
    expect(screen.getByText('No meeting scheduled.')).toBeInTheDocument();
    expect(screen.getByText('No minutes are circulated for comment.')).toBeInTheDocument();
    expect(screen.getByText('Recent changes to your records')).toBeInTheDocument();
    expect(screen.queryByTestId('home-in-progress')).toBeNull();
  });

  it('should offer a retry on a failure, and no retry for a committee out of reach', () => {
    const onRetry = jest.fn();
    const { unmount } = renderView({ home: undefined, state: 'error', onRetry });
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalled();
    unmount();
    renderView({ home: undefined, state: 'error', noAccess: true });
    expect(screen.getByTestId('committee-no-access')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('should give the chair a Committee tab, reachable with the arrow keys', () => {
    const { onTab } = renderView({ memberRole: 'chair' });
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((tab) => tab.textContent)).toEqual(['For me', 'Committee']);
    expect(tabs[0]).toHaveAttribute('aria-selected', 'true');
    fireEvent.keyDown(tabs[0] as HTMLElement, { key: 'ArrowRight' });
    expect(onTab).toHaveBeenCalledWith('committee');
  });

  it('should show each committee figure with a table of the same numbers, each linking to its filtered list', () => {
    renderView({ memberRole: 'secretariat', tab: 'committee' });
    const overdue = screen.getByTestId('figure-overdue');
    expect(within(overdue).getByRole('img')).toHaveAttribute('aria-label', 'Overdue actions by agency: JMG 3.');
    expect(within(overdue).getByRole('link', { name: 'JMG' })).toHaveAttribute(
      'href',
      `/c/${COMMITTEE_ID}/actions?overdue=true&agency=JMG`,
    );
    const negotiations = screen.getByTestId('figure-negotiations');
    expect(within(negotiations).getByRole('link', { name: 'In progress' })).toHaveAttribute(
      'href',
      `/c/${COMMITTEE_ID}/registers/negotiations?status=in_progress`,
    );
    expect(within(screen.getByTestId('figure-slipping')).getByText('No R&D milestone is slipping.')).toBeInTheDocument();
  });

  it("should list the caller's other committees with what waits in each, and not this one", () => {
    const here = aHome();
    const other = {
      ...aHome({ committeeId: uuid(), minutesToReview: [], inProgress: null }),
      code: 'KK-RND',
      name: 'R&D group',
      nameMs: 'Kumpulan R&D',
    };
    const quiet = {
      ...aHome({ committeeId: uuid(), myActions: [], minutesToReview: [], inProgress: null, sinceLastVisit: { since: null, changes: [] } }),
      code: 'KK-X',
      name: 'Quiet group',
      nameMs: 'Kumpulan senyap',
    };
    renderView({ acrossCommittees: { committees: [{ ...here, code: 'JTK', name: 'Main', nameMs: 'Utama' }, other, quiet] } });
    const rows = screen.getAllByTestId('home-other');
    expect(rows.map((row) => row.textContent)).toEqual([
      'KK-RND · R&D group1 overdue · 1 due soon · 1 change',
      'KK-X · Quiet groupnothing waiting',
    ]);
    expect(within(rows[0] as HTMLElement).getByRole('link')).toHaveAttribute('href', `/c/${other.committeeId}`);
  });

  it('should say by which day comments close, and mark a deadline already past in words', async () => {
    const row = aHome().minutesToReview[0];
    if (!row) throw new Error('fixture has minutes');
    const minutesToReview = [
      { ...row, commentDeadline: '2099-12-14T15:59:59.000Z' },
      { ...row, id: uuid(), commentDeadline: '2020-12-14T15:59:59.000Z' },
    ];
    const english = renderView({ home: aHome({ minutesToReview }) });
    const [open, closed] = screen.getAllByTestId('comment-deadline');
    expect(open).toHaveTextContent('Comments by 14 Dec');
    expect(open).toHaveAttribute('data-overdue', 'false');
    expect(closed).toHaveTextContent('Comments closed 14 Dec');
    expect(closed).toHaveAttribute('data-overdue', 'true');
    english.unmount();
    await i18n.changeLanguage('ms');
    try {
      renderView({ home: aHome({ minutesToReview }) });
      expect(screen.getAllByTestId('comment-deadline')[0]).toHaveTextContent('Ulasan sebelum 14 Dis');
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('should speak Malay', async () => {
    await i18n.changeLanguage('ms');
    try {
      renderView();
      expect(screen.getByText('Tindakan saya')).toBeInTheDocument();
      expect(screen.getByText('Sertai secara langsung')).toBeInTheDocument();
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});

describe(HomePage.name, () => {
  it("should read the caller's home from the server and show the committee out of reach without a retry", async () => {
    const { calls } = renderWithApp(<HomePage />, {
      path: `/c/${COMMITTEE_ID}`,
      route: '/c/:committeeId',
      handler: (call) =>
        call.url.endsWith('/home') ? jsonResponse(404, { statusCode: 404, message: 'Committee not found' }) : jsonResponse(200, committee),
    });
    expect(await screen.findByTestId('committee-no-access')).toBeInTheDocument();
    expect(calls.some((call) => call.url.endsWith(`/api/committees/${COMMITTEE_ID}/home`))).toBe(true);
  });

  it('should show the home once it arrives', async () => {
    renderWithApp(<HomePage />, {
      path: `/c/${COMMITTEE_ID}`,
      route: '/c/:committeeId',
      handler: (call) => jsonResponse(200, call.url.endsWith('/home') ? aHome() : committee),
    });
    expect(await screen.findByText('Late report')).toBeInTheDocument();
  });
});
