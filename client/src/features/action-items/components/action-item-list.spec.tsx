import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { onlineManager, QueryClient } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { queryKeys } from '../../../lib/query-keys.ts';
import { COMMITTEE_ID, committee, jsonResponse, makeActionItem } from '../../../test/fixtures.ts';
import { renderWithApp } from '../../../test/render.tsx';
import type { ListParams } from '../hooks/list-params.ts';
import { ActionItemList, type ActionItemListProps } from './action-item-list.tsx';
import { ActionItemsPage } from './action-items-page.tsx';

const TODAY = '2025-06-15';
const noFilters: ListParams = { filters: {}, dueThisWeek: false, sort: 'due' };

function renderList(props: Partial<ActionItemListProps> = {}) {
  const onParamsChange = jest.fn<(params: ListParams) => void>();
  const onRetry = jest.fn();
  const view = renderWithApp(
    <ActionItemList
      committeeId={COMMITTEE_ID}
      items={[]}
      state="success"
      onRetry={onRetry}
      params={noFilters}
      onParamsChange={onParamsChange}
      agencies={['JMG', 'NRES']}
      canCreate={false}
      today={TODAY}
      {...props}
    />,
  );
  return { ...view, onParamsChange, onRetry };
}

describe(ActionItemList.name, () => {
  it('should render one row per action item with its status, priority, agencies and classification', async () => {
    const a = makeActionItem({
      title: 'Draft the NdFeB magnet plant MoU',
      status: 'in_progress',
      priority: 'high',
      ownerAgencies: ['MIDA', 'MITI'],
      classification: 'CONFIDENTIAL',
      dueDate: '2025-06-30',
    });
    const b = makeActionItem({ title: 'Brief on the export moratorium', classification: 'OPEN', dueDate: null });
    renderList({ items: [a, b] });
    const rows = await screen.findAllByTestId('action-item-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveAttribute('data-id', a.id);
    const first = within(rows[0] as HTMLElement);
    expect(first.getByRole('link', { name: a.title })).toHaveAttribute('href', `/c/${COMMITTEE_ID}/actions/${a.id}`);
    expect(first.getByText('In progress')).toBeInTheDocument();
    expect(first.getByText('High')).toBeInTheDocument();
    expect(first.getByText('MIDA, MITI')).toBeInTheDocument();
    expect(first.getByText('Confidential')).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByText('No due date')).toBeInTheDocument();
  });

  it('should mark an overdue item in words, not only by colour, and not a closed one', async () => {
    const late = makeActionItem({ title: 'Late', dueDate: '2025-06-01', status: 'open' });
    const doneLate = makeActionItem({ title: 'Done late', dueDate: '2025-06-01', status: 'done' });
    const future = makeActionItem({ title: 'Future', dueDate: '2025-07-01' });
    renderList({ items: [late, doneLate, future] });
    const rows = await screen.findAllByTestId('action-item-row');
    expect(within(rows[0] as HTMLElement).getByText('Overdue')).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).queryByText('Overdue')).not.toBeInTheDocument();
    expect(within(rows[2] as HTMLElement).queryByText('Overdue')).not.toBeInTheDocument();
  });

  it('should show an empty state when nothing matches', async () => {
    renderList({ items: [] });
    expect(await screen.findByTestId('action-items-empty')).toHaveTextContent('No actions match.');
    expect(screen.queryByTestId('action-item-row')).not.toBeInTheDocument();
  });

  it('should show an error with a retry button', async () => {
    const { onRetry } = renderList({ items: undefined, state: 'error' });
    await userEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('should report filter changes: status added, mine, agency', async () => {
    const user = userEvent.setup();
    const { onParamsChange } = renderList({ params: { ...noFilters, filters: { status: ['open'] } } });
    await user.click(screen.getByTestId('filters-toggle'));
    await user.click(await screen.findByRole('checkbox', { name: 'Blocked' }));
    expect(onParamsChange).toHaveBeenLastCalledWith({ ...noFilters, filters: { status: ['open', 'blocked'] } });
    await user.click(screen.getByRole('checkbox', { name: 'Mine only' }));
    expect(onParamsChange).toHaveBeenLastCalledWith({ ...noFilters, filters: { status: ['open'], owner: 'me' } });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Agency' }), 'NRES');
    expect(onParamsChange).toHaveBeenLastCalledWith({ ...noFilters, filters: { status: ['open'], agency: 'NRES' } });
  });

  it('should offer the New button only when permitted', async () => {
    renderList({ canCreate: true });
    expect(await screen.findByTestId('new-action-item')).toHaveAttribute('href', `/c/${COMMITTEE_ID}/actions/new`);
  });
});

