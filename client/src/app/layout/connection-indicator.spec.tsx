import { afterEach, describe, expect, it } from '@jest/globals';
import { act, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { i18n, setLocale } from '../../lib/i18n/i18n.ts';
import type { ConnectionState } from '../../lib/realtime/realtime-client.ts';
import { ConnectionStateProvider } from '../../lib/realtime/realtime-provider.tsx';
import { ConnectionIndicator } from './connection-indicator.tsx';

function renderIndicator(state: ConnectionState) {
  return render(
    <I18nextProvider i18n={i18n}>
      <ConnectionStateProvider state={state}>
        <ConnectionIndicator />
      </ConnectionStateProvider>
    </I18nextProvider>,
  );
}

describe(ConnectionIndicator.name, () => {
  afterEach(async () => {
    await act(() => setLocale('en'));
  });

  it.each([
    ['connecting', 'Connecting…'],
    ['catching-up', 'Catching up…'],
    ['live', 'Live'],
    ['offline', 'Offline'],
  ] as const)('should show %s as "%s", in a polite status region', (state, text) => {
    renderIndicator(state);
    const status = screen.getByRole('status');
    expect(status).toHaveAttribute('data-state', state);
    expect(status).toHaveAttribute('aria-live', 'polite');
    expect(status).toHaveClass(`connection--${state}`);
    expect(status).toHaveTextContent(text);
  });

  it('should follow a change of state, and the language', async () => {
    const view = renderIndicator('live');
    view.rerender(
      <I18nextProvider i18n={i18n}>
        <ConnectionStateProvider state="offline">
          <ConnectionIndicator />
        </ConnectionStateProvider>
      </I18nextProvider>,
    );
    expect(screen.getByRole('status')).toHaveAttribute('data-state', 'offline');
    await act(() => setLocale('ms'));
    expect(screen.getByRole('status')).toHaveTextContent('Luar talian');
  });
});
