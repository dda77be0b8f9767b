import type { AdminUser } from '@sidang/shared';
import { useTranslation } from 'react-i18next';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import { AdminTable } from './admin-table.tsx';

export interface UsersTableProps {
  users: readonly AdminUser[];
  onEdit: (user: AdminUser) => void;
  onResetPassword: (user: AdminUser) => void;
}

/** An address that may wrap after its "@" (and nowhere else), so the column stays narrow. */
function Email({ address }: { address: string }) {
  const at = address.indexOf('@');
  if (at < 0) return <>{address}</>;
  return (
    <>
      {address.slice(0, at + 1)}
      <wbr />
      {address.slice(at + 1)}
    </>
  );
}

/** One line per account; on a phone each line becomes a stacked card. */
export function UsersTable({ users, onEdit, onResetPassword }: UsersTableProps) {
  const { t } = useTranslation();
  return (
    <AdminTable
      testId="users-table"
      caption={t('admin.users.title')}
      columns={[
        'admin.users.name',
        'admin.users.email',
        'admin.users.agency',
        'admin.users.clearance',
        'admin.users.admin',
        'admin.users.state',
      ]}
    >
      {users.map((user) => (
        <tr key={user.id} data-user-id={user.id} className={user.active ? undefined : 'admin-table__row--inactive'}>
          <th scope="row" className="admin-table__name">
            {user.name}
          </th>
          <td data-label={t('admin.users.email')} className="admin-table__email">
            <Email address={user.email} />
          </td>
          <td data-label={t('admin.users.agency')}>{user.agency}</td>
          <td data-label={t('admin.users.clearance')}>
            <ClassificationBadge level={user.clearance} as="clearance" />
          </td>
          <td data-label={t('admin.users.admin')}>{user.isAdmin ? t('admin.users.yes') : t('admin.users.no')}</td>
          <td data-label={t('admin.users.state')}>
            <span className={`badge ${user.active ? 'badge--done' : 'badge--cancelled'}`}>
              {user.active ? t('admin.users.active') : t('admin.users.inactive')}
            </span>
          </td>
          <td className="admin-table__actions">
            <button
              type="button"
              className="button button--small"
              onClick={() => onEdit(user)}
              aria-label={t('admin.users.editOf', { name: user.name })}
            >
              {t('admin.users.edit')}
            </button>
            <button
              type="button"
              className="button button--small button--ghost"
              onClick={() => onResetPassword(user)}
              aria-label={t('admin.users.resetPasswordOf', { name: user.name })}
            >
              {t('admin.users.resetPassword')}
            </button>
          </td>
        </tr>
      ))}
    </AdminTable>
  );
}
