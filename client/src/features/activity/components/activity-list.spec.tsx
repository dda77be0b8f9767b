import { describe, expect, it } from '@jest/globals';
import type { ActivityPage } from '@sidang/shared';
import { screen } from '@testing-library/react';
import { CHAIR_ID, COMMITTEE_ID, jsonResponse } from '../../../test/fixtures.ts';
import { renderWithApp } from '../../../test/render.tsx';
import { ActivityList } from './activity-list.tsx';

const page: ActivityPage = {
  items: [
    {
      seq: 12,
      at: '2025-06-03T02:00:00.000Z',
      actorId: CHAIR_ID,
      actorName: 'Chair (MITI)',
      entityType: 'action-item',
      entityId: 'aaaaaaaa-aaaa-4aaa-8aaa-000000000001',
      verb: 'updated',
      title: 'Validate the resource estimate',
      changes: [{ field: 'status', before: 'open', after: 'blocked' }],
    },
  ],
  nextCursor: null,
};

describe(ActivityList.name, () => {
  it('should show who changed what, with the moved field before → after in the user language', async () => {
    const { calls } = renderWithApp(<ActivityList committeeId={COMMITTEE_ID} />, { handler: () => jsonResponse(200, page) });
    expect(await screen.findByText('Chair (MITI)')).toBeTruthy();
    expect(screen.getByText('changed the action')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Validate the resource estimate' }).getAttribute('href')).toBe(
      `/c/${COMMITTEE_ID}/actions/aaaaaaaa-aaaa-4aaa-8aaa-000000000001`,
    );
    expect(screen.getByText('Not started')).toBeTruthy();
    expect(screen.getByText('Blocked', { exact: false })).toBeTruthy();
    expect(calls.map((call) => call.url)).toEqual([`/api/committees/${COMMITTEE_ID}/activity?limit=50`]);
  });

  it('should say when there is nothing yet', async () => {
    renderWithApp(<ActivityList committeeId={COMMITTEE_ID} />, { handler: () => jsonResponse(200, { items: [], nextCursor: null }) });
    expect(await screen.findByText('No changes yet.')).toBeTruthy();
  });

  it('should offer a retry when the load fails', async () => {
    renderWithApp(<ActivityList committeeId={COMMITTEE_ID} />, { handler: () => jsonResponse(500, { statusCode: 500, message: 'x' }) });
    expect(await screen.findByText('Could not load the activity.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
