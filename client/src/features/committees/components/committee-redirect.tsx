import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { useCommittees } from '../hooks/use-committees.ts';

/** `/`: straight to the first committee of the user. */
export function CommitteeRedirect() {
  const { t } = useTranslation();
  const committees = useCommittees();
  const state = viewStateOf(committees);
  if (state === 'pending') return <p className="muted">{t('app.loading')}</p>;
  if (state === 'offline') return <p className="notice">{t('offline.notCached')}</p>;
  if (state === 'error' || !committees.data) {
    return <RetryNotice message={t('app.errorGeneric')} onRetry={() => void committees.refetch()} />;
  }
  const first = committees.data[0];
  if (!first) return <p className="notice">{t('app.noCommittees')}</p>;
  return <Navigate to={`/c/${first.id}`} replace />;
}
