import { afterEach, describe, expect, it } from '@jest/globals';
import { act, configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { i18n } from '../../../lib/i18n/i18n.ts';
import { applyEnvelope } from '../../../lib/realtime/cache-apply.ts';
import { CHAIR_ID, COMMITTEE_ID, jsonResponse, memberUser } from '../../../test/fixtures.ts';
import { renderWithApp } from '../../../test/render.tsx';
import { apiTable, makeMilestone, makeProject, page } from '../test-fixtures.ts';
import { RndListPage } from './rnd-list.tsx';
import { RndDetailPage } from './rnd-pages.tsx';

// Pages that load several queries: allow for a loaded machine.
configure({ asyncUtilTimeout: 5_000 });

const LIST = `/api/committees/${COMMITTEE_ID}/rnd-projects`;

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe(RndListPage.name, () => {
  const pilot = makeProject({ title: 'NdPr solvent-extraction pilot', trlNow: 4, trlTarget: 6 });
  const magnets = makeProject({
    title: 'Low-Dy sintered NdFeB magnet',
    valueChainStage: 'magnets',
    trlNow: 4,
    trlTarget: 6,
    slipping: true,
  });

  function renderList(path = `/c/${COMMITTEE_ID}/registers/rnd`) {
    return renderWithApp(<RndListPage />, {
      path,
      route: '/c/:committeeId/registers/rnd',
      handler: apiTable({ [`GET ${LIST}`]: page([pilot, magnets]) }),
    });
  }

  it('should show TRL now and target, the value-chain stage and the slipping flag', async () => {
    renderList();
    const rows = await screen.findAllByTestId('rnd-row');
    const first = within(rows[0] as HTMLElement);
    expect(first.getByRole('img', { name: 'Technology readiness level 4, target 6' })).toBeInTheDocument();
    expect(await first.findByText(/Cracking and solvent-extraction separation/)).toBeInTheDocument();
    expect(first.queryByTestId('slipping')).not.toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByTestId('slipping')).toHaveTextContent('Slipping');
  });

  it('should keep only slipping projects when asked', async () => {
    renderList();
    await screen.findAllByTestId('rnd-row');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Slipping only' }));
    await waitFor(() => expect(screen.getAllByTestId('rnd-row').map((row) => row.dataset.id)).toEqual([magnets.id]));
  });

  it('should name the stages in Bahasa Malaysia', async () => {
    await i18n.changeLanguage('ms');
    renderList();
    const rows = await screen.findAllByTestId('rnd-row');
    expect(await within(rows[0] as HTMLElement).findByText(/Pemisahan pengekstrakan pelarut/)).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByTestId('slipping')).toHaveTextContent('Tergelincir');
  });
});

