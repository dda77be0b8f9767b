import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { jsonResponse } from '../../../test/fixtures.ts';
import { type Handler, renderWithApp } from '../../../test/render.tsx';
import { CalendarFeedButton } from './calendar-feed.tsx';

const FIRST = 'http://localhost/api/calendar/first-token.ics';
const SECOND = 'http://localhost/api/calendar/second-token.ics';

function serve(): Handler {
  let url = FIRST;
  return ({ method, url: path }) => {
    if (method === 'GET' && path === '/api/me/calendar-feed') return jsonResponse(200, { url });
    if (method === 'POST' && path === '/api/me/calendar-feed/renew') {
      url = SECOND;
      return jsonResponse(200, { url });
    }
    return jsonResponse(404, { statusCode: 404, message: 'Not found' });
  };
}

describe(CalendarFeedButton.name, () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('should show the feed address on demand and copy it to the clipboard', async () => {
    const user = userEvent.setup();
    const writeText = jest.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    const { calls } = renderWithApp(<CalendarFeedButton />, { handler: serve() });
    // Nothing is asked for until the user opens it.
    expect(calls).toHaveLength(0);
    const button = screen.getByRole('button', { name: 'Subscribe in your calendar' });
    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(await screen.findByRole('textbox', { name: 'Calendar feed address' })).toHaveValue(FIRST);
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith(FIRST);
    expect(screen.getByTestId('calendar-feed-notice')).toHaveTextContent('Copied to the clipboard.');
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('calendar-feed')).not.toBeInTheDocument();
    expect(button).toHaveFocus();
  });

  it('should renew the address only after confirmation, and show the new one', async () => {
    const user = userEvent.setup();
    const confirm = jest.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    const { calls } = renderWithApp(<CalendarFeedButton />, { handler: serve() });
    await user.click(screen.getByRole('button', { name: 'Subscribe in your calendar' }));
    const address = await screen.findByRole('textbox', { name: 'Calendar feed address' });
    await user.click(screen.getByRole('button', { name: 'Renew address' }));
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);
    expect(address).toHaveValue(FIRST);

    await user.click(screen.getByRole('button', { name: 'Renew address' }));
    await waitFor(() => expect(address).toHaveValue(SECOND));
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.url)).toEqual(['/api/me/calendar-feed/renew']);
    expect(screen.getByTestId('calendar-feed-notice')).toHaveTextContent('A new address was made; the old one no longer works.');
  });
});
