import { type AdminCommittee, type CreateCommittee, createCommitteeSchema, updateCommitteeSchema } from '@sidang/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError, focusFirstError, SelectField, TextField } from '../../../lib/ui/form/index.ts';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { type AdminFieldErrors, serverFieldErrors, zodFieldErrors } from '../hooks/admin-errors.ts';
import { useAdminCommittees, useCreateCommittee, useUpdateCommittee } from '../hooks/use-admin.ts';
import { AdminStatus } from './admin-status.tsx';

function CommitteeForm({
  committees,
  editing,
  onDone,
  onCancel,
}: {
  committees: readonly AdminCommittee[];
  /** Renaming this committee; creating one when absent. */
  editing?: AdminCommittee;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const create = useCreateCommittee();
  const update = useUpdateCommittee();
  const [values, setValues] = useState<{ code: string; name: string; nameMs: string; parentId: string }>({
    code: editing?.code ?? '',
    name: editing?.name ?? '',
    nameMs: editing?.nameMs ?? '',
    parentId: editing?.parentId ?? '',
  });
  const [errors, setErrors] = useState<AdminFieldErrors>({});
  const pending = create.isPending || update.isPending;

  const set = (field: keyof typeof values, value: string) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    setErrors(({ [field]: _dropped, ...rest }) => rest);
  };
  const fail = (error: unknown) => {
    const next = serverFieldErrors(error, t);
    setErrors(next);
    focusFirstError(id, next);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (editing) {
      const parsed = updateCommitteeSchema.safeParse({ name: values.name, nameMs: values.nameMs });
      if (!parsed.success) {
        const next = zodFieldErrors(parsed.error, t);
        setErrors(next);
        focusFirstError(id, next);
        return;
      }
      update.mutate(
        { id: editing.id, body: parsed.data },
        { onSuccess: (saved) => onDone(t('admin.committees.saved', { code: saved.code })), onError: fail },
      );
      return;
    }
    const body: CreateCommittee = { ...values, parentId: values.parentId || null };
    const parsed = createCommitteeSchema.safeParse(body);
    if (!parsed.success) {
      const next = zodFieldErrors(parsed.error, t);
      setErrors(next);
      focusFirstError(id, next);
      return;
    }
    create.mutate(parsed.data, { onSuccess: (saved) => onDone(t('admin.committees.created', { code: saved.code })), onError: fail });
  };

  const parents = committees.filter((c) => c.parentId === null);
  return (
    <form className="form admin-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`} data-testid="committee-form">
      <h2 id={`${id}-heading`}>
        {editing ? t('admin.committees.renameTitle', { code: editing.code }) : t('admin.committees.createTitle')}
      </h2>
      <FormError message={errors.form} />
      <div className="form__grid">
        {!editing && (
          <TextField
            idPrefix={id}
            name="code"
            label={t('admin.committees.code')}
            required
            maxLength={40}
            hint={t('admin.committees.codeHint')}
            value={values.code}
            onChange={(e) => set('code', e.target.value)}
            error={errors.code}
          />
        )}
        <TextField
          idPrefix={id}
          name="name"
          label={t('admin.committees.name')}
          required
          maxLength={300}
          value={values.name}
          onChange={(e) => set('name', e.target.value)}
          error={errors.name}
        />
        <TextField
          idPrefix={id}
          name="nameMs"
          label={t('admin.committees.nameMs')}
          required
          maxLength={300}
          value={values.nameMs}
          onChange={(e) => set('nameMs', e.target.value)}
          error={errors.nameMs}
        />
        {!editing && (
          <SelectField
            idPrefix={id}
            name="parentId"
            label={t('admin.committees.parent')}
            value={values.parentId}
            onChange={(e) => set('parentId', e.target.value)}
            error={errors.parentId}
          >
            <option value="">{t('admin.committees.noParent')}</option>
            {parents.map((c) => (
              <option key={c.id} value={c.id}>
                {c.code}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? t('admin.form.saving') : t('admin.form.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('admin.form.cancel')}
        </button>
      </div>
    </form>
  );
}

export function CommitteesPage() {
  const { t } = useTranslation();
  const committees = useAdminCommittees();
  const [panel, setPanel] = useState<{ kind: 'create' } | { kind: 'rename'; committee: AdminCommittee } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const codes = new Map((committees.data ?? []).map((c) => [c.id, c.code]));

  return (
    <section aria-labelledby="admin-committees-title">
      <div className="page-header">
        <h2 id="admin-committees-title">{t('admin.committees.title')}</h2>
        {panel?.kind !== 'create' && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              setStatus(null);
              setPanel({ kind: 'create' });
            }}
          >
            <span aria-hidden="true">+</span> {t('admin.committees.create')}
          </button>
        )}
      </div>
      <AdminStatus message={status} />
      {panel && (
        <CommitteeForm
          key={panel.kind === 'rename' ? panel.committee.id : 'new'}
          committees={committees.data ?? []}
          editing={panel.kind === 'rename' ? panel.committee : undefined}
          onDone={(message) => {
            setPanel(null);
            setStatus(message);
          }}
          onCancel={() => setPanel(null)}
        />
      )}
      {committees.isPending ? (
        <p className="muted" role="status">
          {t('app.loading')}
        </p>
      ) : committees.isError ? (
        <RetryNotice message={t('admin.errors.loadFailed')} onRetry={() => void committees.refetch()} />
      ) : committees.data.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">{t('admin.committees.empty')}</p>
        </div>
      ) : (
        <table className="admin-table" data-testid="committees-table">
          <caption className="visually-hidden">{t('admin.committees.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.committees.code')}</th>
              <th scope="col">{t('admin.committees.name')}</th>
              <th scope="col">{t('admin.committees.parent')}</th>
              <th scope="col">{t('admin.committees.memberCount')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('admin.users.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {committees.data.map((c) => (
              <tr key={c.id}>
                <th scope="row" className="admin-table__name">
                  {c.code}
                </th>
                <td data-label={t('admin.committees.name')}>
                  {c.name}
                  <br />
                  <span className="muted" lang="ms">
                    {c.nameMs}
                  </span>
                </td>
                <td data-label={t('admin.committees.parent')}>{c.parentId ? (codes.get(c.parentId) ?? '—') : '—'}</td>
                <td data-label={t('admin.committees.memberCount')}>{c.memberCount}</td>
                <td className="admin-table__actions">
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={t('admin.committees.renameTitle', { code: c.code })}
                    onClick={() => {
                      setStatus(null);
                      setPanel({ kind: 'rename', committee: c });
                    }}
                  >
                    {t('admin.committees.rename')}
                  </button>
                  <Link
                    className="button button--small button--ghost"
                    to={`/admin/committees/${c.id}/members`}
                    aria-label={t('admin.members.titleOf', { code: c.code })}
                  >
                    {t('admin.members.title')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
