import { describe, expect, it } from '@jest/globals';
import type { ActionItem } from '@sidang/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { COMMITTEE_ID, jsonResponse, makeActionItem, members } from '../../../test/fixtures.ts';
import type { RecordedCall } from '../../../test/render.tsx';
import { renderWithApp } from '../../../test/render.tsx';
import { ActionItemEditor } from './action-item-editor.tsx';

describe('ConflictView', () => {
  const base = makeActionItem({ title: 'Pilot SX plant site visit', priority: 'medium', status: 'open', version: 3 });
  // Someone else raised the priority and changed the title meanwhile.
  const current: ActionItem = { ...base, title: 'Pilot SX plant site visit (Gebeng)', priority: 'high', version: 4 };

  function setup(second: (call: RecordedCall) => ReturnType<typeof jsonResponse>) {
    let patches = 0;
    return renderWithApp(<ActionItemEditor item={base} members={members} clearance="SECRET" />, {
      handler: (call) => {
        patches += 1;
        if (patches === 1) return jsonResponse(409, { statusCode: 409, message: 'Stale version', current });
        return second(call);
      },
    });
  }

  it('should list the fields the other person changed, theirs against mine', async () => {
    const user = userEvent.setup();
    setup(() => jsonResponse(500, { statusCode: 500, message: 'unused' }));
    const title = screen.getByRole('textbox', { name: /Title/ });
    await user.clear(title);
    await user.type(title, 'Pilot SX plant visit, Kuantan');
    await user.selectOptions(screen.getByLabelText('Status'), 'in_progress');
    await user.click(screen.getByTestId('save-action-item'));

    const view = await screen.findByTestId('conflict-view');
    const rows = within(view).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('data-field'))).toEqual(['title', 'status', 'priority']);
    const [titleRow, statusRow, priorityRow] = rows as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(titleRow).getByText('Pilot SX plant site visit (Gebeng)')).toBeInTheDocument();
    expect(within(titleRow).getByText('Pilot SX plant visit, Kuantan')).toBeInTheDocument();
    expect(
      within(statusRow)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Not started', 'In progress']);
    expect(
      within(priorityRow)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['High', 'Medium']);
    // Nothing typed is lost behind the conflict.
    expect(screen.getByRole('textbox', { name: /Title/ })).toHaveValue('Pilot SX plant visit, Kuantan');
  });

  it('should re-apply only my changed fields on top of the current version', async () => {
    const user = userEvent.setup();
    const saved: ActionItem = { ...current, status: 'in_progress', version: 5 };
    const { calls, location } = setup(() => jsonResponse(200, saved));
    await user.selectOptions(screen.getByLabelText('Status'), 'in_progress');
    await user.click(screen.getByTestId('save-action-item'));
    await user.click(await screen.findByTestId('conflict-reapply'));

    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[0]).toEqual({ method: 'PATCH', url: `/api/action-items/${base.id}`, body: { version: 3, status: 'in_progress' } });
    expect(calls[1]).toEqual({ method: 'PATCH', url: `/api/action-items/${base.id}`, body: { version: 4, status: 'in_progress' } });
    await waitFor(() => expect(location.current.pathname).toBe(`/c/${COMMITTEE_ID}/actions/${base.id}`));
  });

  it('should discard my changes and show the stored version', async () => {
    const user = userEvent.setup();
    const { calls, location, queryClient } = setup(() => jsonResponse(500, { statusCode: 500, message: 'unused' }));
    await user.selectOptions(screen.getByLabelText('Status'), 'blocked');
    await user.click(screen.getByTestId('save-action-item'));
    await user.click(await screen.findByTestId('conflict-discard'));
    await waitFor(() => expect(location.current.pathname).toBe(`/c/${COMMITTEE_ID}/actions/${base.id}`));
    expect(calls).toHaveLength(1);
    expect(queryClient.getQueryData(['action-items', 'detail', base.id])).toEqual(current);
  });

  it('should show, in the form under the banner, the stored values of what the other person changed, and keep mine', async () => {
    const user = userEvent.setup();
    setup(() => jsonResponse(500, { statusCode: 500, message: 'unused' }));
    await user.selectOptions(screen.getByLabelText('Status'), 'in_progress');
    await user.click(screen.getByTestId('save-action-item'));
    await screen.findByTestId('conflict-view');
    // Theirs: priority and title; mine: status.
    expect(screen.getByLabelText('Priority')).toHaveValue('high');
    expect(screen.getByRole('textbox', { name: /Title/ })).toHaveValue('Pilot SX plant site visit (Gebeng)');
    expect(screen.getByLabelText('Status')).toHaveValue('in_progress');
  });

  it('should save the form after a conflict on the stored version, sending only what differs from it', async () => {
    const user = userEvent.setup();
    const saved: ActionItem = { ...current, status: 'in_progress', version: 5 };
    const { calls } = setup(() => jsonResponse(200, saved));
    await user.selectOptions(screen.getByLabelText('Status'), 'in_progress');
    await user.click(screen.getByTestId('save-action-item'));
    await screen.findByTestId('conflict-view');
    await user.click(screen.getByTestId('save-action-item'));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]).toEqual({ method: 'PATCH', url: `/api/action-items/${base.id}`, body: { version: 4, status: 'in_progress' } });
  });

  it('should explain how to read the comparison', async () => {
    const user = userEvent.setup();
    setup(() => jsonResponse(500, { statusCode: 500, message: 'unused' }));
    await user.selectOptions(screen.getByLabelText('Priority'), 'low');
    await user.click(screen.getByTestId('save-action-item'));
    const view = await screen.findByTestId('conflict-view');
    const legend = within(view).getByTestId('conflict-legend');
    expect(legend).toHaveTextContent('Their value: what is stored now');
    expect(legend).toHaveTextContent('Your value: what you typed');
    expect(legend).toHaveTextContent('Highlighted rows: you both changed this field.');
    expect(within(view).getByRole('table')).toHaveAccessibleDescription(expect.stringContaining('Their value'));
  });
});
