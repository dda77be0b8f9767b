import type { AdminUser, CreateUser } from '@sidang/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/index.ts';
import { type AdminFieldErrors, serverFieldErrors } from '../hooks/admin-errors.ts';
import { useAdminUsers, useCreateUser } from '../hooks/use-admin.ts';
import { AdminStatus } from './admin-status.tsx';
import { AdminList } from './admin-table.tsx';
import { UserCreateForm } from './user-create-form.tsx';
import { ResetPasswordForm, UserEditor } from './user-editor.tsx';
import { UsersTable } from './users-table.tsx';

type Panel = { kind: 'create' } | { kind: 'edit'; user: AdminUser } | { kind: 'password'; user: AdminUser } | null;

export function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const users = useAdminUsers();
  const create = useCreateUser();
  const [panel, setPanel] = useState<Panel>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [createErrors, setCreateErrors] = useState<AdminFieldErrors>({});

  const open = (next: Panel) => {
    setStatus(null);
    setCreateErrors({});
    setPanel(next);
  };
  const done = (message: string) => {
    setPanel(null);
    setStatus(message);
  };

  const submitCreate = (values: CreateUser) =>
    create.mutate(values, {
      onSuccess: (user) => done(t('admin.users.created', { name: user.name })),
      onError: (error) => setCreateErrors(serverFieldErrors(error, t)),
    });

  return (
    <section aria-labelledby="admin-users-title">
      <div className="page-header">
        <h2 id="admin-users-title">{t('admin.users.title')}</h2>
        {panel?.kind !== 'create' && (
          <button type="button" className="button button--primary" onClick={() => open({ kind: 'create' })}>
            <span aria-hidden="true">+</span> {t('admin.users.create')}
          </button>
        )}
      </div>
      <AdminStatus message={status} />
      {panel?.kind === 'create' && (
        <UserCreateForm submitting={create.isPending} serverErrors={createErrors} onSubmit={submitCreate} onCancel={() => setPanel(null)} />
      )}
      {panel?.kind === 'edit' && (
        <UserEditor key={panel.user.id} user={panel.user} selfId={me.data?.id} onDone={done} onCancel={() => setPanel(null)} />
      )}
      {panel?.kind === 'password' && (
        <ResetPasswordForm key={panel.user.id} user={panel.user} onDone={done} onCancel={() => setPanel(null)} />
      )}

      <AdminList query={users} emptyText={t('admin.users.empty')}>
        {(list) => (
          <>
            <p className="list-count">{t('admin.users.count', { count: list.length })}</p>
            <UsersTable
              users={list}
              onEdit={(user) => open({ kind: 'edit', user })}
              onResetPassword={(user) => open({ kind: 'password', user })}
            />
          </>
        )}
      </AdminList>
    </section>
  );
}
