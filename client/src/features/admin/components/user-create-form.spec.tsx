import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { CreateUser } from '@sidang/shared';
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiRequestError } from '../../../lib/api/api-client.ts';
import { i18n, setLocale } from '../../../lib/i18n/i18n.ts';
import { renderWithApp } from '../../../test/render.tsx';
import { type AdminFieldErrors, serverFieldErrors } from '../hooks/admin-errors.ts';
import { UserCreateForm } from './user-create-form.tsx';

function renderForm(serverErrors?: AdminFieldErrors) {
  const onSubmit = jest.fn<(values: CreateUser) => void>();
  const view = renderWithApp(<UserCreateForm serverErrors={serverErrors} onSubmit={onSubmit} onCancel={jest.fn()} />);
  return { onSubmit, view };
}

/** What the page shows for a refused create: the server's answer, translated by its codes. */
function fromServer(status: number, field: string, code: 'already_in_use' | 'too_short', message: string): AdminFieldErrors {
  const params = code === 'too_short' ? { min: 12 } : undefined;
  const error = new ApiRequestError(status, {
    statusCode: status,
    code: status === 409 ? 'already_in_use' : 'invalid_input',
    message: `${field}: ${message}`,
    issues: [{ field, path: field, code, message, ...(params ? { params } : {}) }],
  });
  return serverFieldErrors(error, i18n.t);
}

afterEach(async () => {
  await act(() => setLocale('en'));
});

describe(UserCreateForm.name, () => {
  it('should say next to each field what is missing, focus the first, and send nothing', async () => {
    const { onSubmit } = renderForm();
    await userEvent.type(screen.getByLabelText(/^Password/), 'short');
    await userEvent.click(screen.getByRole('button', { name: 'New user' }));
    const email = screen.getByLabelText(/^E-mail/);
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('Enter a valid e-mail address.');
    expect(email).toHaveFocus();
    expect(screen.getByLabelText(/^Name/)).toHaveAccessibleDescription('This field is required.');
    expect(screen.getByLabelText(/^Agency/)).toHaveAccessibleDescription('Agency code, e.g. MITI, JMG This field is required.');
    expect(screen.getByLabelText(/^Password/)).toHaveAccessibleDescription('At least 12 characters. Use at least 12 characters.');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('should send the values as the shared schema reads them', async () => {
    const user = userEvent.setup();
    const { onSubmit } = renderForm();
    await user.type(screen.getByLabelText(/^E-mail/), ' Pegawai@MIDA.gov.my ');
    await user.type(screen.getByLabelText(/^Name/), 'Pegawai Pelaburan');
    await user.type(screen.getByLabelText(/^Agency/), 'mida');
    await user.selectOptions(screen.getByLabelText('Clearance'), 'RESTRICTED');
    await user.type(screen.getByLabelText(/^Password/), 'a long enough password');
    await user.click(screen.getByRole('button', { name: 'New user' }));
    expect(onSubmit).toHaveBeenCalledWith({
      email: 'pegawai@mida.gov.my',
      name: 'Pegawai Pelaburan',
      agency: 'MIDA',
      clearance: 'RESTRICTED',
      isAdmin: false,
      password: 'a long enough password',
    });
  });

  it('should show a taken e-mail (409) next to the field until it is edited', async () => {
    renderForm(fromServer(409, 'email', 'already_in_use', 'not the words shown'));
    const email = screen.getByLabelText(/^E-mail/);
    expect(email).toHaveAccessibleDescription('Already in use.');
    await userEvent.type(email, 'x');
    expect(email).not.toHaveAttribute('aria-invalid');
  });

  it('should word field errors in Bahasa Malaysia', async () => {
    await act(() => setLocale('ms'));
    renderForm(fromServer(400, 'password', 'too_short', 'not the words shown'));
    expect(screen.getByLabelText(/^Kata laluan/)).toHaveAccessibleDescription(
      'Sekurang-kurangnya 12 aksara. Gunakan sekurang-kurangnya 12 aksara.',
    );
  });
});
