import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { i18n, setLocale } from '../../lib/i18n/i18n.ts';
import { ConnectionStateProvider } from '../../lib/realtime/realtime-provider.tsx';
import { UpdateBanner } from './update-banner.tsx';

function renderWith(outdated: boolean, reload: () => void = () => undefined) {
  return render(
    <I18nextProvider i18n={i18n}>
      <ConnectionStateProvider state="offline" outdated={outdated}>
        <UpdateBanner reload={reload} />
      </ConnectionStateProvider>
    </I18nextProvider>,
  );
}

describe(UpdateBanner.name, () => {
  afterEach(async () => {
    await act(() => setLocale('en'));
  });

  it('should say nothing while the server speaks this page’s protocol', () => {
    renderWith(false);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('should say Sidang was updated and reload the page when asked', async () => {
    const reload = jest.fn();
    renderWith(true, reload);
    expect(screen.getByRole('alert')).toHaveTextContent('Sidang was updated — reload');
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('should say it in Bahasa Malaysia too', async () => {
    renderWith(true);
    await act(() => setLocale('ms'));
    expect(screen.getByRole('alert')).toHaveTextContent('Sidang telah dikemas kini — muat semula');
    expect(screen.getByRole('button', { name: 'Muat semula' })).toBeTruthy();
  });
});
