import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { COMMITTEE_ID, jsonResponse, MEMBER_ID, makeActionItem, members } from '../../../test/fixtures.ts';
import { renderWithApp } from '../../../test/render.tsx';
import { type ActionItemFields, formStateFrom } from '../hooks/form-values.ts';
import { ActionItemCreator } from './action-item-editor.tsx';
import { ActionItemForm } from './action-item-form.tsx';

function renderForm() {
  const onSubmit = jest.fn<(values: ActionItemFields) => void>();
  renderWithApp(<ActionItemForm mode="create" initial={formStateFrom()} members={members} clearance="CONFIDENTIAL" onSubmit={onSubmit} />);
  return { onSubmit };
}

describe(ActionItemForm.name, () => {
  it('should refuse to submit without a title and say so next to the field', async () => {
    const { onSubmit } = renderForm();
    await userEvent.type(screen.getByLabelText('Description'), 'Some notes');
    await userEvent.click(screen.getByTestId('save-action-item'));
    const title = screen.getByRole('textbox', { name: /Title/ });
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveAccessibleDescription('Enter a title.');
    expect(title).toHaveFocus();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Description')).toHaveValue('Some notes');
  });

  it('should submit the values parsed by the shared schema', async () => {
    const user = userEvent.setup();
    const { onSubmit } = renderForm();
    await user.type(screen.getByRole('textbox', { name: /Title/ }), '  Prepare the Dy/Tb separation paper  ');
    await user.selectOptions(screen.getByLabelText('Priority'), 'high');
    await user.type(screen.getByLabelText('Owner agencies'), 'jmg, NRES,, jmg');
    await user.click(screen.getByRole('checkbox', { name: /JMG officer/ }));
    await user.selectOptions(screen.getByLabelText('Classification'), 'CONFIDENTIAL');
    await user.click(screen.getByTestId('save-action-item'));
    expect(onSubmit).toHaveBeenCalledWith({
      title: 'Prepare the Dy/Tb separation paper',
      description: '',
      status: 'open',
      priority: 'high',
      dueDate: null,
      ownerIds: [MEMBER_ID],
      ownerAgencies: ['JMG', 'NRES'],
      classification: 'CONFIDENTIAL',
    });
  });

  it('should offer classifications only up to the user clearance', () => {
    renderForm();
    const options = Array.from((screen.getByLabelText('Classification') as HTMLSelectElement).options).map((o) => o.value);
    expect(options).toEqual(['OPEN', 'RESTRICTED', 'CONFIDENTIAL']);
  });

  it('should give every input the name of its field', () => {
    renderForm();
    for (const name of ['title', 'description', 'status', 'priority', 'dueDate', 'ownerAgencies', 'classification']) {
      expect(document.querySelector(`[name="${name}"]`)).not.toBeNull();
    }
    expect(screen.getByLabelText('Due date')).toHaveAttribute('type', 'date');
  });
});

describe(ActionItemCreator.name, () => {
  it('should show the server field error next to the field and keep the input', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithApp(<ActionItemCreator committeeId={COMMITTEE_ID} members={members} clearance="SECRET" />, {
      handler: () =>
        jsonResponse(400, {
          statusCode: 400,
          message: 'ownerAgencies.0: unknown agency',
          issues: [{ path: 'ownerAgencies.0', message: 'Unknown agency code XYZ' }],
        }),
    });
    await user.type(screen.getByRole('textbox', { name: /Title/ }), 'Review AELB licence conditions');
    await user.type(screen.getByLabelText('Owner agencies'), 'XYZ');
    await user.click(screen.getByTestId('save-action-item'));
    const agencies = screen.getByLabelText('Owner agencies');
    await waitFor(() => expect(agencies).toHaveAccessibleDescription(expect.stringContaining('Unknown agency code XYZ')));
    expect(agencies).toHaveValue('XYZ');
    expect(screen.getByRole('textbox', { name: /Title/ })).toHaveValue('Review AELB licence conditions');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: `/api/committees/${COMMITTEE_ID}/action-items`,
      body: { title: 'Review AELB licence conditions', ownerAgencies: ['XYZ'] },
    });
  });

  it('should go to the new item after it is created', async () => {
    const created = makeActionItem({ title: 'Created' });
    const { location } = renderWithApp(<ActionItemCreator committeeId={COMMITTEE_ID} members={members} clearance="SECRET" />, {
      handler: () => jsonResponse(201, created),
    });
    await userEvent.type(screen.getByRole('textbox', { name: /Title/ }), 'Created');
    await userEvent.click(screen.getByTestId('save-action-item'));
    await waitFor(() => expect(location.current.pathname).toBe(`/c/${COMMITTEE_ID}/actions/${created.id}`));
  });
});
