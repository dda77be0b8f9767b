import { describe, expect, it } from '@jest/globals';
import type { ActionItem } from '@sidang/shared';
import { act, screen, waitFor } from '@testing-library/react';
import { createAppQueryClient } from '../../../app/providers.tsx';
import { queryKeys } from '../../../lib/query-keys.ts';
import { COMMITTEE_ID, chairUser, committee, jsonResponse, makeActionItem, members } from '../../../test/fixtures.ts';
import { renderWithApp } from '../../../test/render.tsx';
import { ActionItemDetailPage } from './action-item-pages.tsx';

describe('a record page whose refetch answers 404', () => {
  it('should drop the cached copy and say the action is no longer available', async () => {
    const item: ActionItem = makeActionItem({ title: 'Smelter site shortlist', classification: 'CONFIDENTIAL', version: 2 });
    let gone = false;
    const queryClient = createAppQueryClient();
    const { calls } = renderWithApp(<ActionItemDetailPage />, {
      path: `/c/${COMMITTEE_ID}/actions/${item.id}`,
      route: '/c/:committeeId/actions/:id',
      queryClient,
      handler: ({ url }) => {
        if (url === `/api/action-items/${item.id}`)
          return gone ? jsonResponse(404, { statusCode: 404, message: 'Not found' }) : jsonResponse(200, item);
        if (url === `/api/action-items/${item.id}/updates`) return jsonResponse(200, []);
        if (url === `/api/committees/${COMMITTEE_ID}`) return jsonResponse(200, committee);
        if (url === `/api/committees/${COMMITTEE_ID}/members`) return jsonResponse(200, members);
        if (url === '/api/auth/me') return jsonResponse(200, chairUser);
        return jsonResponse(404, { statusCode: 404, message: 'Not found' });
      },
    });
    expect(await screen.findByRole('heading', { name: 'Smelter site shortlist' })).toBeInTheDocument();

    // The server no longer shows it to this user (removed from the committee, or above a new clearance).
    gone = true;
    await act(() => queryClient.invalidateQueries({ queryKey: queryKeys.actionItem(item.id) }));
    await waitFor(() =>
      expect(screen.getByTestId('action-item-unavailable')).toHaveTextContent('This action is no longer available to you.'),
    );
    expect(screen.queryByText('Smelter site shortlist')).not.toBeInTheDocument();
    expect(queryClient.getQueryData(queryKeys.actionItem(item.id))).toBeUndefined();
    expect(calls.filter((call) => call.url === `/api/action-items/${item.id}`).length).toBeGreaterThanOrEqual(2);
  });
});
