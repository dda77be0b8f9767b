import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../../lib/api/api-client.ts';

/**
 * Whether an error says the committee is out of reach (missing, or the user is not in it).
 * Asking again cannot help, so the page says so instead of offering a retry.
 */
export function isNoAccess(...errors: unknown[]): boolean {
  return errors.some((error) => isApiError(error, 403) || isApiError(error, 404));
}

export function NoAccessNotice() {
  const { t } = useTranslation();
  return (
    <div className="notice notice--error" role="alert" data-testid="committee-no-access">
      <p>{t('workspace.noAccess')}</p>
      <p>
        <Link to="/">{t('workspace.noAccessHome')}</Link>
      </p>
    </div>
  );
}
