import { type AdminUser, type Classification, resetPasswordSchema, type UpdateUser, updateUserSchema } from '@sidang/shared';
import { type ChangeEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api/api-client.ts';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import { CheckField, FormError, SubmitBar, TextField, useFormValues } from '../../../lib/ui/form/index.ts';
import { serverFieldErrors, zodFieldErrors } from '../hooks/admin-errors.ts';
import { useResetPassword, useUpdateUser } from '../hooks/use-admin.ts';
import { Confirm } from './confirm.tsx';
import { PersonFields } from './user-fields.tsx';

interface EditValues {
  name: string;
  agency: string;
  clearance: Classification;
  active: boolean;
  isAdmin: boolean;
}

const valuesOf = (user: AdminUser): EditValues => ({
  name: user.name,
  agency: user.agency,
  clearance: user.clearance,
  active: user.active,
  isAdmin: user.isAdmin,
});

export interface UserEditorProps {
  user: AdminUser;
  /** The signed-in administrator: their own clearance, administrator role and active state are not theirs to change. */
  selfId: string | undefined;
  onDone: (message: string) => void;
  onCancel: () => void;
}

/**
 * Edits one account. A 409 shows the stored values beside the user's and bases the next save on
 * the stored version; deactivating asks first.
 */
export function UserEditor({ user, selfId, onDone, onCancel }: UserEditorProps) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const [base, setBase] = useState<AdminUser>(user);
  const form = useFormValues<EditValues>(() => valuesOf(user));
  const { idPrefix: id, values, setValues, errors } = form;
  const [conflict, setConflict] = useState<AdminUser | null>(null);
  const [confirming, setConfirming] = useState(false);
  const isSelf = user.id === selfId;
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from a row of the table: focus moves to the form it opened.
  useEffect(() => {
    heading.current?.focus();
  }, []);

  // Only the fields the user edited are sent: after a 409 the others take the stored values.
  const [touched, setTouched] = useState<ReadonlySet<keyof EditValues>>(new Set());

  const set = <K extends keyof EditValues>(field: K, value: EditValues[K]) => {
    form.set(field, value);
    setTouched((prev) => new Set(prev).add(field));
  };
  const field = (name: 'name' | 'agency' | 'clearance') => ({
    ...form.field(name),
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => set(name, e.target.value),
  });

  const changes = (): UpdateUser => {
    const out: UpdateUser = { version: base.version };
    const before = valuesOf(base);
    for (const key of touched) {
      if (values[key] !== before[key]) Object.assign(out, { [key]: values[key] });
    }
    return out;
  };

  const send = (body: UpdateUser) => {
    update.mutate(
      { id: user.id, body },
      {
        onSuccess: (saved) => {
          setConflict(null);
          onDone(t('admin.users.saved', { name: saved.name }));
        },
        onError: (error) => {
          if (isApiError(error, 409) && error.body.current) {
            const current = error.body.current as AdminUser;
            const stored = valuesOf(current);
            setConflict(current);
            setBase(current);
            setValues((prev) => {
              const merged = { ...stored };
              for (const key of touched) Object.assign(merged, { [key]: prev[key] });
              return merged;
            });
            return;
          }
          form.fail(serverFieldErrors(error, t));
        },
      },
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = changes();
    const parsed = updateUserSchema.safeParse(body);
    if (!parsed.success) return form.fail(zodFieldErrors(parsed.error, t));
    if (Object.keys(body).length === 1) {
      onCancel();
      return;
    }
    if (body.active === false) {
      setConfirming(true);
      return;
    }
    send(body);
  };

  return (
    <form className="form admin-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`} data-testid="user-editor">
      <h2 id={`${id}-heading`} tabIndex={-1} ref={heading}>
        {t('admin.users.editTitle', { name: user.name })}
      </h2>
      <p className="muted">{user.email}</p>
      <FormError message={errors.form} />
      {conflict && (
        <section className="admin-conflict" role="alert" aria-labelledby={`${id}-conflict`}>
          <h3 id={`${id}-conflict`}>{t('admin.conflict.title')}</h3>
          <p>{t('admin.conflict.intro', { version: conflict.version })}</p>
          <dl className="admin-conflict__values">
            <dt>{t('admin.users.name')}</dt>
            <dd>{conflict.name}</dd>
            <dt>{t('admin.users.agency')}</dt>
            <dd>{conflict.agency}</dd>
            <dt>{t('admin.users.clearance')}</dt>
            <dd>
              <ClassificationBadge level={conflict.clearance} as="clearance" />
            </dd>
            <dt>{t('admin.users.state')}</dt>
            <dd>{conflict.active ? t('admin.users.active') : t('admin.users.inactive')}</dd>
            <dt>{t('admin.users.admin')}</dt>
            <dd>{conflict.isAdmin ? t('admin.users.yes') : t('admin.users.no')}</dd>
          </dl>
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setValues(valuesOf(conflict));
              setTouched(new Set());
              setConflict(null);
            }}
          >
            {t('admin.conflict.takeTheirs')}
          </button>
        </section>
      )}
      <div className="form__grid">
        <PersonFields field={field} ownAccount={isSelf} />
      </div>
      {isSelf ? (
        <p className="field__hint">{t('admin.users.selfHint')}</p>
      ) : (
        <>
          <CheckField
            idPrefix={id}
            name="active"
            label={t('admin.users.active')}
            checked={values.active}
            onChange={(checked) => set('active', checked)}
            error={errors.active}
          />
          <CheckField
            idPrefix={id}
            name="isAdmin"
            label={t('admin.users.admin')}
            checked={values.isAdmin}
            onChange={(checked) => set('isAdmin', checked)}
            error={errors.isAdmin}
          />
        </>
      )}
      {confirming ? (
        <Confirm
          message={t('admin.users.confirmDeactivate', { name: user.name })}
          confirmLabel={t('admin.users.deactivate')}
          busy={update.isPending}
          onConfirm={() => {
            setConfirming(false);
            send(changes());
          }}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <SubmitBar
          label={t('admin.form.save')}
          pendingLabel={t('admin.form.saving')}
          pending={update.isPending}
          cancelLabel={t('admin.form.cancel')}
          onCancel={onCancel}
        />
      )}
    </form>
  );
}

