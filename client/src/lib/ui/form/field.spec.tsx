import { describe, expect, it, jest } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { ApiRequestError } from '../../api/api-client.ts';
import { i18n } from '../../i18n/i18n.ts';
import { ClassificationSelect } from './classification-select.tsx';
import { CheckField, FormError, SelectField, TextField } from './field.tsx';
import { refusalErrors } from './form-errors.ts';
import { SubmitBar } from './submit-bar.tsx';

const renderKit = (ui: ReactElement) => render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>);

describe(TextField.name, () => {
  it('should describe the control by its hint and its error, and mark it invalid', () => {
    renderKit(
      <TextField idPrefix="f" name="code" label="Code" required hint="Capitals" error="Taken" value="" onChange={() => undefined} />,
    );
    const input = screen.getByLabelText(/^Code/);
    expect(input).toHaveAttribute('id', 'f-code');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('Capitals Taken');
    expect(document.querySelector('.field__required')).toHaveTextContent(/\(.+\)/);
  });

  it('should mark a required field with a star hidden from assistive technology when asked', () => {
    renderKit(<TextField idPrefix="f" name="title" label="Title" required mark="star" value="" onChange={() => undefined} />);
    expect(screen.getByRole('textbox', { name: 'Title' })).not.toHaveAttribute('aria-invalid');
    expect(screen.getByText('*')).toHaveAttribute('aria-hidden', 'true');
  });
});

describe(SelectField.name, () => {
  it('should offer its options and report a change', async () => {
    const onChange = jest.fn();
    renderKit(
      <SelectField
        idPrefix="f"
        name="kind"
        label="Kind"
        value="a"
        onChange={(e) => onChange(e.target.value)}
        options={[
          { value: 'a', label: 'A' },
          { value: 'b', label: 'B' },
        ]}
      />,
    );
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'b');
    expect(onChange).toHaveBeenCalledWith('b');
  });
});

describe(CheckField.name, () => {
  it('should be described by its error only', () => {
    renderKit(<CheckField idPrefix="f" name="active" label="Active" checked onChange={() => undefined} error="Not yours" />);
    expect(screen.getByRole('checkbox', { name: 'Active' })).toHaveAccessibleDescription('Not yours');
  });
});

describe(ClassificationSelect.name, () => {
  it('should offer levels above `min` up to the clearance, and "none" when asked', () => {
    renderKit(
      <ClassificationSelect
        id="l"
        label="Level"
        value=""
        onChange={() => undefined}
        clearance="CONFIDENTIAL"
        min="OPEN"
        noneLabel="Same"
      />,
    );
    const options = Array.from(screen.getByRole('combobox', { name: 'Level' }).querySelectorAll('option')).map((o) => o.value);
    expect(options).toEqual(['', 'RESTRICTED', 'CONFIDENTIAL']);
  });
});

describe(SubmitBar.name, () => {
  it('should disable submit and show the pending label while the request runs', () => {
    renderKit(<SubmitBar label="Save" pendingLabel="Saving…" pending cancelLabel="Cancel" onCancel={() => undefined} />);
    expect(screen.getByRole('button', { name: 'Saving…' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeEnabled();
  });
});

describe(FormError.name, () => {
  it('should announce a form-level error and show nothing without one', () => {
    const { rerender } = renderKit(<FormError message={undefined} />);
    expect(screen.queryByRole('alert')).toBeNull();
    rerender(
      <I18nextProvider i18n={i18n}>
        <FormError message="Refused" as="p" testId="form-error" />
      </I18nextProvider>,
    );
    expect(screen.getByTestId('form-error')).toHaveTextContent('Refused');
  });
});

describe(refusalErrors.name, () => {
  const texts = { invalid: 'Check the fields', conflict: 'Changed meanwhile', gone: 'Gone' };

  it('should put the issues of a 400 under their field by code, and a sentence for the form', () => {
    const error = new ApiRequestError(400, {
      statusCode: 400,
      code: 'invalid_input',
      message: 'title: Too long',
      issues: [{ field: 'title', path: 'title', code: 'too_long', message: 'Too long', params: { max: 300 } }],
    });
    const errors = refusalErrors(i18n.t, error, texts);
    expect(errors.form).toBe('Check the fields');
    expect(errors.title).toBeTruthy();
    expect(errors.title).not.toBe('Too long');
  });

  it('should name a conflict, a missing record and nothing at all by status', () => {
    expect(refusalErrors(i18n.t, new ApiRequestError(409, { statusCode: 409, code: 'stale_version', message: 'x' }), texts)).toEqual({
      form: 'Changed meanwhile',
    });
    expect(refusalErrors(i18n.t, new ApiRequestError(404, { statusCode: 404, code: 'not_found', message: 'x' }), texts)).toEqual({
      form: 'Gone',
    });
    expect(refusalErrors(i18n.t, undefined, texts)).toEqual({});
  });
});
