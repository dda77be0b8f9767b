import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Link } from 'react-router';
import { authStore } from '../../lib/auth/auth-store.ts';
import { COMMITTEE_ID, chairUser, committee, jsonResponse } from '../../test/fixtures.ts';
import { notFound, type RecordedCall, renderWithApp } from '../../test/render.tsx';
import { AppShell, isNavItemActive } from './app-shell.tsx';

const SECOND = {
  ...committee,
  id: '44444444-4444-4444-8444-444444444444',
  code: 'WG-RND',
  name: 'Working group',
  nameMs: 'Kumpulan kerja',
};

function handler(call: RecordedCall) {
  if (call.url === '/api/auth/me') return jsonResponse(200, chairUser);
  if (call.url === '/api/committees') return jsonResponse(200, [committee, SECOND]);
  if (call.url === `/api/committees/${COMMITTEE_ID}`) return jsonResponse(200, committee);
  return notFound(call);
}

function Page() {
  return <Link to={`/c/${COMMITTEE_ID}/actions/some-id`}>open the created item</Link>;
}

const afterTest: (() => void)[] = [];
afterEach(() => {
  for (const undo of afterTest.splice(0)) undo();
});

describe(AppShell.name, () => {
  it('should mark only "New" as the current page on the new-action form, in both navigations', async () => {
    renderWithApp(<AppShell />, { handler, path: `/c/${COMMITTEE_ID}/actions/new`, route: '/c/:committeeId/*' });
    // A loaded machine can take more than the default second to draw the shell the first time.
    await screen.findAllByRole('link', { name: 'New' }, { timeout: 10_000 });
    for (const nav of screen.getAllByRole('navigation', { name: 'Main' })) {
      const current = within(nav)
        .getAllByRole('link')
        .filter((link) => link.getAttribute('aria-current') === 'page');
      expect(current.map((link) => link.textContent)).toEqual(['New']);
    }
  });

  it('should keep "Actions" current on an action\'s detail page', () => {
    const actions = { to: `/c/${COMMITTEE_ID}/actions`, end: false, except: [`/c/${COMMITTEE_ID}/actions/new`] };
    expect(isNavItemActive(actions, `/c/${COMMITTEE_ID}/actions/abc`)).toBe(true);
    expect(isNavItemActive(actions, `/c/${COMMITTEE_ID}/actions/new`)).toBe(false);
    expect(isNavItemActive({ to: `/c/${COMMITTEE_ID}`, end: true }, `/c/${COMMITTEE_ID}/actions`)).toBe(false);
  });

  it('should put the registers in the side navigation and, on a phone, under "More" without growing the bar', async () => {
    renderWithApp(<AppShell />, { handler, path: `/c/${COMMITTEE_ID}/registers/rnd`, route: '/c/:committeeId/*' });
    await screen.findAllByRole('link', { name: 'Members' }, { timeout: 10_000 });
    const [side, bottom] = screen.getAllByRole('navigation', { name: 'Main' }) as [HTMLElement, HTMLElement];
    const names = (nav: HTMLElement) =>
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent);
    const current = (nav: HTMLElement) =>
      within(nav)
        .getAllByRole('link')
        .filter((link) => link.getAttribute('aria-current') === 'page')
        .map((link) => link.textContent);
    expect(names(side)).toEqual(['Home', 'Actions', 'Meetings', 'Registers', 'Resolutions', 'New', 'Activity', 'Reports', 'Members']);
    expect(current(side)).toEqual(['Registers']);
    // Home, Actions, Meetings, New and More: no more items than the bar held before (it had Activity and Members).
    expect(names(bottom)).toEqual(['Home', 'Actions', 'Meetings', 'New', 'More']);
    expect(current(bottom)).toEqual(['More']);
    expect(
      isNavItemActive(
        { to: `/c/${COMMITTEE_ID}/registers`, end: false, also: [`/c/${COMMITTEE_ID}/activity`] },
        `/c/${COMMITTEE_ID}/activity`,
      ),
    ).toBe(true);
  });

  it('should reserve the committee and user places in the top bar before their data arrives', () => {
    renderWithApp(<AppShell />, { handler: () => new Promise(() => {}), path: `/c/${COMMITTEE_ID}`, route: '/c/:committeeId/*' });
    expect(screen.getByTestId('topbar-committee')).toBeInTheDocument();
    expect(screen.getByTestId('topbar-user')).toBeInTheDocument();
    expect(screen.getByTestId('connection-state')).toBeInTheDocument();
  });

  it('should offer a committee switcher that opens the chosen committee', async () => {
    // The committee list loads only for a signed-in session.
    authStore.setToken('test-token');
    afterTest.push(() => authStore.clear());
    const { location } = renderWithApp(<AppShell />, { handler, path: `/c/${COMMITTEE_ID}`, route: '/c/:committeeId/*' });
    const switcher = await screen.findByTestId('committee-switcher');
    expect(switcher).toHaveAccessibleName('Switch committee');
    await userEvent.selectOptions(switcher, SECOND.id);
    expect(location.current.pathname).toBe(`/c/${SECOND.id}`);
  });

  describe('scrolling', () => {
    const scrollTo = jest.fn();
    const original = window.scrollTo;
    beforeEach(() => {
      scrollTo.mockClear();
      window.scrollTo = scrollTo as unknown as typeof window.scrollTo;
    });
    afterEach(() => {
      window.scrollTo = original;
    });

    it('should open the next page at its top, below the top bar, after a link is followed', async () => {
      renderWithApp(
        <>
          <AppShell />
          <Page />
        </>,
        { handler, path: `/c/${COMMITTEE_ID}/actions/new`, route: '/c/:committeeId/*' },
      );
      scrollTo.mockClear();
      await userEvent.click(screen.getByText('open the created item'));
      expect(scrollTo).toHaveBeenCalledWith({ top: 0, left: 0 });
    });
  });
});
