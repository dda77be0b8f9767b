import { describe, expect, it, jest } from '@jest/globals';
import type { AdminUser } from '@sidang/shared';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setLocale } from '../../../lib/i18n/i18n.ts';
import { jsonResponse, MEMBER_ID } from '../../../test/fixtures.ts';
import { type RecordedCall, renderWithApp } from '../../../test/render.tsx';
import { UserEditor } from './user-editor.tsx';

const USER: AdminUser = {
  id: MEMBER_ID,
  email: 'member@demo.sidang.my',
  name: 'JMG officer',
  agency: 'JMG',
  clearance: 'CONFIDENTIAL',
  isAdmin: false,
  active: true,
  version: 4,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const STORED: AdminUser = { ...USER, name: 'Senior JMG officer', clearance: 'RESTRICTED', version: 5 };

describe(UserEditor.name, () => {
  it('should show the stored values on a 409 and save again on top of the stored version', async () => {
    const handler = (call: RecordedCall) => {
      const body = call.body as { version: number };
      if (body.version === 4) return jsonResponse(409, { statusCode: 409, message: 'version: 4 is stale', current: STORED });
      return jsonResponse(200, { ...STORED, agency: 'NRES', version: 6 });
    };
    const onDone = jest.fn();
    const { calls } = renderWithApp(<UserEditor user={USER} selfId="someone-else" onDone={onDone} onCancel={jest.fn()} />, { handler });
    const agency = screen.getByLabelText(/^Agency/);
    await userEvent.clear(agency);
    await userEvent.type(agency, 'nres');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    const conflict = await screen.findByRole('alert');
    expect(conflict).toHaveTextContent('Someone else changed this account');
    expect(conflict).toHaveTextContent('version 5');
    expect(within(conflict).getByText('Senior JMG officer')).toBeInTheDocument();
    expect(within(conflict).getByText('Restricted')).toBeInTheDocument();
    expect(onDone).not.toHaveBeenCalled();
    // Their changes show in the form; the user's own edit is kept.
    expect(screen.getByLabelText(/^Name/)).toHaveValue('Senior JMG officer');
    expect(screen.getByLabelText('Clearance')).toHaveValue('RESTRICTED');
    expect(screen.getByLabelText(/^Agency/)).toHaveValue('nres');

    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(calls.map((call) => call.body)).toEqual([
      { version: 4, agency: 'nres' },
      { version: 5, agency: 'nres' },
    ]);
    expect(onDone).toHaveBeenCalledWith('Changes to Senior JMG officer saved.');
  });

  it('should ask before deactivating, and send nothing when cancelled', async () => {
    const { calls } = renderWithApp(<UserEditor user={USER} selfId="someone-else" onDone={jest.fn()} onCancel={jest.fn()} />, {
      handler: () => jsonResponse(200, { ...USER, active: false, version: 5 }),
    });
    await userEvent.click(screen.getByRole('checkbox', { name: 'Active' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog).toHaveTextContent('Deactivate JMG officer?');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(calls).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Deactivate' }));
    expect(calls.map((call) => [call.method, call.body])).toEqual([['PATCH', { version: 4, active: false }]]);
  });

  it('should not offer an administrator to change their own clearance, deactivate or un-admin themself', () => {
    renderWithApp(<UserEditor user={{ ...USER, isAdmin: true }} selfId={USER.id} onDone={jest.fn()} onCancel={jest.fn()} />);
    expect(screen.queryByRole('checkbox', { name: 'Active' })).not.toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: 'Administrator' })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Clearance')).toBeDisabled();
    expect(screen.getByLabelText(/^Name/)).toBeEnabled();
  });

  it.each([
    ['en', 'You cannot change your own access; another administrator must do it.'],
    ['ms', 'Anda tidak boleh mengubah akses anda sendiri; pentadbir lain mesti melakukannya.'],
  ] as const)('should word a 403 self_change by its code under the field it names (%s)', async (locale, words) => {
    await act(() => setLocale(locale));
    try {
      const handler = () =>
        jsonResponse(403, {
          statusCode: 403,
          code: 'self_change',
          message: 'clearance: English words the screen does not show',
          issues: [{ field: 'clearance', path: 'clearance', code: 'self_change', message: 'English words the screen does not show' }],
        });
      renderWithApp(<UserEditor user={USER} selfId="someone-else" onDone={jest.fn()} onCancel={jest.fn()} />, { handler });
      await userEvent.selectOptions(screen.getByRole('combobox'), 'SECRET');
      await userEvent.click(screen.getByRole('button', { name: locale === 'en' ? 'Save' : /Simpan/ }));
      expect(await screen.findByText(words)).toBeInTheDocument();
      expect(screen.getByRole('combobox')).toHaveAttribute('aria-invalid', 'true');
      expect(screen.queryByText(/English words/)).not.toBeInTheDocument();
    } finally {
      await act(() => setLocale('en'));
    }
  });
});
