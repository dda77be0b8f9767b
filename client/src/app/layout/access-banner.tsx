import { useTranslation } from 'react-i18next';
import { type ShownAccessNotice, useAccessNotices } from '../../lib/realtime/realtime-provider.tsx';

function useNoticeText(): (notice: ShownAccessNotice) => string {
  const { t, i18n } = useTranslation();
  return (notice) => {
    const committee = notice.committee
      ? `${notice.committee.code} — ${i18n.language === 'ms' ? notice.committee.nameMs || notice.committee.name : notice.committee.name}`
      : t('access.unknownCommittee');
    switch (notice.reason) {
      case 'membership-removed':
        return t('access.membershipRemoved', { committee });
      case 'subscribe-refused':
        return t('access.subscribeRefused', { committee });
      case 'clearance-changed':
        return t('access.clearanceChanged', { level: notice.clearance ? t(`classification.${notice.clearance}`) : '' });
      case 'role-changed':
        return t('access.roleChanged', { committee, role: notice.role ? t(`roles.${notice.role}`) : '' });
      default:
        return t('access.sessionEnded');
    }
  };
}

/**
 * What the server said about the user's access (removed from a committee, clearance changed):
 * said at once, in an alert, until dismissed. The caches were already cleared of what may no
 * longer be seen.
 */
export function AccessBanner() {
  const { t } = useTranslation();
  const { notices, dismiss } = useAccessNotices();
  const text = useNoticeText();
  if (notices.length === 0) return null;
  return (
    <section className="access-banner" aria-label={t('access.region')}>
      {notices.map((notice) => (
        <div key={notice.key} className="notice notice--error" role="alert" data-testid="access-notice" data-reason={notice.reason}>
          <p>{text(notice)}</p>
          <p className="notice__actions">
            <button type="button" className="button button--small" onClick={() => dismiss(notice.key)}>
              {t('access.dismiss')}
            </button>
          </p>
        </div>
      ))}
    </section>
  );
}
