import { describe, expect, it } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { jsonResponse } from '../../../test/fixtures.ts';
import { notFound, renderWithApp } from '../../../test/render.tsx';
import { FollowToggle } from './follow-toggle.tsx';

const ID = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const PATH = `/api/follows/meeting/${ID}`;

describe(FollowToggle.name, () => {
  it('should show whether the user follows the record, and follow and unfollow it', async () => {
    let following = false;
    const { calls } = renderWithApp(<FollowToggle entityType="meeting" entityId={ID} />, {
      handler: (call) => {
        if (call.url !== PATH) return notFound(call);
        if (call.method === 'PUT') following = true;
        if (call.method === 'DELETE') following = false;
        return jsonResponse(200, { entityType: 'meeting', entityId: ID, following });
      },
    });
    const button = screen.getByTestId('follow-toggle');
    expect(button).toBeDisabled();
    await waitFor(() => expect(button).toBeEnabled());
    expect(button).toHaveTextContent('Follow');

    await userEvent.click(button);
    await waitFor(() => expect(button).toHaveTextContent('Following'));
    await userEvent.click(button);
    await waitFor(() => expect(button).toHaveTextContent(/^☆ Follow$/));
    expect(calls.map((call) => call.method)).toEqual(['GET', 'PUT', 'DELETE']);
  });

  it('should say so when the change is refused, and stay usable', async () => {
    renderWithApp(<FollowToggle entityType="meeting" entityId={ID} />, {
      handler: (call) =>
        call.method === 'GET'
          ? jsonResponse(200, { entityType: 'meeting', entityId: ID, following: true })
          : jsonResponse(500, { statusCode: 500, message: 'down' }),
    });
    const button = screen.getByTestId('follow-toggle');
    await waitFor(() => expect(button).toHaveTextContent('Following'));
    await userEvent.click(button);
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not change whether you follow this.');
    expect(button).toHaveTextContent('Following');
    expect(button).toBeEnabled();
  });
});
