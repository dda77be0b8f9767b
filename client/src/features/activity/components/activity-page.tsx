import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ActivityList } from './activity-list.tsx';
import '../activity.css';

/** The committee's activity feed: every change its reader may see, newest first, live. */
export function ActivityPage() {
  const { t } = useTranslation();
  const { committeeId = '' } = useParams();
  return (
    <section className="page" aria-labelledby="activity-title">
      <h1 id="activity-title">{t('activity.title')}</h1>
      <ActivityList committeeId={committeeId} />
    </section>
  );
}
