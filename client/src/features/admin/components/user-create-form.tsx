import { type CreateUser, createUserSchema } from '@sidang/shared';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckField, FormError, SubmitBar, TextField, useFormValues } from '../../../lib/ui/form/index.ts';
import { type AdminFieldErrors, zodFieldErrors } from '../hooks/admin-errors.ts';
import { PersonFields } from './user-fields.tsx';

export interface UserCreateFormProps {
  submitting?: boolean;
  /** Errors from the server (400 issues, 409 on the e-mail), by field. */
  serverErrors?: AdminFieldErrors;
  onSubmit: (values: CreateUser) => void;
  onCancel: () => void;
}

const EMPTY: CreateUser = { email: '', name: '', agency: '', clearance: 'OPEN', isAdmin: false, password: '' };

export function UserCreateForm({ submitting, serverErrors, onSubmit, onCancel }: UserCreateFormProps) {
  const { t } = useTranslation();
  const form = useFormValues<CreateUser>(EMPTY);
  const { idPrefix: id, values } = form;
  // A server error belongs to the value sent: editing the field clears it.
  const [edited, setEdited] = useState<Set<string>>(new Set());
  const errorOf = (name: string) => form.errors[name] ?? (edited.has(name) ? undefined : serverErrors?.[name]);
  const field = (name: 'email' | 'name' | 'agency' | 'clearance' | 'password') => {
    const own = form.field(name);
    return {
      ...own,
      error: errorOf(name),
      onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => {
        setEdited((prev) => new Set(prev).add(name));
        own.onChange(e);
      },
    };
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = createUserSchema.safeParse(values);
    if (!parsed.success) return form.fail(zodFieldErrors(parsed.error, t));
    form.setErrors({});
    setEdited(new Set());
    onSubmit(parsed.data);
  };

  return (
    <form className="form admin-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`} data-testid="user-create-form">
      <h2 id={`${id}-heading`}>{t('admin.users.createTitle')}</h2>
      <FormError message={serverErrors?.form} />
      <div className="form__grid">
        <TextField {...field('email')} type="email" autoComplete="off" label={t('admin.users.email')} required />
        <PersonFields field={field} creating />
        <TextField
          {...field('password')}
          type="password"
          autoComplete="new-password"
          label={t('admin.users.password')}
          required
          hint={t('admin.users.passwordHint')}
        />
      </div>
      <CheckField
        idPrefix={id}
        name="isAdmin"
        label={t('admin.users.admin')}
        checked={values.isAdmin ?? false}
        onChange={(checked) => {
          setEdited((prev) => new Set(prev).add('isAdmin'));
          form.set('isAdmin', checked);
        }}
        error={errorOf('isAdmin')}
      />
      <SubmitBar
        label={t('admin.users.create')}
        pendingLabel={t('admin.form.saving')}
        pending={submitting ?? false}
        cancelLabel={t('admin.form.cancel')}
        onCancel={onCancel}
      />
    </form>
  );
}
