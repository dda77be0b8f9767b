import { type AdminCommittee, type CreateCommittee, createCommitteeSchema, updateCommitteeSchema } from '@sidang/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError, SelectField, SubmitBar, TextField, useFormValues } from '../../../lib/ui/form/index.ts';
import { serverFieldErrors, zodFieldErrors } from '../hooks/admin-errors.ts';
import { useAdminCommittees, useCreateCommittee, useUpdateCommittee } from '../hooks/use-admin.ts';
import { AdminStatus } from './admin-status.tsx';
import { AdminList, AdminTable } from './admin-table.tsx';

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
  const create = useCreateCommittee();
  const update = useUpdateCommittee();
  const form = useFormValues({
    code: editing?.code ?? '',
    name: editing?.name ?? '',
    nameMs: editing?.nameMs ?? '',
    parentId: editing?.parentId ?? '',
  });
  const { idPrefix: id, values, errors } = form;
  const pending = create.isPending || update.isPending;
  const fail = (error: unknown) => form.fail(serverFieldErrors(error, t));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (editing) {
      const parsed = updateCommitteeSchema.safeParse({ name: values.name, nameMs: values.nameMs });
      if (!parsed.success) return form.fail(zodFieldErrors(parsed.error, t));
      update.mutate(
        { id: editing.id, body: parsed.data },
        { onSuccess: (saved) => onDone(t('admin.committees.saved', { code: saved.code })), onError: fail },
      );
      return;
    }
    const body: CreateCommittee = { ...values, parentId: values.parentId || null };
    const parsed = createCommitteeSchema.safeParse(body);
    if (!parsed.success) return form.fail(zodFieldErrors(parsed.error, t));
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
            {...form.field('code')}
            label={t('admin.committees.code')}
            required
            maxLength={40}
            hint={t('admin.committees.codeHint')}
          />
        )}
        <TextField {...form.field('name')} label={t('admin.committees.name')} required maxLength={300} />
        <TextField {...form.field('nameMs')} label={t('admin.committees.nameMs')} required maxLength={300} />
        {!editing && (
          <SelectField {...form.field('parentId')} label={t('admin.committees.parent')}>
            <option value="">{t('admin.committees.noParent')}</option>
            {parents.map((c) => (
              <option key={c.id} value={c.id}>
                {c.code}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      <SubmitBar
        label={t('admin.form.save')}
        pendingLabel={t('admin.form.saving')}
        pending={pending}
        cancelLabel={t('admin.form.cancel')}
        onCancel={onCancel}
      />
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
      <AdminList query={committees} emptyText={t('admin.committees.empty')}>
        {(list) => (
          <AdminTable
            testId="committees-table"
            caption={t('admin.committees.title')}
            columns={['admin.committees.code', 'admin.committees.name', 'admin.committees.parent', 'admin.committees.memberCount']}
          >
            {list.map((c) => (
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
          </AdminTable>
        )}
      </AdminList>
    </section>
  );
}
