import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Outlet, useParams } from 'react-router';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { useMe } from '../../auth/index.ts';
import { CommitteeRedirect, useCommittee, useCommittees } from '../../committees/index.ts';
import { useAdminCommittees } from '../hooks/use-admin.ts';
import { MembersManager } from './members-manager.tsx';

/** `/admin/*`: administrators only; others are told, not shown an empty page. */
export function AdminLayout() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending) return <p className="muted">{t('app.loading')}</p>;
  if (!me.data?.isAdmin) return <p className="notice notice--error">{t('admin.errors.forbidden')}</p>;
  return (
    <div className="admin">
      <div className="page-header">
        <h1 id="page-title">{t('admin.title')}</h1>
      </div>
      <nav className="admin-tabs" aria-label={t('admin.title')}>
        <NavLink to="/admin/users" className="admin-tabs__link">
          {t('admin.users.title')}
        </NavLink>
        <NavLink to="/admin/committees" className="admin-tabs__link">
          {t('admin.committees.title')}
        </NavLink>
      </nav>
      <Outlet />
    </div>
  );
}

/**
 * `/admin/committees/:id/members`. The parameter is not called `committeeId`: the shell reads
 * that one as "the committee being worked in", which an administrator need not belong to.
 */
export function AdminMembersPage() {
  const { t } = useTranslation();
  const { id: committeeId = '' } = useParams();
  const committees = useAdminCommittees();
  const committee = committees.data?.find((c) => c.id === committeeId);
  if (committees.isPending) return <p className="muted">{t('app.loading')}</p>;
  if (committees.isError) return <RetryNotice message={t('admin.errors.loadFailed')} onRetry={() => void committees.refetch()} />;
  if (!committee) return <p className="notice">{t('admin.errors.notFound')}</p>;
  return (
    <>
      <p>
        <Link to="/admin/committees">← {t('admin.committees.title')}</Link>
      </p>
      <MembersManager committeeId={committee.id} committeeCode={committee.code} asAdmin />
    </>
  );
}

/** `/c/:committeeId/members`: the committee's chair manages its memberships. */
export function ChairMembersPage() {
  const { t } = useTranslation();
  const { committeeId = '' } = useParams();
  const committee = useCommittee(committeeId);
  if (committee.isPending) return <p className="muted">{t('app.loading')}</p>;
  if (committee.isError) return <RetryNotice message={t('admin.errors.loadFailed')} onRetry={() => void committee.refetch()} />;
  if (committee.data.role !== 'chair') return <p className="notice">{t('admin.members.notAllowed')}</p>;
  return <MembersManager committeeId={committee.data.id} committeeCode={committee.data.code} asAdmin={false} />;
}

/** `/`: an administrator with no committee goes to administration; everyone else to their first committee. */
export function HomeRedirect() {
  const me = useMe();
  const committees = useCommittees();
  if (me.data?.isAdmin && committees.data?.length === 0) return <Navigate to="/admin/users" replace />;
  return <CommitteeRedirect />;
}