describe(RndDetailPage.name, () => {
  it('should show milestones with planned and actual dates, late and overdue, and withheld funding', async () => {
    const project = makeProject({
      slipping: true,
      lateMilestones: 1,
      overdueMilestones: 1,
      fundingRm: undefined,
      fieldClassifications: { fundingRm: 'SECRET' },
      redactedFields: ['fundingRm'],
    });
    const late = makeMilestone(project.id, {
      title: 'Bench purity',
      plannedOn: '2025-10-31',
      actualOn: '2025-12-15',
      status: 'done',
      late: true,
    });
    const overdue = makeMilestone(project.id, { title: 'Pilot commissioning', plannedOn: '2026-01-31', overdue: true });
    renderWithApp(<RndDetailPage />, {
      path: `/c/${COMMITTEE_ID}/registers/rnd/${project.id}`,
      route: '/c/:committeeId/registers/rnd/:id',
      handler: apiTable(
        { [`GET /api/rnd-projects/${project.id}`]: project, [`GET /api/rnd-projects/${project.id}/milestones`]: [late, overdue] },
        memberUser,
        'member',
      ),
    });
    expect(await screen.findByRole('heading', { level: 1, name: project.title })).toBeInTheDocument();
    expect(screen.getByText('Slipping: 1 milestone(s) achieved late, 1 overdue.')).toBeInTheDocument();
    expect(screen.getByText('Withheld — above your clearance')).toBeInTheDocument();
    const rows = await screen.findAllByTestId('milestone-row');
    expect(within(rows[0] as HTMLElement).getByText('Late')).toBeInTheDocument();
    expect(within(rows[0] as HTMLElement).getByText(/Planned: .*Actual: /)).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByText('Overdue')).toBeInTheDocument();
    expect(screen.queryByTestId('add-milestone')).not.toBeInTheDocument();
  });

  it('should add a milestone and edit one', async () => {
    const project = makeProject();
    const existing = makeMilestone(project.id);
    const added = makeMilestone(project.id, { title: 'Pilot line at 10 kg/day', plannedOn: '2026-09-30', status: 'planned' });
    const { calls } = renderWithApp(<RndDetailPage />, {
      path: `/c/${COMMITTEE_ID}/registers/rnd/${project.id}`,
      route: '/c/:committeeId/registers/rnd/:id',
      handler: apiTable({
        [`GET /api/rnd-projects/${project.id}`]: project,
        [`GET /api/rnd-projects/${project.id}/milestones`]: [existing],
        [`POST /api/rnd-projects/${project.id}/milestones`]: added,
        [`PATCH /api/rnd-milestones/${existing.id}`]: { ...existing, status: 'done', actualOn: '2026-02-02', version: 2 },
      }),
    });
    await screen.findAllByTestId('milestone-row');
    await userEvent.click(screen.getByTestId('add-milestone'));
    await userEvent.click(screen.getByTestId('save-milestone'));
    expect(screen.getByText('Required')).toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox', { name: /^Milestone/ }), 'Pilot line at 10 kg/day');
    await userEvent.type(screen.getByLabelText('Planned'), '2026-09-30');
    await userEvent.click(screen.getByTestId('save-milestone'));
    await waitFor(() => expect(screen.getAllByTestId('milestone-row')).toHaveLength(2));
    expect(calls.find((call) => call.method === 'POST')?.body).toMatchObject({ title: 'Pilot line at 10 kg/day', plannedOn: '2026-09-30' });

    await userEvent.click(screen.getByRole('button', { name: `Edit milestone ${existing.title}` }));
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'done');
    await userEvent.click(screen.getByTestId('save-milestone'));
    await waitFor(() => expect(calls.find((call) => call.method === 'PATCH')?.body).toMatchObject({ version: 1, status: 'done' }));
  });

  it("should follow the project's slippage when a milestone changes live", async () => {
    const project = makeProject({ slipping: false });
    let slipping = false;
    const overdue = makeMilestone(project.id, { title: 'Atom Malaysia licence', plannedOn: '2026-01-01', overdue: true });
    const { queryClient } = renderWithApp(<RndDetailPage />, {
      path: `/c/${COMMITTEE_ID}/registers/rnd/${project.id}`,
      route: '/c/:committeeId/registers/rnd/:id',
      handler: apiTable({
        [`GET /api/rnd-projects/${project.id}`]: () =>
          jsonResponse(200, slipping ? { ...project, slipping, overdueMilestones: 1, version: 1 } : project),
        [`GET /api/rnd-projects/${project.id}/milestones`]: [],
      }),
    });
    expect(await screen.findByText('No milestones yet.')).toBeInTheDocument();
    expect(screen.queryByTestId('slipping')).not.toBeInTheDocument();
    slipping = true;
    act(() => {
      applyEnvelope(queryClient, {
        seq: 9,
        committeeId: COMMITTEE_ID,
        type: 'rnd-milestone.created',
        entityId: overdue.id,
        version: 1,
        actorId: CHAIR_ID,
        at: '2026-03-12T01:00:00.000Z',
        data: overdue,
      });
    });
    expect(await screen.findByTestId('milestone-row')).toHaveTextContent('Overdue');
    expect(await screen.findByTestId('slipping')).toBeInTheDocument();
  });
});
