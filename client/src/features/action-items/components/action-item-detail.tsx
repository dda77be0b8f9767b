import type { ActionItem, Committee, Member, User } from '@sidang/shared';
import { ACTION_ITEM_STATUSES, type ActionItemStatus, personLabel } from '@sidang/shared/constants';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { isApiError } from '../../../lib/api/api-client.ts';
import { errorText } from '../../../lib/api/api-errors.ts';
import { formatRelative, formatTimestamp, todayInCommitteeZone } from '../../../lib/dates.ts';
import { ClassificationBadge, DueDate, PriorityBadge, StatusBadge } from '../../../lib/ui/badges.tsx';
import { Toast, useHandedOverToast } from '../../../lib/ui/toast.tsx';
import { ActivityList } from '../../activity/index.ts';
import { canManageLinks, LinksPanel } from '../../links/index.ts';
import { FollowToggle } from '../../notifications/index.ts';
import { canChangeStatus, canManageActionItems, canPostProgress } from '../hooks/permissions.ts';
import { useDeleteActionItem, usePostProgressUpdate, useProgressUpdates, useUpdateActionItem } from '../hooks/use-action-items.ts';
import type { SavedState } from './action-item-editor.tsx';
import { ProgressThread } from './progress-thread.tsx';
import '../action-items.css';

export interface ActionItemDetailProps {
  item: ActionItem;
  committee: Committee;
  user: User | undefined;
  /** Undefined while they load: names are then shown as loading, never as unknown. */
  members: readonly Member[] | undefined;
}

