import type { EntityType } from '@sidang/shared/constants';
import { useTranslation } from 'react-i18next';
import { useFollow, useSetFollow } from '../hooks/use-follow.ts';

/**
 * Follow / Following on a record's page: a follower hears of the record's changes under the bell
 * (and by e-mail, as their settings say). Until the state is known it shows "Follow", disabled.
 */
export function FollowToggle({ entityType, entityId }: { entityType: EntityType; entityId: string }) {
  const { t } = useTranslation();
  const state = useFollow(entityType, entityId);
  const set = useSetFollow(entityType, entityId);
  const following = state.data?.following ?? false;
  return (
    <span className="follow">
      <button
        type="button"
        className={following ? 'button button--small follow__button follow__button--on' : 'button button--small follow__button'}
        // A failed read leaves it usable: following and unfollowing are safe to repeat.
        disabled={state.isPending || set.isPending}
        onClick={() => set.mutate(!following)}
        data-testid="follow-toggle"
        data-following={following}
      >
        <span aria-hidden="true">{following ? '★' : '☆'}</span> {t(following ? 'notifications.following' : 'notifications.follow')}
      </button>
      {set.isError && (
        <span className="follow__error" role="alert">
          {t('notifications.followFailed')}
        </span>
      )}
    </span>
  );
}
