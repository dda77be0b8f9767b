import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../lib/api/api-client.ts';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { ProblemNotice } from '../../../lib/ui/problem-notice.tsx';
import { useMe } from '../../auth/index.ts';
import { useCommittee, useMembers } from '../../committees/index.ts';
import { canManageActionItems } from '../hooks/permissions.ts';
import { useActionItem, useRemovedMarker } from '../hooks/use-action-items.ts';
import { ActionItemDetail } from './action-item-detail.tsx';
import { ActionItemCreator, ActionItemEditor } from './action-item-editor.tsx';
import '../action-items.css';

function Loading() {
  const { t } = useTranslation();
  return (
    <div className="skeleton-list" role="status" aria-busy="true">
      <span className="visually-hidden">{t('app.loading')}</span>
      <div className="skeleton-row skeleton-row--title" />
      <div className="skeleton-row" />
      <div className="skeleton-row" />
    </div>
  );
}

/** The action list's page that cannot be shown, with the way back to the list. */
function Problem({ text, committeeId, onRetry }: { text: string; committeeId: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  const back = <Link to={`/c/${committeeId}/actions`}>{t('detail.back')}</Link>;
  return <ProblemNotice text={text} back={back} onRetry={onRetry} testId="action-item-unavailable" />;
}

/** Loads what both the detail and the edit page need, and handles removed / missing items. */
function useItemPage() {
  const { t } = useTranslation();
  const { committeeId = '', id = '' } = useParams();
  const removed = useRemovedMarker(id);
  const item = useActionItem(id, { enabled: !removed });
  const committee = useCommittee(committeeId);
  const me = useMe();
  const members = useMembers(committeeId);

  let blocker: ReactElement | null = null;
  const itemState = viewStateOf(item);
  if (removed) {
    blocker = (
      <Problem committeeId={committeeId} text={removed.reason === 'deleted' ? t('detail.removedDeleted') : t('detail.removedHidden')} />
    );
  } else if (itemState === 'error') {
    blocker = isApiError(item.error, 404) ? (
      <Problem committeeId={committeeId} text={t('detail.notFound')} />
    ) : (
      <Problem committeeId={committeeId} text={t('app.errorGeneric')} onRetry={() => void item.refetch()} />
    );
  } else if (itemState === 'offline' || (!committee.data && committee.fetchStatus === 'paused')) {
    blocker = <Problem committeeId={committeeId} text={t('offline.notCached')} />;
  } else if (itemState === 'pending' || committee.isPending) {
    blocker = <Loading />;
  }
  return { committeeId, item: item.data, committee: committee.data, me: me.data, members: members.data, blocker };
}

export function ActionItemDetailPage() {
  const { item, committee, me, members, blocker } = useItemPage();
  if (blocker || !item || !committee) return blocker;
  return <ActionItemDetail item={item} committee={committee} user={me} members={members} />;
}

export function ActionItemEditPage() {
  const { t } = useTranslation();
  const { committeeId, item, committee, me, members, blocker } = useItemPage();
  if (blocker || !item || !committee) return blocker;
  if (!canManageActionItems(committee.role)) return <Problem committeeId={committeeId} text={t('form.notAllowed')} />;
  if (!me) return <Loading />;
  // Keyed by id: opening another item starts a fresh form.
  return <ActionItemEditor key={item.id} item={item} members={members ?? []} clearance={me.clearance} />;
}

export function ActionItemNewPage() {
  const { t } = useTranslation();
  const { committeeId = '' } = useParams();
  const committee = useCommittee(committeeId);
  const me = useMe();
  const members = useMembers(committeeId);
  if (committee.isPending || me.isPending) return <Loading />;
  if (!committee.data || !me.data) return <Problem committeeId={committeeId} text={t('app.errorGeneric')} />;
  if (!canManageActionItems(committee.data.role)) return <Problem committeeId={committeeId} text={t('form.notAllowed')} />;
  return <ActionItemCreator committeeId={committeeId} members={members.data ?? []} clearance={me.data.clearance} />;
}
