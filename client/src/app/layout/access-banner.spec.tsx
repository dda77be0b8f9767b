import { afterEach, describe, expect, it } from '@jest/globals';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { i18n, setLocale } from '../../lib/i18n/i18n.ts';
import type { CommitteeState } from '../../lib/realtime/realtime-client.ts';
import { ConnectionStateProvider, type ShownAccessNotice } from '../../lib/realtime/realtime-provider.tsx';
import { COMMITTEE_ID, committee } from '../../test/fixtures.ts';
import { AccessBanner } from './access-banner.tsx';
import { ConnectionIndicator } from './connection-indicator.tsx';

function renderWith(
  notices: ShownAccessNotice[],
  committees: Map<string, CommitteeState> = new Map(),
  dismiss = (_key: number) => undefined,
) {
  return render(
    <I18nextProvider i18n={i18n}>
      <ConnectionStateProvider state="live" committees={committees} notices={notices} dismiss={dismiss}>
        <ConnectionIndicator committeeId={COMMITTEE_ID} />
        <AccessBanner />
      </ConnectionStateProvider>
    </I18nextProvider>,
  );
}

const names = { code: committee.code, name: committee.name, nameMs: committee.nameMs };

describe(AccessBanner.name, () => {
  afterEach(async () => {
    await act(() => setLocale('en'));
  });

  it('should say the user was removed from the committee, by name, and that the indicator shows no access', () => {
    renderWith([{ key: 1, reason: 'membership-removed', committee: names }], new Map([[COMMITTEE_ID, 'no-access']]));
    expect(screen.getByRole('alert')).toHaveTextContent(`You were removed from JTK-REE — ${committee.name}.`);
    expect(screen.getByRole('status')).toHaveAttribute('data-state', 'no-access');
    expect(screen.getByRole('status')).toHaveTextContent('No access');
  });

  it('should say the clearance changed and the view was reloaded, in Bahasa Malaysia too', async () => {
    renderWith([{ key: 2, reason: 'clearance-changed', clearance: 'CONFIDENTIAL' }]);
    expect(screen.getByRole('alert')).toHaveTextContent('Your clearance changed to Confidential; the view was reloaded.');
    await act(() => setLocale('ms'));
    expect(screen.getByRole('alert')).toHaveTextContent('Tahap tapisan anda telah berubah kepada');
    renderWith([{ key: 3, reason: 'subscribe-refused', committee: names }]);
    expect(screen.getAllByRole('alert')[1]).toHaveTextContent(`Anda tidak lagi mempunyai akses kepada JTK-REE — ${committee.nameMs}.`);
  });

  it('should be dismissed by the user', async () => {
    const dismissed: number[] = [];
    renderWith([{ key: 7, reason: 'subscribe-refused', committee: names }], new Map(), (key) => {
      dismissed.push(key);
    });
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(dismissed).toEqual([7]);
  });

  it('should show a committee still catching up as such, not as live', () => {
    renderWith([], new Map([[COMMITTEE_ID, 'catching-up']]));
    expect(screen.getByRole('status')).toHaveAttribute('data-state', 'catching-up');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
