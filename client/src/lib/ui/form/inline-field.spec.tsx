import { describe, expect, it, jest } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TextField } from './field.tsx';
import { InlineForm, InlineInput, InlineSelect, InlineSubmit } from './inline-field.tsx';
import { useFormValues } from './use-form-values.ts';

describe(InlineForm.name, () => {
  it('should submit through its handler, with the fields named by their labels and the refusal announced', async () => {
    const onSubmit = jest.fn();
    const onText = jest.fn();
    render(
      <InlineForm onSubmit={onSubmit}>
        <InlineSelect
          id="s"
          label="Side"
          value="ours"
          onChange={() => undefined}
          options={[
            { value: 'ours', label: 'Ours' },
            { value: 'theirs', label: 'Theirs' },
          ]}
        />
        <InlineInput id="t" label="Text" value="" onChange={onText} grow />
        <InlineSubmit label="Add" disabled={false} testId="add" error="Refused" />
      </InlineForm>,
    );
    await userEvent.type(screen.getByRole('textbox', { name: 'Text' }), 'x');
    expect(onText).toHaveBeenCalledWith('x');
    expect(screen.getByRole('combobox', { name: 'Side' })).toHaveValue('ours');
    await userEvent.click(screen.getByTestId('add'));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('alert')).toHaveTextContent('Refused');
  });
});

function Probe() {
  const form = useFormValues({ first: '', second: '' });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        form.fail({ second: 'Needed', form: 'Check the form' });
      }}
    >
      <TextField {...form.field('first')} label="First" />
      <TextField {...form.field('second')} label="Second" />
      <button type="submit">Send</button>
    </form>
  );
}

describe(useFormValues.name, () => {
  it('should focus the first field with an error, and clear its error once it is edited', async () => {
    render(<Probe />);
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    const second = screen.getByRole('textbox', { name: 'Second' });
    expect(second).toHaveFocus();
    expect(second).toHaveAccessibleDescription('Needed');
    await userEvent.type(second, 'y');
    expect(second).not.toHaveAttribute('aria-invalid');
    expect(second).toHaveValue('y');
  });
});
