import { describe, expect, it, jest } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { ApiRequestError } from '../../../lib/api/api-client.ts';
import { COMMITTEE_ID, jsonResponse, makeActionItem } from '../../../test/fixtures.ts';
import { renderWithApp } from '../../../test/render.tsx';
import { CommitteeHomePage, CommitteeHomeView, countActionItems } from './committee-home.tsx';
import { isNoAccess } from './no-access.tsx';

// A Sunday: "this week" runs to Saturday 2025-06-21 inclusive.
const TODAY = '2025-06-15';

const items = [
  makeActionItem({ title: 'Late, open', status: 'open', dueDate: '2025-06-01' }),
  makeActionItem({ title: 'Late, blocked', status: 'blocked', dueDate: '2025-06-14' }),
  makeActionItem({ title: 'Late but done', status: 'done', dueDate: '2025-06-01' }),
  makeActionItem({ title: 'Late but cancelled', status: 'cancelled', dueDate: '2025-05-01' }),
  makeActionItem({ title: 'Due today', status: 'in_progress', dueDate: '2025-06-15' }),
  makeActionItem({ title: 'Due in six days', status: 'open', dueDate: '2025-06-21' }),
  makeActionItem({ title: 'Due in seven days', status: 'open', dueDate: '2025-06-22' }),
  makeActionItem({ title: 'Done this week', status: 'done', dueDate: '2025-06-16' }),
  makeActionItem({ title: 'No date', status: 'open', dueDate: null }),
];

describe(countActionItems.name, () => {
  it('should count open, overdue and due this week against the given today', () => {
    const counts = countActionItems(items, TODAY);
    expect(counts.open).toBe(6);
    expect(counts.overdue.map((item) => item.title)).toEqual(['Late, open', 'Late, blocked']);
    expect(counts.dueThisWeek).toBe(2);
  });

  it('should move with today: tomorrow, what was due today is overdue', () => {
    const counts = countActionItems(items, '2025-06-16');
    expect(counts.overdue.map((item) => item.title)).toEqual(['Late, open', 'Late, blocked', 'Due today']);
    expect(counts.dueThisWeek).toBe(2);
  });

  it('should count nothing in an empty committee', () => {
    expect(countActionItems([], TODAY)).toEqual({ open: 0, overdue: [], dueThisWeek: 0 });
  });
});

describe(CommitteeHomeView.name, () => {
  function renderHome(props: Partial<Parameters<typeof CommitteeHomeView>[0]> = {}) {
    return renderWithApp(
      <CommitteeHomeView
        committeeId={COMMITTEE_ID}
        title="JTK-REE"
        items={items}
        state="success"
        onRetry={jest.fn()}
        today={TODAY}
        {...props}
      />,
    );
  }

  it('should show the counts as links to the matching filtered lists', () => {
    renderHome();
    const base = `/c/${COMMITTEE_ID}/actions`;
    expect(within(screen.getByTestId('count-open')).getByText('6')).toBeInTheDocument();
    expect(within(screen.getByTestId('count-overdue')).getByText('2')).toBeInTheDocument();
    expect(within(screen.getByTestId('count-due-week')).getByText('2')).toBeInTheDocument();
    expect(screen.getByTestId('count-overdue')).toHaveAttribute('href', `${base}?overdue=true`);
    expect(screen.getByTestId('count-due-week')).toHaveAttribute('href', `${base}?due=week`);
    expect(screen.getAllByTestId('overdue-item').map((li) => within(li).getByRole('link').textContent)).toEqual([
      'Late, open',
      'Late, blocked',
    ]);
  });

  it('should show dashes while loading, and praise when nothing is overdue', () => {
    const { unmount } = renderHome({ items: undefined, state: 'pending' });
    expect(within(screen.getByTestId('count-open')).getByText('–')).toBeInTheDocument();
    unmount();
    renderHome({ items: [makeActionItem({ dueDate: '2025-07-01' })] });
    expect(screen.getByText('No overdue actions. Well done.')).toBeInTheDocument();
  });
});

describe('a committee out of reach', () => {
  it('should say it does not exist or is not yours, with no retry that cannot succeed', () => {
    renderWithApp(
      <CommitteeHomeView
        committeeId={COMMITTEE_ID}
        title=""
        items={undefined}
        state="error"
        onRetry={() => undefined}
        today={TODAY}
        noAccess
      />,
    );
    expect(screen.getByTestId('committee-no-access')).toHaveTextContent('does not exist, or you are not a member of it');
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Go to my committees' })).toHaveAttribute('href', '/');
  });

  it("should show the notice, not a retry, when the server says the committee is not the user's", async () => {
    renderWithApp(<CommitteeHomePage />, {
      path: `/c/${COMMITTEE_ID}`,
      route: '/c/:committeeId',
      handler: () => jsonResponse(404, { statusCode: 404, message: 'Committee not found' }),
    });
    expect(await screen.findByTestId('committee-no-access')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('should tell a missing or forbidden committee from a failure worth retrying', () => {
    const error = (status: number) =>
      new ApiRequestError(status, { statusCode: status, code: status === 404 ? 'not_found' : 'forbidden', message: 'x' });
    expect(isNoAccess(error(404))).toBe(true);
    expect(isNoAccess(null, error(403))).toBe(true);
    expect(isNoAccess(error(500), null)).toBe(false);
  });
});
