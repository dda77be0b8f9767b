import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { Member } from '@sidang/shared';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setLocale } from '../../../lib/i18n/i18n.ts';
import { COMMITTEE_ID, jsonResponse, MEMBER_ID, makeActionItem, members } from '../../../test/fixtures.ts';
import { renderWithApp } from '../../../test/render.tsx';
import { type ActionItemFields, formStateFrom } from '../hooks/form-values.ts';
import { ActionItemCreator } from './action-item-editor.tsx';
import { ActionItemForm } from './action-item-form.tsx';

function renderForm(initial = formStateFrom()) {
  const onSubmit = jest.fn<(values: ActionItemFields) => void>();
  renderWithApp(<ActionItemForm mode="create" initial={initial} members={members} clearance="CONFIDENTIAL" onSubmit={onSubmit} />);
  return { onSubmit };
}

afterEach(async () => {
  await act(() => setLocale('en'));
});

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
    await user.type(screen.getByLabelText('Owner agencies'), 'JMG, Kerajaan Negeri Perak,, jmg');
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
      ownerAgencies: ['JMG', 'Kerajaan Negeri Perak'],
      fieldClassifications: {},
      classification: 'CONFIDENTIAL',
    });
  });

  it('should say what is wrong in Bahasa Malaysia, and re-word it when the language changes', async () => {
    const user = userEvent.setup();
    await act(() => setLocale('ms'));
    const { onSubmit } = renderForm();
    await user.click(screen.getByTestId('save-action-item'));
    const title = screen.getByRole('textbox', { name: /Tajuk/ });
    expect(title).toHaveAccessibleDescription('Masukkan tajuk.');
    await act(() => setLocale('en'));
    expect(title).toHaveAccessibleDescription('Enter a title.');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('should explain a too long title and an impossible date next to their fields', async () => {
    const { onSubmit } = renderForm({ ...formStateFrom(), title: 'x'.repeat(301), dueDate: '2025-02-30' });
    await userEvent.click(screen.getByTestId('save-action-item'));
    expect(screen.getByRole('textbox', { name: /Title/ })).toHaveAccessibleDescription('Must be at most 300 characters.');
    expect(screen.getByLabelText('Due date')).toHaveAccessibleDescription('Enter a real date (day, month and year).');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('should refuse a classification above the user clearance', async () => {
    // An item opened with a higher marking keeps it as an option; saving it is still refused.
    const { onSubmit } = renderForm({ ...formStateFrom(), title: 'Position paper', classification: 'SECRET' });
    await userEvent.click(screen.getByTestId('save-action-item'));
    const select = screen.getByLabelText('Classification');
    expect(select).toHaveAccessibleDescription('Cannot be above your clearance (Confidential).');
    expect(select).toHaveFocus();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('should name the classification options in the UI language', async () => {
    await act(() => setLocale('ms'));
    renderForm();
    const options = Array.from((screen.getByLabelText('Peringkat keselamatan') as HTMLSelectElement).options).map((o) => o.text);
    expect(options).toEqual(['Terbuka', 'Terhad', 'Sulit']);
  });

  it('should offer classifications only up to the user clearance', () => {
    renderForm();
    const options = Array.from((screen.getByLabelText('Classification') as HTMLSelectElement).options).map((o) => o.value);
    expect(options).toEqual(['OPEN', 'RESTRICTED', 'CONFIDENTIAL']);
  });

  it('should name each owner once, without repeating an agency the name carries', () => {
    renderWithApp(
      <ActionItemForm
        mode="create"
        initial={formStateFrom()}
        members={[
          { ...(members[0] as Member), name: 'Pegawai Dasar Mineral (NRES)', agency: 'NRES' },
          { ...(members[1] as Member), name: 'Aminah binti Yusof' },
        ]}
        clearance="SECRET"
        onSubmit={() => undefined}
      />,
    );
    expect(screen.getByRole('checkbox', { name: 'Pegawai Dasar Mineral (NRES)' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Aminah binti Yusof (JMG)' })).toBeInTheDocument();
    expect(screen.queryByText(/\(NRES\)\s*\(NRES\)/)).toBeNull();
  });

  it('should warn about a due date in the past but still save it', async () => {
    const user = userEvent.setup();
    const onSubmit = jest.fn<(values: ActionItemFields) => void>();
    renderWithApp(
      <ActionItemForm
        mode="create"
        initial={{ ...formStateFrom(), title: 'Late already' }}
        members={members}
        clearance="SECRET"
        onSubmit={onSubmit}
        today="2025-06-15"
      />,
    );
    const due = screen.getByLabelText('Due date');
    await user.type(due, '2025-06-14');
    expect(due).toHaveAccessibleDescription(expect.stringContaining('This date is in the past'));
    await user.clear(due);
    await user.type(due, '2025-06-15');
    expect(screen.getByTestId('past-due-warning')).toHaveTextContent('');
    await user.clear(due);
    await user.type(due, '2025-06-01');
    await user.click(screen.getByTestId('save-action-item'));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ dueDate: '2025-06-01' }));
  });

  it('should not warn about a past date the item already had when it was opened', () => {
    renderWithApp(
      <ActionItemForm
        mode="edit"
        initial={formStateFrom(makeActionItem({ dueDate: '2025-01-01' }))}
        members={members}
        clearance="SECRET"
        onSubmit={() => undefined}
        today="2025-06-15"
      />,
    );
    expect(screen.getByTestId('past-due-warning')).toHaveTextContent('');
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

  it('should translate a server field error whose rule it knows, and keep the form message', async () => {
    const user = userEvent.setup();
    await act(() => setLocale('ms'));
    renderWithApp(<ActionItemCreator committeeId={COMMITTEE_ID} members={members} clearance="SECRET" />, {
      handler: () =>
        jsonResponse(400, {
          statusCode: 400,
          message: 'classification: must not be above your clearance (RESTRICTED)',
          code: 'above_clearance',
          issues: [
            {
              field: 'classification',
              path: 'classification',
              code: 'above_clearance',
              message: 'must not be above your clearance (RESTRICTED)',
              params: { level: 'RESTRICTED' },
            },
          ],
        }),
    });
    await user.type(screen.getByRole('textbox', { name: /Tajuk/ }), 'Kertas kedudukan');
    await user.click(screen.getByTestId('save-action-item'));
    const select = screen.getByLabelText('Peringkat keselamatan');
    await waitFor(() => expect(select).toHaveAccessibleDescription('Tidak boleh melebihi tahap tapisan anda (Terhad).'));
    expect(screen.getByRole('alert')).toHaveTextContent('Sila betulkan medan yang ditandakan di bawah.');
  });

  it('should show a server issue on no field of the form as the form message', async () => {
    const user = userEvent.setup();
    renderWithApp(<ActionItemCreator committeeId={COMMITTEE_ID} members={members} clearance="SECRET" />, {
      handler: () =>
        jsonResponse(400, { statusCode: 400, message: 'body: Unexpected token', issues: [{ path: 'body', message: 'Unexpected token' }] }),
    });
    await user.type(screen.getByRole('textbox', { name: /Title/ }), 'Anything');
    await user.click(screen.getByTestId('save-action-item'));
    expect(await screen.findByRole('alert')).toHaveTextContent('body: Unexpected token');
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
