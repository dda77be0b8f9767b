import { CLASSIFICATIONS, type CreateUser, createUserSchema } from '@sidang/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckField, FormError, focusFirstError, SelectField, TextField } from '../../../lib/ui/form/index.ts';
import { type AdminFieldErrors, zodFieldErrors } from '../hooks/admin-errors.ts';

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
  const id = useId();
  const [values, setValues] = useState<CreateUser>(EMPTY);
  const [clientErrors, setClientErrors] = useState<AdminFieldErrors>({});
  // A server error belongs to the value sent: editing the field clears it.
  const [edited, setEdited] = useState<Set<string>>(new Set());
  const errorOf = (field: string) => clientErrors[field] ?? (edited.has(field) ? undefined : serverErrors?.[field]);

  const set = <K extends keyof CreateUser>(field: K, value: CreateUser[K]) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    setEdited((prev) => new Set(prev).add(field));
    setClientErrors(({ [field]: _dropped, ...rest }) => rest);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = createUserSchema.safeParse(values);
    if (!parsed.success) {
      const errors = zodFieldErrors(parsed.error, t);
      setClientErrors(errors);
      focusFirstError(id, errors);
      return;
    }
    setClientErrors({});
    setEdited(new Set());
    onSubmit(parsed.data);
  };

  return (
    <form className="form admin-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`} data-testid="user-create-form">
      <h2 id={`${id}-heading`}>{t('admin.users.createTitle')}</h2>
      <FormError message={serverErrors?.form} />
      <div className="form__grid">
        <TextField
          idPrefix={id}
          name="email"
          type="email"
          autoComplete="off"
          label={t('admin.users.email')}
          required
          value={values.email}
          onChange={(e) => set('email', e.target.value)}
          error={errorOf('email')}
        />
        <TextField
          idPrefix={id}
          name="name"
          label={t('admin.users.name')}
          required
          maxLength={200}
          value={values.name}
          onChange={(e) => set('name', e.target.value)}
          error={errorOf('name')}
        />
        <TextField
          idPrefix={id}
          name="agency"
          label={t('admin.users.agency')}
          required
          maxLength={40}
          autoCapitalize="characters"
          hint={t('admin.users.agencyHint')}
          value={values.agency}
          onChange={(e) => set('agency', e.target.value)}
          error={errorOf('agency')}
        />
        <SelectField
          idPrefix={id}
          name="clearance"
          label={t('admin.users.clearance')}
          value={values.clearance}
          onChange={(e) => set('clearance', e.target.value as CreateUser['clearance'])}
          error={errorOf('clearance')}
        >
          {CLASSIFICATIONS.map((level) => (
            <option key={level} value={level}>
              {t(`classification.${level}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          idPrefix={id}
          name="password"
          type="password"
          autoComplete="new-password"
          label={t('admin.users.password')}
          required
          hint={t('admin.users.passwordHint')}
          value={values.password}
          onChange={(e) => set('password', e.target.value)}
          error={errorOf('password')}
        />
      </div>
      <CheckField
        idPrefix={id}
        name="isAdmin"
        label={t('admin.users.admin')}
        checked={values.isAdmin ?? false}
        onChange={(checked) => set('isAdmin', checked)}
        error={errorOf('isAdmin')}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={submitting}>
          {submitting ? t('admin.form.saving') : t('admin.users.create')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('admin.form.cancel')}
        </button>
      </div>
    </form>
  );
}
