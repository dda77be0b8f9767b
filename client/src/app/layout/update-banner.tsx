import { useTranslation } from 'react-i18next';
import { useProtocolOutdated } from '../../lib/realtime/realtime-provider.tsx';

/**
 * Said when the server refused this page's wire protocol (`protocol_mismatch`): Sidang was
 * updated while the page was open, and only a reload brings the matching app.
 */
export function UpdateBanner({ reload = () => window.location.reload() }: { reload?: () => void }) {
  const { t } = useTranslation();
  if (!useProtocolOutdated()) return null;
  return (
    <div className="notice notice--warning" role="alert" data-testid="update-banner">
      <p>{t('connection.updated')}</p>
      <p className="notice__actions">
        <button type="button" className="button button--small" onClick={reload}>
          {t('connection.reload')}
        </button>
      </p>
    </div>
  );
}