describe(`${ActionItemList.name} filter panel`, () => {
  const originalMatchMedia = window.matchMedia;
  afterEach(() => {
    window.matchMedia = originalMatchMedia;
  });
  function screenWidth(px: number) {
    // jsdom has no layout: answer max-width queries as a browser of that width would.
    window.matchMedia = ((query: string) => {
      const max = /max-width:\s*([\d.]+)px/.exec(query);
      return { matches: max ? px <= Number(max[1]) : false, media: query } as MediaQueryList;
    }) as typeof window.matchMedia;
  }

  it('should start collapsed on a phone, say how many filters are active, and expand on demand', async () => {
    screenWidth(360);
    const user = userEvent.setup();
    renderList({ params: { ...noFilters, filters: { status: ['open', 'blocked'], owner: 'me' } } });
    const toggle = screen.getByRole('button', { name: /Filters.*3 active/ });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('checkbox', { name: 'Mine only' })).not.toBeInTheDocument();
    // Clearing stays at hand while collapsed.
    expect(screen.getByRole('button', { name: 'Clear filters' })).toBeVisible();

    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('checkbox', { name: 'Mine only' })).toBeChecked();
    const panel = document.getElementById(toggle.getAttribute('aria-controls') ?? '');
    expect(panel).not.toBeNull();
    expect(panel).toBeVisible();

    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(panel).not.toBeVisible();
  });

  it('should start collapsed on a desktop too, as one bar with no count when nothing is filtered', () => {
    screenWidth(1280);
    renderList();
    const toggle = screen.getByRole('button', { name: 'Filters' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByTestId('filters-count')).not.toBeInTheDocument();
    expect(screen.queryByTestId('filter-chips')).not.toBeInTheDocument();
    // Sorting stays in the bar.
    expect(screen.getByRole('combobox', { name: 'Sort by' })).toBeVisible();
  });

  it('should show each active filter as a chip that removes it', async () => {
    screenWidth(1280);
    const user = userEvent.setup();
    const params: ListParams = { ...noFilters, filters: { status: ['blocked'], agency: 'jmg', overdue: true } };
    const { onParamsChange } = renderList({ params });
    const chips = within(screen.getByRole('list', { name: 'Active filters' })).getAllByRole('button');
    expect(chips.map((chip) => chip.textContent?.replace('×', '').trim())).toEqual(['Status: Blocked', 'Agency: jmg', 'Overdue']);
    await user.click(screen.getByRole('button', { name: 'Remove filter: Agency: jmg' }));
    expect(onParamsChange).toHaveBeenLastCalledWith({ ...noFilters, filters: { status: ['blocked'], overdue: true } });
    // The agency option is the same agency whatever the URL's case.
    await user.click(screen.getByTestId('filters-toggle'));
    expect(screen.getByRole('combobox', { name: 'Agency' })).toHaveValue('JMG');
  });
});

describe(ActionItemsPage.name, () => {
  it('should load with the URL filters, and put a changed filter into the URL and the request', async () => {
    const blocked = makeActionItem({ title: 'Blocked on licence', status: 'blocked', ownerAgencies: ['AELB'], dueDate: '2099-01-01' });
    const { calls, location } = renderWithApp(<ActionItemsPage />, {
      path: `/c/${COMMITTEE_ID}/actions?status=blocked`,
      route: '/c/:committeeId/actions',
      handler: ({ url }) => {
        if (url === `/api/committees/${COMMITTEE_ID}`) return jsonResponse(200, committee);
        if (url.startsWith(`/api/committees/${COMMITTEE_ID}/action-items`)) return jsonResponse(200, [blocked]);
        return jsonResponse(404, { statusCode: 404, message: 'Not found' });
      },
    });
    expect(await screen.findAllByTestId('action-item-row')).toHaveLength(1);
    expect(calls.map((c) => c.url)).toContain(`/api/committees/${COMMITTEE_ID}/action-items?status=blocked`);
    expect(screen.getByTestId('new-action-item')).toBeInTheDocument();

    await userEvent.click(screen.getByTestId('filters-toggle'));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Overdue only' }));
    await waitFor(() => expect(location.current.search).toBe('?status=blocked&overdue=true'));
    await waitFor(() =>
      expect(calls.map((c) => c.url)).toContain(`/api/committees/${COMMITTEE_ID}/action-items?status=blocked&overdue=true`),
    );
  });

  it('should keep showing a cached list when the network is down, not an error', async () => {
    const cached = makeActionItem({ title: 'Read on the train', dueDate: '2099-01-01' });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    // As restored from the device: old enough to be refetched on mount.
    queryClient.setQueryData(queryKeys.actionItemList(COMMITTEE_ID, {}), [cached], { updatedAt: 1 });
    queryClient.setQueryData(queryKeys.committee(COMMITTEE_ID), committee, { updatedAt: 1 });
    const { calls } = renderWithApp(<ActionItemsPage />, {
      path: `/c/${COMMITTEE_ID}/actions`,
      route: '/c/:committeeId/actions',
      queryClient,
      handler: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    await waitFor(() => expect(calls.length).toBeGreaterThan(0));
    await waitFor(() => expect(queryClient.getQueryState(queryKeys.actionItemList(COMMITTEE_ID, {}))?.status).toBe('error'));
    expect(screen.getByRole('link', { name: 'Read on the train' })).toBeInTheDocument();
    expect(screen.queryByText('Could not load actions.')).not.toBeInTheDocument();
  });

  it('should say so when offline and the list was never opened here', async () => {
    onlineManager.setOnline(false);
    try {
      renderWithApp(<ActionItemsPage />, { path: `/c/${COMMITTEE_ID}/actions`, route: '/c/:committeeId/actions' });
      expect(await screen.findByTestId('offline-not-cached')).toHaveTextContent('You are offline');
    } finally {
      onlineManager.setOnline(true);
    }
  });
});
