import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { AdminUser } from '@sidang/shared';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setLocale } from '../../../lib/i18n/i18n.ts';
import { uuid } from '../../../test/fixtures.ts';
import { renderWithApp } from '../../../test/render.tsx';
import { UsersTable } from './users-table.tsx';

function aUser(overrides: Partial<AdminUser> = {}): AdminUser {
  return {
    id: uuid(),
    email: 'officer@jmg.gov.my',
    name: 'Pegawai Geologi (JMG)',
    agency: 'JMG',
    clearance: 'CONFIDENTIAL',
    isAdmin: false,
    active: true,
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

afterEach(async () => {
  await act(() => setLocale('en'));
});

describe(UsersTable.name, () => {
  const admin = aUser({ name: 'System administrator', email: 'admin@demo.sidang.my', agency: 'MITI', clearance: 'OPEN', isAdmin: true });
  const retired = aUser({ name: 'Retired officer', email: 'retired@nres.gov.my', agency: 'NRES', clearance: 'SECRET', active: false });
  const officer = aUser();

  it('should show one line per account with e-mail, agency, clearance, admin and state', () => {
    renderWithApp(<UsersTable users={[admin, officer, retired]} onEdit={jest.fn()} onResetPassword={jest.fn()} />);
    const rows = within(screen.getByTestId('users-table')).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent);
    expect(within(rows[0] as HTMLElement).getByRole('rowheader')).toHaveTextContent('System administrator');
    expect(cells(rows[0] as HTMLElement).slice(0, 5)).toEqual(['admin@demo.sidang.my', 'MITI', 'Open', 'Yes', 'Active']);
    expect(cells(rows[2] as HTMLElement).slice(0, 5)).toEqual(['retired@nres.gov.my', 'NRES', 'Secret', 'No', 'Deactivated']);
    expect(within(rows[2] as HTMLElement).getByTitle('Clearance: Secret')).toBeInTheDocument();
  });

  it('should hand the chosen account to edit and to password reset, by accessible names', async () => {
    const onEdit = jest.fn();
    const onResetPassword = jest.fn();
    renderWithApp(<UsersTable users={[officer, retired]} onEdit={onEdit} onResetPassword={onResetPassword} />);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Retired officer' }));
    expect(onEdit).toHaveBeenCalledWith(retired);
    await userEvent.click(screen.getByRole('button', { name: 'Reset the password of Pegawai Geologi (JMG)' }));
    expect(onResetPassword).toHaveBeenCalledWith(officer);
  });

  it('should speak Bahasa Malaysia', async () => {
    await act(() => setLocale('ms'));
    renderWithApp(<UsersTable users={[retired]} onEdit={jest.fn()} onResetPassword={jest.fn()} />);
    expect(screen.getByRole('columnheader', { name: 'Agensi' })).toBeInTheDocument();
    expect(screen.getByText('Dinyahaktifkan')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sunting Retired officer' })).toBeInTheDocument();
  });
});