export interface ResetPasswordFormProps {
  user: AdminUser;
  onDone: (message: string) => void;
  onCancel: () => void;
}

export function ResetPasswordForm({ user, onDone, onCancel }: ResetPasswordFormProps) {
  const { t } = useTranslation();
  const reset = useResetPassword();
  const form = useFormValues({ password: '' });
  const { idPrefix: id, errors } = form;
  const { password } = form.values;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = resetPasswordSchema.safeParse({ password });
    if (!parsed.success) return form.fail(zodFieldErrors(parsed.error, t));
    reset.mutate(
      { id: user.id, password },
      {
        onSuccess: () => onDone(t('admin.users.passwordDone', { name: user.name })),
        onError: (error) => form.fail(serverFieldErrors(error, t)),
      },
    );
  };

  return (
    <form className="form admin-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`} data-testid="reset-password-form">
      <h2 id={`${id}-heading`}>{t('admin.users.resetPasswordOf', { name: user.name })}</h2>
      <FormError message={errors.form} />
      <TextField
        {...form.field('password')}
        onChange={(e) => {
          form.setValues({ password: e.target.value });
          form.setErrors({});
        }}
        type="password"
        autoComplete="new-password"
        label={t('admin.users.newPassword')}
        required
        hint={t('admin.users.passwordHint')}
        autoFocus
      />
      <SubmitBar
        label={t('admin.users.resetPassword')}
        pendingLabel={t('admin.form.saving')}
        pending={reset.isPending}
        cancelLabel={t('admin.form.cancel')}
        onCancel={onCancel}
      />
    </form>
  );
}
