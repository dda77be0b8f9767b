import { describe, expect, it } from '@jest/globals';
import { waitFor } from '@testing-library/react';
import { jsonResponse } from '../../../test/fixtures.ts';
import { notFound, renderWithApp } from '../../../test/render.tsx';
import { NotificationBell } from './notification-bell.tsx';

// A file of its own: whether the first screen has painted is kept for the module's lifetime, and
// the other bell tests render after it has.
describe('NotificationBell on the first screen', () => {
  it("should leave the unread count unasked in the first screen's render, and ask once it has painted", async () => {
    const { calls } = renderWithApp(<NotificationBell />, {
      handler: (call) =>
        call.url.startsWith('/api/notifications?') ? jsonResponse(200, { items: [], nextCursor: null, unreadCount: 0 }) : notFound(call),
    });
    const asked = () => calls.filter((call) => call.url.startsWith('/api/notifications?'));
    // The render and its effects are done (render() acts): nothing has been asked yet.
    expect(asked()).toHaveLength(0);
    await waitFor(() => expect(asked()).toHaveLength(1));
  });
});