function Timestamp({ iso }: { iso: string }) {
  const { t, i18n } = useTranslation();
  return (
    <time dateTime={iso} title={formatTimestamp(iso, i18n.language)}>
      {formatTimestamp(iso, i18n.language)} ({t('time.ago', { distance: formatRelative(iso, i18n.language) })})
    </time>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Everything about one action item, its thread, and what the user may do with it. */
function PersonName({ id, names }: { id: string; names: ReadonlyMap<string, string> | undefined }) {
  const { t } = useTranslation();
  if (!names) {
    return (
      <span className="name-placeholder" aria-busy="true">
        <span className="visually-hidden">{t('workspace.loadingName')}</span>
      </span>
    );
  }
  return <>{names.get(id) ?? t('detail.unknownUser')}</>;
}

export function ActionItemDetail({ item, committee, user, members }: ActionItemDetailProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [saved, closeSaved] = useHandedOverToast((location.state as Partial<SavedState> | null)?.saved);
  // Owners and the author as every screen names a person: "Name (AGENCY)", the agency once.
  const names = members ? new Map(members.map((m) => [m.userId, personLabel(m)])) : undefined;
  const today = todayInCommitteeZone();
  const manage = canManageActionItems(committee.role);
  const statusAllowed = canChangeStatus(committee.role, user, item);
  const thread = useProgressUpdates(item.id);
  const post = usePostProgressUpdate(item.id);
  const update = useUpdateActionItem(item.id);
  const remove = useDeleteActionItem(item);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [postError, setPostError] = useState<string>();
  const listPath = `/c/${committee.id}/actions`;

  const changeStatus = (status: ActionItemStatus) => {
    setNotice(null);
    update.mutate(
      { version: item.version, status },
      {
        onSuccess: () => setNotice({ kind: 'ok', text: t('detail.statusSaved') }),
        onError: (error) =>
          setNotice({
            kind: 'error',
            text: isApiError(error, 409) ? t('detail.statusConflict') : isApiError(error, 403) ? t('form.forbidden') : t('form.failed'),
          }),
      },
    );
  };

  const onDelete = () => {
    if (!window.confirm(t('detail.confirmDelete'))) return;
    remove.mutate(item.version, {
      onSuccess: () => navigate(listPath),
      onError: (error) => setNotice({ kind: 'error', text: isApiError(error, 409) ? t('detail.deleteConflict') : t('form.failed') }),
    });
  };

  const onPost = async (body: string) => {
    setPostError(undefined);
    try {
      await post.mutateAsync(body);
      return true;
    } catch (error) {
      setPostError(errorText(t, error, 'progress.failed'));
      return false;
    }
  };

  return (
    <article className="detail" aria-labelledby="detail-title">
      {saved && <Toast message={t(saved === 'created' ? 'workspace.savedCreated' : 'workspace.savedUpdated')} onClose={closeSaved} />}
      <p>
        <Link to={listPath} className="back-link">
          <span aria-hidden="true">←</span> {t('detail.back')}
        </Link>
      </p>
      <header className="detail__header">
        <h1 id="detail-title">{item.title}</h1>
        <div className="detail__badges">
          <StatusBadge status={item.status} />
          <ClassificationBadge level={item.classification} />
          <PriorityBadge priority={item.priority} />
          <FollowToggle entityType="action-item" entityId={item.id} />
        </div>
        {manage && (
          <div className="detail__actions">
            <Link className="button" to={`${listPath}/${item.id}/edit`}>
              {t('detail.edit')}
            </Link>
            <button type="button" className="button button--danger" onClick={onDelete} disabled={remove.isPending}>
              {t('detail.delete')}
            </button>
          </div>
        )}
      </header>

      {notice && (
        <p className={`notice notice--${notice.kind === 'ok' ? 'ok' : 'error'}`} role="status">
          {notice.text}
        </p>
      )}

      {statusAllowed && (
        <div className="status-change">
          <label htmlFor="status-change">{t('detail.changeStatus')}</label>
          <select
            id="status-change"
            name="status"
            value={item.status}
            disabled={update.isPending}
            onChange={(e) => changeStatus(e.target.value as ActionItemStatus)}
          >
            {ACTION_ITEM_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </div>
      )}

      <dl className="facts">
        <Row label={t('detail.dueDate')}>
          <DueDate item={item} today={today} />
        </Row>
        <Row label={t('detail.owners')}>
          {item.ownerIds.length > 0
            ? item.ownerIds.map((id, index) => (
                <span key={id}>
                  {index > 0 && ', '}
                  <PersonName id={id} names={names} />
                </span>
              ))
            : t('detail.noOwners')}
        </Row>
        <Row label={t('detail.ownerAgencies')}>{item.ownerAgencies.length > 0 ? item.ownerAgencies.join(', ') : t('detail.noOwners')}</Row>
        <Row label={t('detail.createdBy')}>
          <PersonName id={item.createdById} names={names} />
        </Row>
        <Row label={t('detail.created')}>
          <Timestamp iso={item.createdAt} />
        </Row>
        <Row label={t('detail.updated')}>
          <Timestamp iso={item.updatedAt} /> · {t('detail.version', { version: item.version })}
        </Row>
      </dl>

      <section className="detail__description" aria-labelledby="description-title">
        <h2 id="description-title">{t('detail.description')}</h2>
        {item.redactedFields?.includes('description') ? (
          <p className="muted">{t('detail.descriptionWithheld')}</p>
        ) : item.description ? (
          <p className="prewrap">
            {item.fieldClassifications?.description && <ClassificationBadge level={item.fieldClassifications.description} />}{' '}
            {item.description}
          </p>
        ) : (
          <p className="muted">{t('detail.noDescription')}</p>
        )}
      </section>

      <ProgressThread
        updates={thread.data}
        state={thread.isPending ? 'pending' : thread.isError ? 'error' : 'success'}
        onRetry={() => void thread.refetch()}
        currentUserId={user?.id}
        canPost={canPostProgress(committee.role)}
        posting={post.isPending}
        postError={postError}
        onPost={onPost}
      />

      <LinksPanel recordId={item.id} committeeId={item.committeeId} canEdit={canManageLinks(committee.role)} />

      <details className="detail__history">
        <summary>{t('activity.history')}</summary>
        <ActivityList committeeId={item.committeeId} entityId={item.id} compact />
      </details>
    </article>
  );
}
